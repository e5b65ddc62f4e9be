/**
 * Reads one note and decides what the index should do with it: skip it (too large,
 * binary), record a failure (unreadable, processor error), keep the stored entry (same
 * content), or re-chunk it. Pure with respect to the index: nothing is changed here.
 */
import type { NoteSource, NoteStat } from '../ports';
import { detectLanguage } from '../text/language';
import { hash64 } from './hash';
import type { FailedNote, NoteProcessor, NoteRecord, NoteWarning, SkippedNote } from './types';

export type Prepared =
  | { type: 'skipped'; entry: SkippedNote }
  | { type: 'failed'; entry: FailedNote }
  | { type: 'unchanged'; stat: NoteStat }
  | { type: 'note'; note: NoteRecord };

export interface PrepareContext {
  source: NoteSource;
  processor: NoteProcessor;
  processorVersion: string;
  maxNoteBytes: number;
  now: number;
  /** The stored entry for the path, if any. */
  existing: NoteRecord | undefined;
  /** Whether the stored entry lacks vectors that could now be computed. */
  missingVectors: boolean;
}

/** A NUL, or a share of control characters this high, means the "note" is not text. */
const BINARY_SHARE = 0.01;
const BINARY_SAMPLE = 8192;

/**
 * Replacement characters (bytes that are not UTF-8) do not count: a note saved in Latin-1
 * or Windows-1252 has one per accented letter (3–5% of a Portuguese text) and is still
 * text, worth indexing; binary files give themselves away by NULs and control characters
 * (found by tests/faults/bad-notes.test.ts, where such a note was dropped as "binary").
 */
export function looksBinary(text: string): boolean {
  const sample = text.length > BINARY_SAMPLE ? text.slice(0, BINARY_SAMPLE) : text;
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) odd++;
  }
  return sample.length > 0 && odd / sample.length > BINARY_SHARE;
}

/** A warning for text with replacement characters, which the reader put where bytes were not UTF-8. */
function encodingWarning(text: string): NoteWarning | null {
  let replaced = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) replaced++;
  if (replaced === 0) return null;
  return {
    code: 'encoding',
    message: `${replaced} character${replaced === 1 ? ' is' : 's are'} not valid UTF-8 and could not be read (is the file saved in another encoding?)`,
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.round(bytes / 1000)} kB`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function prepareNote(stat: NoteStat, context: PrepareContext): Promise<Prepared> {
  const { path } = stat;
  const skip = (reason: SkippedNote['reason'], detail: string): Prepared => ({
    type: 'skipped',
    entry: { path, reason, detail, mtime: stat.mtime, size: stat.size },
  });
  const fail = (reason: string): Prepared => ({
    type: 'failed',
    entry: { path, reason, mtime: stat.mtime, size: stat.size, at: context.now },
  });

  if (stat.size > context.maxNoteBytes) {
    return skip('too-large', `${formatBytes(stat.size)} is over the ${formatBytes(context.maxNoteBytes)} limit`);
  }
  let text: string;
  try {
    text = await context.source.read(path);
  } catch (error) {
    return fail(`could not read the file: ${message(error)}`);
  }
  if (looksBinary(text)) return skip('binary', 'the file holds binary data, not text');

  const contentHash = hash64(text);
  const existing = context.existing;
  if (existing && existing.contentHash === contentHash && existing.processor === context.processorVersion) {
    if (!context.missingVectors) return { type: 'unchanged', stat };
    // Same text, same processor: the stored chunks are what parsing would give again; only vectors
    // are missing (indexed while no model was loaded). Skipping the parse halves a cold start's work.
    return { type: 'note', note: { ...existing, mtime: stat.mtime, size: stat.size, indexedAt: context.now } };
  }
  try {
    const { chunks, meta } = await context.processor(path, text);
    const encoding = encodingWarning(text);
    if (encoding) meta.warnings = [...meta.warnings, encoding];
    const language = detectLanguage(chunks.map((c) => c.text).join('\n'));
    return {
      type: 'note',
      note: { path, mtime: stat.mtime, size: stat.size, contentHash, meta, language, indexedAt: context.now, processor: context.processorVersion, chunks },
    };
  } catch (error) {
    return fail(`could not be processed: ${message(error)}`);
  }
}
