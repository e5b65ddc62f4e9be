/**
 * The text side of relatedness, on [0, 1] per candidate: vector similarity from the stored
 * chunk vectors, and the note's key terms as a BM25 query, each normalised over its own
 * candidate pool, then mixed. Without vectors only the keyword side exists.
 */
import type { Chunk } from '../chunking/types';
import type { IndexState } from '../index/index-state';
import { aggregateByNote } from '../search/aggregate';
import type { ChunkPredicate } from '../search/filters';
import { lexicalSearch } from '../search/lexical';
import { toPassage } from '../search/searcher';
import { TopK } from '../search/top-k';
import { vectorSimilarity, type VectorSimilarity } from './note-vectors';
import { keyTermQuery } from './related-lexical';
import { passageOf } from './related-passage';
import type { RelatedPassage } from './related-types';

/**
 * How chunk-level similarity becomes note-level similarity. `coverage`: the mean over the
 * active note's chunks of their best match in the other note (how much of this note the
 * other one speaks to); `best`: the best single pair; `best+coverage`: their mean.
 */
export type TextAggregate = 'best' | 'coverage' | 'best+coverage';

/** Notes taken from each side (best vector scores, best keyword scores) as candidates. */
export const TEXT_POOL = 50;
/** Keyword hits (chunks) fetched before grouping them by note. */
const KEYWORD_CHUNKS = 200;

export interface TextCandidate {
  /** Mixed text score on [0, 1]. */
  score: number;
  /** Note-level cosine aggregate, when both notes have vectors. */
  semantic?: number;
  /** BM25 score of the note for the key-term query, when it matched. */
  lexical?: number;
  passage: RelatedPassage | null;
}

export interface TextOptions {
  /** The active note's chunks to compare by vectors (empty: keywords only). */
  source: readonly Chunk[];
  /** Notes always scored, though neither pool holds them (graph neighbours). */
  extra: readonly string[];
  /** Which notes may be suggested. */
  allowNote: (path: string) => boolean;
  /** The same as a chunk predicate, for the keyword search. */
  allowChunk: ChunkPredicate | null;
  aggregate: TextAggregate;
  /** Share of vector similarity in the mix, [0, 1]; the rest is keywords. */
  dense: number;
}

export function textCandidates(state: IndexState, path: string, options: TextOptions): Map<string, TextCandidate> {
  const vectors = options.dense > 0 ? vectorSimilarity(state, options.source) : null;
  const useKeywords = state.lexical !== null && (!vectors || options.dense < 1);

  const keywords = new Map<string, { raw: number; passage: RelatedPassage | null }>();
  if (useKeywords) {
    const note = state.note(path);
    const hits = note ? lexicalSearch(state, keyTermQuery(note), KEYWORD_CHUNKS, options.allowChunk) : [];
    for (const hit of aggregateByNote(hits.map((h) => toPassage(h.entry, h.score, undefined, h.score)), TEXT_POOL)) {
      const chunk = hit.passages[0] ? state.chunk(hit.passages[0].chunkId)?.chunk : undefined;
      keywords.set(hit.path, { raw: hit.score, passage: chunk ? passageOf(chunk) : null });
    }
  }

  const semantic = new Map<string, number>();
  const vectorPool = vectors ? topByVectors(state, vectors, options) : [];
  if (vectors) {
    for (const p of new Set([...vectorPool, ...keywords.keys(), ...options.extra])) {
      const value = aggregateOf(state, vectors, p, options.aggregate);
      if (value !== null) semantic.set(p, value);
    }
  }

  const semNorm = minMax(vectorPool.map((p) => semantic.get(p) as number));
  const lexNorm = minMax([0, ...[...keywords.values()].map((k) => k.raw)]);
  const dense = vectors ? (useKeywords ? options.dense : 1) : 0;
  const result = new Map<string, TextCandidate>();
  for (const p of new Set([...vectorPool, ...keywords.keys(), ...options.extra])) {
    const sem = semantic.get(p);
    const kw = keywords.get(p);
    if (sem === undefined && !kw) continue;
    const score = dense * (sem === undefined ? 0 : semNorm(sem)) + (1 - dense) * (kw ? lexNorm(kw.raw) : 0);
    const passage = (vectors && bestPassage(state, vectors, p)) || (kw?.passage ?? null);
    const candidate: TextCandidate = { score, passage };
    if (sem !== undefined) candidate.semantic = sem;
    if (kw) candidate.lexical = kw.raw;
    result.set(p, candidate);
  }
  return result;
}

function aggregateOf(state: IndexState, v: VectorSimilarity, path: string, aggregate: TextAggregate): number | null {
  const o = state.ordinalOf(path);
  if (o === undefined || v.bestRow[o] === -1) return null;
  const coverage = v.coverage[o] as number;
  const best = v.best[o] as number;
  return aggregate === 'best' ? best : aggregate === 'coverage' ? coverage : (best + coverage) / 2;
}

/** The TEXT_POOL allowed notes with the highest vector score. */
function topByVectors(state: IndexState, v: VectorSimilarity, options: TextOptions): string[] {
  const top = new TopK(TEXT_POOL);
  const paths: string[] = [];
  for (const note of state.notes()) {
    const value = aggregateOf(state, v, note.path, options.aggregate);
    if (value === null || value <= top.threshold || !options.allowNote(note.path)) continue;
    top.push(paths.length, value);
    paths.push(note.path);
  }
  return top.sorted().map(({ index }) => paths[index] as string);
}

/** The other note's chunk in the best pair, with the active note's chunk it matched. */
function bestPassage(state: IndexState, v: VectorSimilarity, path: string): RelatedPassage | null {
  const o = state.ordinalOf(path);
  if (o === undefined) return null;
  const row = v.bestRow[o] as number;
  if (row < 0) return null;
  return passageOf(state.rowOwner(row).chunk, v.source[v.bestSource[o] as number]);
}

/**
 * Min–max over a pool, clamped: cosine levels differ by model (GloVe puts unrelated texts
 * near 0.3, e5 near 0.75) and BM25 has no scale at all; the pool's range is what compares.
 */
function minMax(values: number[]): (x: number) => number {
  if (values.length === 0) return () => 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  return (x) => (range > 0 ? Math.min(1, Math.max(0, (x - min) / range)) : 1);
}
