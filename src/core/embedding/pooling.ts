/**
 * Turns a model's token vectors into one vector per text. Done here rather than by the
 * transformers.js pipeline so pooling follows the registry (mean or CLS) and padding is
 * provably ignored: only positions with attention mask 1 are averaged, in token order, so a
 * text gives the same fp32 vector alone or in a padded batch.
 */
import type { Pooling } from './models';

export interface TokenStates {
  /** Row-major [batch, sequence, dims]. */
  data: Float32Array;
  batch: number;
  sequence: number;
  dims: number;
  /** Row-major [batch, sequence]; 1 for real tokens, 0 for padding. */
  mask: ArrayLike<number | bigint>;
}

export function poolTokenStates(states: TokenStates, pooling: Pooling, normalize: boolean): Float32Array[] {
  const { data, batch, sequence, dims, mask } = states;
  if (data.length !== batch * sequence * dims) {
    throw new Error(`Token states have ${data.length} values, expected ${batch}×${sequence}×${dims}.`);
  }
  if (mask.length !== batch * sequence) {
    throw new Error(`Attention mask has ${mask.length} values, expected ${batch}×${sequence}.`);
  }
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const vector = new Float32Array(dims);
    const rowStart = b * sequence * dims;
    if (pooling === 'cls') {
      vector.set(data.subarray(rowStart, rowStart + dims));
    } else {
      const sums = new Float64Array(dims);
      let count = 0;
      for (let s = 0; s < sequence; s++) {
        if (Number(mask[b * sequence + s]) === 0) continue;
        count++;
        const offset = rowStart + s * dims;
        for (let d = 0; d < dims; d++) sums[d]! += data[offset + d]!;
      }
      for (let d = 0; d < dims; d++) vector[d] = count > 0 ? sums[d]! / count : 0;
    }
    out.push(normalize ? normalizeInPlace(vector) : vector);
  }
  return out;
}

/** Scales to unit length; a zero vector stays zero (no direction to keep). */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / norm;
  return vector;
}
