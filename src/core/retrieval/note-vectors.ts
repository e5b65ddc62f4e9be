/**
 * Note-to-note vector similarity from the vectors already in the index: nothing is embedded.
 *
 * Each chunk of the active note (a long note: an even sample of them) scans the int8 matrix
 * once, which scores every chunk of the vault; keeping each note's best chunk per scan gives,
 * for every note at once, how well it matches each part of the active note. A few scans
 * instead of all pairs: the cost is linear in the vault and independent of candidate counts.
 */
import type { Chunk } from '../chunking/types';
import type { IndexState } from '../index/index-state';
import { sampleEvenly } from './sample';

/**
 * Scans per note, i.e. chunks of a long note that take part. Each costs one pass over the
 * matrix (≈1 ms for 30k 384-d rows with the WASM kernel), so this bounds the refresh time.
 */
export const MAX_SOURCE_CHUNKS = 12;

export interface VectorSimilarity {
  /** Per note ordinal: mean over the active note's (sampled) chunks of their best cosine in that note; NaN where the note has no vector. */
  coverage: Float32Array;
  /** Per note ordinal: the best single cosine between a chunk of each note. */
  best: Float32Array;
  /** Per note ordinal: matrix row of its chunk in the best pair, and which source chunk it matched. */
  bestRow: Int32Array;
  bestSource: Int32Array;
  /** The active note's chunks that were scanned, in note order. */
  source: Chunk[];
}

/** The note's chunks that have a stored vector (sampled evenly when there are many). */
export function sourceChunks(state: IndexState, path: string): Chunk[] {
  const note = state.note(path);
  if (!note || !state.matrix) return [];
  const withVectors = note.chunks.filter((chunk) => (state.chunk(chunk.id)?.row ?? -1) >= 0);
  return sampleEvenly(withVectors, MAX_SOURCE_CHUNKS);
}

/** Similarity of every note to the given chunks; null when none of them has a vector. */
export function vectorSimilarity(state: IndexState, source: readonly Chunk[]): VectorSimilarity | null {
  const matrix = state.matrix;
  if (!matrix || source.length === 0) return null;
  const notes = state.ordinalLimit;
  const sum = new Float32Array(notes);
  const best = new Float32Array(notes).fill(-Infinity);
  const bestRow = new Int32Array(notes).fill(-1);
  const bestSource = new Int32Array(notes).fill(-1);
  const scanBest = new Float32Array(notes);
  const scanRow = new Int32Array(notes);
  const owners = new Int32Array(matrix.size);
  for (let row = 0; row < owners.length; row++) owners[row] = state.rowOwner(row).noteOrdinal;

  const scanned: Chunk[] = [];
  for (const chunk of source) {
    const row = state.chunk(chunk.id)?.row ?? -1;
    if (row < 0) continue;
    const s = scanned.length;
    scanned.push(chunk);
    // The stored row is already quantized with the matrix stride: scan with it as is.
    const scores = matrix.scoreAll(matrix.get(row));
    scanBest.fill(-Infinity);
    scanRow.fill(-1);
    for (let r = 0; r < owners.length; r++) {
      const o = owners[r] as number;
      const score = scores[r] as number;
      if (score > (scanBest[o] as number)) {
        scanBest[o] = score;
        scanRow[o] = r;
      }
    }
    for (let o = 0; o < notes; o++) {
      const score = scanBest[o] as number;
      if (score === -Infinity) continue;
      sum[o] = (sum[o] as number) + score;
      if (score > (best[o] as number)) {
        best[o] = score;
        bestRow[o] = scanRow[o] as number;
        bestSource[o] = s;
      }
    }
  }
  if (scanned.length === 0) return null;
  const coverage = new Float32Array(notes);
  for (let o = 0; o < notes; o++) coverage[o] = bestRow[o] === -1 ? NaN : (sum[o] as number) / scanned.length;
  return { coverage, best, bestRow, bestSource, source: scanned };
}
