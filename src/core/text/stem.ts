/**
 * Portuguese and English stemming (Snowball) over folded words, so that accents never
 * decide whether two forms meet: "definição", "definicao", "definições" → one stem.
 */
import { newStemmer } from 'snowball-stemmers';
import { fold } from './fold';

const portuguese = newStemmer('portuguese');
const english = newStemmer('english');

/** Plurals in -ões/-ãos (folded: -oes/-aos) reduced to -ão, which Snowball would keep apart from the singular. */
const PORTUGUESE_NASAL_PLURAL = /(.{3,})(?:oes|aos)$/;

/**
 * Folded Portuguese endings turned back into the accented suffixes the Snowball rules look
 * for ("informacao" → "informação" → "inform"). The input is always folded first, so "ação"
 * and "acao" take the same path and always get the same stem. First match wins.
 */
const PORTUGUESE_REACCENT: [RegExp, string][] = [
  [/cao$/, 'ção'],
  [/ao$/, 'ão'],
  [/encia(s?)$/, 'ência$1'],
  [/ancia(s?)$/, 'ância$1'],
  [/avel$/, 'ável'],
  [/aveis$/, 'áveis'],
  [/ivel$/, 'ível'],
  [/iveis$/, 'íveis'],
];

/** Bounded memo: the same few thousand words recur across a vault; stemming each once is the whole cost. */
class StemCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly limit: number) {}
  get(word: string, compute: (word: string) => string): string {
    let stem = this.map.get(word);
    if (stem === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      stem = compute(word);
      this.map.set(word, stem);
    }
    return stem;
  }
}

const portugueseCache = new StemCache(100_000);
const englishCache = new StemCache(100_000);

/** Portuguese stem of a folded, lower-case word; the result is folded too. */
export function stemPortuguese(folded: string): string {
  return portugueseCache.get(folded, (word) => {
    let prepared = word.replace(PORTUGUESE_NASAL_PLURAL, '$1ao');
    const rule = PORTUGUESE_REACCENT.find(([pattern]) => pattern.test(prepared));
    if (rule) prepared = prepared.replace(rule[0], rule[1]);
    return fold(portuguese.stem(prepared));
  });
}

/** English (Porter2) stem of a folded, lower-case word. */
export function stemEnglish(folded: string): string {
  return englishCache.get(folded, (word) => english.stem(word));
}
