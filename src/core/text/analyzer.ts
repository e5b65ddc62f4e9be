/**
 * Text → index terms for the lexical index: tokenize, fold accents, drop stopwords, stem.
 * Documents are stemmed in their note's language (see `detectLanguage`); queries get both
 * stems of every word, because a three-word query's language cannot be told, and a stem
 * that no document uses simply matches nothing.
 */
import { fold } from './fold';
import type { StemLanguage } from './language';
import { stemEnglish, stemPortuguese } from './stem';
import { STOPWORDS } from './stopwords';
import { tokenize } from './tokenize';

/** Folded words that survive stopword removal, in order (duplicates kept: they are term frequency). */
export function contentWords(text: string): string[] {
  const result: string[] = [];
  for (const word of tokenize(text)) {
    const folded = fold(word);
    if (!STOPWORDS.has(folded)) result.push(folded);
  }
  return result;
}

/** Index terms of a document field, duplicates kept. */
export function analyze(text: string, language: StemLanguage): string[] {
  const terms: string[] = [];
  for (const word of contentWords(text)) {
    if (language === 'pt') terms.push(stemPortuguese(word));
    else if (language === 'en') terms.push(stemEnglish(word));
    else {
      const pt = stemPortuguese(word);
      const en = stemEnglish(word);
      terms.push(pt);
      if (en !== pt) terms.push(en);
    }
  }
  return terms;
}

/** Query terms: both stems of every content word, each term once. */
export function analyzeQuery(text: string): string[] {
  return [...new Set(analyze(text, 'both'))];
}
