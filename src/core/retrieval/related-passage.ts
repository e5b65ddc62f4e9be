/** A chunk as a short, citable passage: heading, line, snippet. */
import type { Chunk } from '../chunking/types';
import type { RelatedPassage } from './related-types';

/** Characters of a snippet: about two lines of a sidebar. */
export const SNIPPET_LENGTH = 180;

/** Whitespace flattened, cut at a word boundary with an ellipsis when longer than `max`. */
export function snippetOf(text: string, max = SNIPPET_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The chunk's text without the callout title the chunker puts in front (`Definição RAG é…`
 * reads better as `RAG é…` under a heading that already says where it is).
 */
export function chunkBody(chunk: Chunk): string {
  const title = chunk.callout?.title.trim();
  if (title && chunk.text.startsWith(title)) return chunk.text.slice(title.length).trimStart();
  return chunk.text;
}

export function passageOf(chunk: Chunk, from?: Chunk): RelatedPassage {
  const passage: RelatedPassage = {
    heading: chunk.headingTrail.at(-1) ?? null,
    line: chunk.startLine,
    snippet: snippetOf(chunkBody(chunk)),
    chunkId: chunk.id,
  };
  if (from) passage.from = { heading: from.headingTrail.at(-1) ?? null, line: from.startLine };
  return passage;
}
