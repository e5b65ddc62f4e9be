/** Word-level text helpers shared by question analysis, deduplication and sentence scoring. */
import { fold } from '../text/fold';
import { stemEnglish, stemPortuguese } from '../text/stem';
import { isStopword } from './stopwords';

/** Lower-cases and removes accents, so "Transferência" and "transferencia" compare equal (the lexical index's own folding). */
export { fold };

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Words as written, hyphenated compounds ("fine-tuning", "pré-treinado") kept whole. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Folded word pieces (compounds split at hyphens/apostrophes), for matching. */
export function foldedTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of words(fold(text))) {
    for (const piece of word.split(/[-'’]/)) if (piece) out.push(piece);
  }
  return out;
}

/**
 * The stems a folded token may take. Notes mix Portuguese and English ("Transfer learning, ou
 * aprendizado por transferência"), so both stemmers are applied and a match on either counts.
 */
export function stemVariants(folded: string): string[] {
  // The lexical index's stemmers, so answers and search agree on which words meet.
  const pt = stemPortuguese(folded);
  const en = stemEnglish(folded);
  return pt === en ? [pt] : [pt, en];
}

/** Whether a folded token says something about the topic (not a stopword, not a lone letter). */
export function isContentToken(folded: string): boolean {
  if (folded.length < 2 && !/\d/.test(folded)) return false;
  return !isStopword(folded);
}

/** Every stem variant of every content token in a text: the set sentence relevance is measured on. */
export function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const token of foldedTokens(text)) {
    if (!isContentToken(token)) continue;
    for (const stem of stemVariants(token)) stems.add(stem);
  }
  return stems;
}

/**
 * A question term as matchable pieces: each piece lists its stem variants, and the term matches a
 * text only when every piece does (so "fine-tuning" needs both "fine" and "tuning").
 */
export function termPieces(term: string): string[][] {
  return foldedTokens(term).filter(isContentToken).map(stemVariants);
}

export function termMatches(pieces: string[][], stems: ReadonlySet<string>): boolean {
  return pieces.length > 0 && pieces.every((variants) => variants.some((v) => stems.has(v)));
}

/**
 * A phrase reduced for name comparison: folded words, a plural `s` dropped, so "LLMs" names the
 * note "LLM" and "Transformers" the note "Transformer".
 */
export function phraseKey(text: string): string {
  return foldedTokens(text)
    .map((t) => (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t))
    .join(' ');
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
