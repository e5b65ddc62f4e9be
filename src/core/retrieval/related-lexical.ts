/**
 * Relatedness without vectors: the note's own words as a keyword query. The author's choices
 * say best what a note is about (title, aliases, headings, ==highlights==), then the words it
 * repeats most; BM25 weighs each by its rarity in the vault.
 */
import { contentWords } from '../text/analyzer';
import type { NoteRecord } from '../index/types';

export interface KeyTermSizes {
  /** Headings and highlights, each (a long note's are capped so the query stays a query). */
  authored: number;
  /** Most frequent content words added. */
  frequent: number;
}

/**
 * Size hardly matters for quality (recall@10 of a note's links, keywords only; example /
 * help-en / help-pt-br): 12 + 12 → 0.762 / 0.569 / 0.556; 4 + 8 → 0.762 / 0.595 / 0.551;
 * 2 + 3 → 0.776 / 0.575 / 0.535; title and aliases alone 0.726 / 0.585 / 0.545. It does not
 * buy speed either on a big vault (hub, 23k chunks: 150–250 ms p50 for any of them, the
 * cost is the posting lists of its common words), so the middle size.
 */
export const KEY_TERM_SIZES: KeyTermSizes = { authored: 4, frequent: 8 };
/** Words this short are mostly noise in a key-term list (articles, units, abbreviations). */
const MIN_TERM_LENGTH = 4;

export function keyTermQuery(note: NoteRecord, sizes: KeyTermSizes = KEY_TERM_SIZES): string {
  const authored: string[] = [note.meta.title, ...note.meta.aliases];
  const headings = new Set<string>();
  for (const chunk of note.chunks) {
    const heading = chunk.headingTrail.at(-1);
    if (heading && heading !== note.meta.title) headings.add(heading);
  }
  authored.push(...[...headings].slice(0, sizes.authored));
  authored.push(...note.chunks.flatMap((c) => c.highlights).slice(0, sizes.authored));

  const counts = new Map<string, number>();
  for (const chunk of note.chunks) {
    for (const word of contentWords(chunk.text)) {
      if (word.length < MIN_TERM_LENGTH || /^\d+$/.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const frequent = [...counts]
    .filter(([, n]) => n > 1)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, sizes.frequent)
    .map(([word]) => word);
  return [...authored, ...frequent].join(' ').replace(/\s+/g, ' ').trim();
}
