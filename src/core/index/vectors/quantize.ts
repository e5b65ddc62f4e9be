/**
 * int8 vectors with one float scale per row: value ≈ int8 × scale.
 *
 * Why int8 (measured, see tests/core/index/vectors/quantization-recall.test.ts and the
 * index README in the report): recall@10 against exact float32 top-10 is ≈ 0.98 on 100k
 * synthetic 384-d vectors and on GloVe embeddings of the Obsidian Help chunks, for a 4×
 * smaller index (30k × 384 chunks: 11.6 MB instead of 46 MB) that loads 4× less data and
 * lets a WASM SIMD kernel score 100k rows in ~2–3 ms.
 */

export interface QuantizedVector {
  /** Length = the matrix stride (dims rounded up to 16); padding is zero. */
  values: Int8Array;
  scale: number;
}

/** Rows are padded to a multiple of 16 bytes so the SIMD kernel reads whole 128-bit lanes. */
export function strideFor(dims: number): number {
  return Math.ceil(dims / 16) * 16;
}

/** Symmetric per-vector quantization: the largest |component| maps to ±127. */
export function quantize(vector: ArrayLike<number>, stride = strideFor(vector.length)): QuantizedVector {
  let max = 0;
  for (let i = 0; i < vector.length; i++) {
    const magnitude = Math.abs(vector[i] as number);
    if (magnitude > max) max = magnitude;
  }
  const values = new Int8Array(stride);
  if (max === 0 || !Number.isFinite(max)) return { values, scale: 0 };
  const scale = max / 127;
  const inverse = 1 / scale;
  for (let i = 0; i < vector.length; i++) values[i] = Math.round((vector[i] as number) * inverse);
  return { values, scale };
}

export function dequantize(vector: QuantizedVector, dims: number): Float32Array {
  const result = new Float32Array(dims);
  for (let i = 0; i < dims; i++) result[i] = (vector.values[i] as number) * vector.scale;
  return result;
}
