/**
 * The production NoteProcessor: parseNote + chunkNote, with the note metadata the index
 * keeps (title from the file name, aliases, tags, outgoing link targets, parse warnings).
 */
import { chunkNote, DEFAULT_TOKEN_BUDGET, type TokenCounter } from '../chunking';
import { noteTitleFromPath, parseNote } from '../markdown';
import type { NoteProcessor, ProcessedNote } from './types';

export interface NoteProcessorOptions {
  /** Chunk token budget (the `chunkTokenBudget` setting). */
  tokenBudget?: number;
  /** The model tokenizer's counter, when one is available synchronously; an estimate otherwise. */
  countTokens?: TokenCounter;
  /** Passed to parseNote; the indexer already skips notes above its own `maxNoteBytes`. */
  maxBytes?: number;
}

/**
 * Bump when parseNote/chunkNote change what they produce for the same text: stored notes
 * chunked by another version are re-chunked at the next sync (their unchanged chunks keep
 * their vectors, which are cached by content hash).
 */
export const NOTE_PROCESSOR_REVISION = 1;

/** The `processorVersion` to give the Indexer for these options. */
export function noteProcessorVersion(options: NoteProcessorOptions = {}, tokenizerId = 'estimate'): string {
  return `markdown-chunks/${NOTE_PROCESSOR_REVISION}/budget=${options.tokenBudget ?? DEFAULT_TOKEN_BUDGET}/tokens=${tokenizerId}`;
}

export function createNoteProcessor(options: NoteProcessorOptions = {}): NoteProcessor {
  return (path: string, text: string): ProcessedNote => {
    const doc = options.maxBytes === undefined ? parseNote(text) : parseNote(text, { maxBytes: options.maxBytes });
    const chunkOptions = options.countTokens ? { tokenBudget: options.tokenBudget ?? DEFAULT_TOKEN_BUDGET, countTokens: options.countTokens } : { tokenBudget: options.tokenBudget ?? DEFAULT_TOKEN_BUDGET };
    const chunks = chunkNote(path, text, doc, chunkOptions);
    const links = new Set<string>();
    for (const link of doc.links) links.add(link.link);
    for (const embed of doc.embeds) links.add(embed.link);
    for (const link of doc.frontmatterLinks ?? []) links.add(link.link);
    return {
      chunks,
      meta: {
        title: noteTitleFromPath(path),
        aliases: doc.aliases,
        tags: doc.allTags,
        links: [...links],
        warnings: doc.warnings.map((w) => (w.line === undefined ? { code: w.code, message: w.message } : { code: w.code, message: w.message, line: w.line })),
      },
    };
  };
}
