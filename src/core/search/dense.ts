/**
 * Dense retrieval: brute-force cosine over the contiguous int8 matrix (WASM SIMD where
 * available), a partial selection of the best candidates, then a re-rank of those with the
 * float query against the stored rows, which recovers most of what quantizing the query
 * cost (see quantize.ts for the measured recall).
 */
import type { ChunkEntry, IndexState } from '../index/index-state';
import { quantize } from '../index/vectors/quantize';
import type { ChunkPredicate } from './filters';
import { TopK } from './top-k';

export interface DenseHit {
  entry: ChunkEntry;
  /** Cosine similarity (vectors are unit length). */
  score: number;
}

/** Candidates re-ranked per result wanted: a few near-ties swap order under int8 noise. */
const RERANK_FACTOR = 4;
const RERANK_MIN = 32;

export function denseSearch(state: IndexState, query: Float32Array, limit: number, allow: ChunkPredicate | null): DenseHit[] {
  const matrix = state.matrix;
  if (!matrix || matrix.size === 0 || limit <= 0) return [];
  if (query.length !== matrix.dims) {
    throw new Error(`query vector has ${query.length} dimensions but the index holds ${matrix.dims}-d vectors`);
  }
  const scores = matrix.scoreAll(quantize(query, matrix.stride));
  const pool = new TopK(Math.max(limit * RERANK_FACTOR, RERANK_MIN));
  const rows = matrix.size;
  if (allow) {
    for (let row = 0; row < rows; row++) {
      const score = scores[row] as number;
      if (score > pool.threshold && allow(state.rowOwner(row))) pool.push(row, score);
    }
  } else {
    for (let row = 0; row < rows; row++) pool.push(row, scores[row] as number);
  }
  const reranked = new TopK(limit);
  for (const { index: row } of pool.sorted()) reranked.push(row, matrix.dotFloat(row, query));
  return reranked.sorted().map(({ index, score }) => ({ entry: state.rowOwner(index), score }));
}
