/** How well a piece of note text answers a question: weighted term coverage and concept naming. */
import type { NumberedSource, QuestionAnalysis } from './types';
import { fold, phraseKey, termMatches, termPieces } from './text';

export interface WeightedTerm {
  term: string;
  pieces: string[][];
  weight: number;
}

/**
 * Question terms weighted by rarity among the candidate units (a term every sentence shares tells
 * little) and doubled when they belong to the concept being asked about. Terms found nowhere get
 * the highest weight, so a question about something absent cannot reach full coverage.
 */
export function weighTerms(analysis: QuestionAnalysis, unitStems: readonly ReadonlySet<string>[]): WeightedTerm[] {
  const conceptKeys = new Set(analysis.concept ? termKeys(analysis.concept) : []);
  const total = unitStems.length;
  const out: WeightedTerm[] = [];
  for (const term of analysis.terms) {
    const pieces = termPieces(term);
    if (pieces.length === 0) continue;
    let df = 0;
    for (const stems of unitStems) if (termMatches(pieces, stems)) df++;
    const idf = Math.log(1 + (total + 1) / (df + 0.5));
    const inConcept = fold(term).split(/[-'’]/).some((piece) => conceptKeys.has(piece));
    out.push({ term, pieces, weight: idf * (inConcept ? 2 : 1) });
  }
  return out;
}

function termKeys(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Share of the question's term weight that a text's stems cover, 0..1. */
export function coverage(terms: readonly WeightedTerm[], stems: ReadonlySet<string>): number {
  let all = 0;
  let hit = 0;
  for (const t of terms) {
    all += t.weight;
    if (termMatches(t.pieces, stems)) hit += t.weight;
  }
  return all === 0 ? 0 : hit / all;
}

/** The names a source's note goes by: title, aliases and its section heading, each also split at a parenthesis. */
export function sourceNames(source: NumberedSource, aliases: readonly string[]): string[] {
  const heading = source.passage.headingTrail[source.passage.headingTrail.length - 1];
  const names = [source.passage.title, ...aliases, ...(heading ? [heading] : [])];
  return names.flatMap(nameVariants);
}

/** "Transfer Learning (aprendizado por transferência)" also answers to either half. */
export function nameVariants(name: string): string[] {
  const out = [name];
  const match = /^(.+?)\s*\((.+)\)\s*$/.exec(name);
  if (match?.[1] && match[2]) out.push(match[1], match[2]);
  return out;
}

export function namesConcept(names: readonly string[], concept: string): boolean {
  const wanted = new Set(nameVariants(concept).map(phraseKey));
  return names.some((name) => wanted.has(phraseKey(name)));
}

const COPULAS = new Set(['e', 'sao', 'is', 'are', 'refer', 'refere', 'consiste', 'significa', 'mean', 'denota', 'designa', 'describe', 'descreve']);

/** "X é …", "X, ou Y, é uma técnica …", "X is …": the sentence states what the concept is. */
export function definesConcept(text: string, concept: string): boolean {
  const tokens = phraseKey(text).split(' ');
  for (const variant of nameVariants(concept)) {
    const key = phraseKey(variant).split(' ').filter(Boolean);
    if (key.length === 0) continue;
    for (let i = 0; i + key.length <= tokens.length; i++) {
      if (!key.every((k, j) => tokens[i + j] === k)) continue;
      const after = tokens.slice(i + key.length, i + key.length + 7);
      if (after.some((t) => COPULAS.has(t))) return true;
    }
  }
  return false;
}

