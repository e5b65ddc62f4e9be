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
 * A snippet that shows `term` when the text mentions it beyond the first `max` characters: the
 * window starts a few words before the mention (with a leading ellipsis). Otherwise as
 * snippetOf. A card listing the notes that cover a concept must show where they mention it.
 */
export function snippetAround(text: string, term: string, max = SNIPPET_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const wanted = term.replace(/\s+/g, ' ').trim().toLowerCase();
  const at = wanted === '' ? -1 : flat.toLowerCase().indexOf(wanted);
  // snippetOf may cut back to a word start as early as 60% of `max`.
  if (at < 0 || at + wanted.length <= max * 0.6) return snippetOf(flat, max);
  // About a third of the window before the mention, from a word start.
  let start = Math.max(0, at - Math.floor(max / 3));
  const space = flat.indexOf(' ', start);
  if (start > 0 && space >= 0 && space < at) start = space + 1;
  return `…${snippetOf(flat.slice(start), max - 1)}`;
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
