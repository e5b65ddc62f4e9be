/** Chooses which retrieved passages the answer may use, and numbers them `[1]..[n]`. */
import type { Passage } from '../retrieval/types';
import { citationFor, type LinkOptions } from './links';
import type { NumberedSource } from './types';
import { foldedTokens, jaccard } from './text';

export type TokenEstimator = (text: string) => number;

/**
 * A cheap, tokenizer-free estimate that errs high: BPE vocabularies split Portuguese words and
 * punctuation more than English, so count words at 1.4 tokens and every symbol as one.
 */
export function estimateTokens(text: string): number {
  const wordCount = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  const symbols = (text.match(/[^\s\p{L}\p{N}]/gu) ?? []).length;
  return Math.ceil(wordCount * 1.4 + symbols);
}

export interface SelectOptions extends LinkOptions {
  /** Token budget for all source texts together (the prompt's context share). */
  budgetTokens: number;
  estimateTokens?: TokenEstimator;
  /** Passages at least this similar (Jaccard of word 3-gram shingles) to a better one are dropped. */
  duplicateThreshold?: number;
  /** Upper bound on the number of sources, whatever the budget. */
  maxSources?: number;
  /** Tokens charged per source for its delimiters and attributes in the prompt. */
  overheadTokens?: number;
}

/**
 * Keeps passages in the given (rank) order, drops near-duplicates of better-ranked ones, and adds
 * passages while they fit the budget — skipping one that does not fit rather than stopping, so a
 * smaller lower-ranked passage can still use the room. The best passage is always kept, cut to the
 * budget if it alone is too long, so there is something to answer from.
 */
export function selectSources(passages: readonly Passage[], options: SelectOptions): NumberedSource[] {
  const estimate = options.estimateTokens ?? estimateTokens;
  const threshold = options.duplicateThreshold ?? 0.8;
  const maxSources = options.maxSources ?? Number.POSITIVE_INFINITY;
  const overhead = options.overheadTokens ?? 24;
  const kept: { passage: Passage; shingles: Set<string> }[] = [];
  let used = 0;
  for (const passage of passages) {
    if (kept.length >= maxSources) break;
    const shingles = shingleSet(passage.text);
    if (kept.some((k) => jaccard(k.shingles, shingles) >= threshold)) continue;
    const cost = estimate(passage.text) + overhead;
    if (kept.length === 0) {
      const fitted = cost <= options.budgetTokens ? passage : truncatePassage(passage, options.budgetTokens - overhead, estimate);
      kept.push({ passage: fitted, shingles });
      used += Math.min(cost, options.budgetTokens);
      continue;
    }
    if (used + cost > options.budgetTokens) continue;
    kept.push({ passage, shingles });
    used += cost;
  }
  return kept.map(({ passage }, i) => ({ n: i + 1, passage, citation: citationFor(passage, options) }));
}

/** Word 3-gram shingles of the folded text (single words for texts shorter than three). */
export function shingleSet(text: string): Set<string> {
  const tokens = foldedTokens(text);
  if (tokens.length < 3) return new Set(tokens);
  const shingles = new Set<string>();
  for (let i = 0; i + 3 <= tokens.length; i++) shingles.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  return shingles;
}

/** Cuts a passage's text at a word boundary so that it fits `budget` tokens, marking the cut. */
function truncatePassage(passage: Passage, budget: number, estimate: TokenEstimator): Passage {
  const pieces = passage.text.match(/\s*\S+/g) ?? [];
  let low = 0;
  let high = pieces.length;
  // Binary search on the number of whitespace-delimited pieces kept: the estimate is monotone in it.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (estimate(pieces.slice(0, mid).join('') + '…') <= budget) low = mid;
    else high = mid - 1;
  }
  const text = pieces.slice(0, Math.max(low, 1)).join('').trim() + '…';
  return { ...passage, text };
}
