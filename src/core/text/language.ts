/**
 * Which stemmer a note's text gets. Decided per note, not per chunk: a note is usually
 * written in one language, and its short fields (title, headings, a one-line chunk) carry
 * too little evidence on their own. When the evidence is thin or mixed the note gets both
 * stemmers ('both'), which costs a few extra index terms but never loses a match.
 */
import { fold } from './fold';
import { ENGLISH_MARKERS, PORTUGUESE_MARKERS } from './stopwords';
import { tokenize } from './tokenize';

export type StemLanguage = 'pt' | 'en' | 'both';

/** Fewer marker words than this and we do not guess. */
const MIN_EVIDENCE = 4;
/** Share of markers one language needs to win; below it the text counts as mixed. */
const DOMINANCE = 0.75;
/** Enough text to decide; reading further only costs time. */
const MAX_WORDS = 2000;

export function detectLanguage(text: string): StemLanguage {
  let portuguese = 0;
  let english = 0;
  const words = tokenize(text);
  const limit = Math.min(words.length, MAX_WORDS);
  for (let i = 0; i < limit; i++) {
    const word = fold(words[i] as string);
    if (PORTUGUESE_MARKERS.has(word)) portuguese++;
    if (ENGLISH_MARKERS.has(word)) english++;
  }
  const total = portuguese + english;
  if (total < MIN_EVIDENCE) return 'both';
  if (portuguese / total >= DOMINANCE) return 'pt';
  if (english / total >= DOMINANCE) return 'en';
  return 'both';
}
