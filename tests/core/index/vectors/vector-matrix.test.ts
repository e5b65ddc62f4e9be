import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VectorMatrix } from '../../../../src/core/index/vectors/vector-matrix';
import { dequantize, quantize, strideFor } from '../../../../src/core/index/vectors/quantize';
import { dotKernelModuleBytes } from '../../../../src/core/index/vectors/wasm-dot-kernel';

function randomUnit(dims: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const v = new Float32Array(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    v[i] = state / 4294967296 - 0.5;
    norm += v[i]! * v[i]!;
  }
  for (let i = 0; i < dims; i++) v[i]! /= Math.sqrt(norm);
  return v;
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('quantize', () => {
  it('pads to a multiple of 16 and round-trips within one step of the scale', () => {
    const v = randomUnit(100, 7);
    const q = quantize(v);
    expect(q.values.length).toBe(strideFor(100));
    expect(q.values.length).toBe(112);
    const back = dequantize(q, 100);
    for (let i = 0; i < 100; i++) expect(Math.abs(back[i]! - v[i]!)).toBeLessThanOrEqual(q.scale / 2 + 1e-7);
  });

  it('quantizes a zero vector to scale 0 rather than dividing by zero', () => {
    expect(quantize(new Float32Array(8)).scale).toBe(0);
  });
});

describe('WASM dot kernel', () => {
  it('is valid WebAssembly in this runtime', () => {
    expect(WebAssembly.validate(dotKernelModuleBytes())).toBe(true);
  });
});

describe.each(['wasm', 'js'] as const)('VectorMatrix (%s kernel)', (kernel) => {
  it('scores every row like the float dot product, within quantization error', () => {
    const dims = 100;
    const matrix = new VectorMatrix(dims, { kernel });
    expect(matrix.kernel).toBe(kernel);
    const vectors = Array.from({ length: 300 }, (_, i) => randomUnit(dims, i + 1));
    for (const v of vectors) matrix.add(quantize(v));
    const query = randomUnit(dims, 999);
    const scores = matrix.scoreAll(quantize(query));
    expect(scores.length).toBe(300);
    vectors.forEach((v, row) => {
      expect(Math.abs(scores[row]! - dot(query, v))).toBeLessThan(0.02);
      expect(Math.abs(matrix.dotFloat(row, query) - dot(query, v))).toBeLessThan(0.01);
    });
  });

  it('keeps rows dense and consistent across random adds and removes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(-1), fc.nat(50)), { maxLength: 120 }), (ops) => {
        const dims = 20;
        const matrix = new VectorMatrix(dims, { kernel });
        const model: number[] = []; // row → seed
        let next = 1;
        for (const op of ops) {
          if (op === -1 || model.length === 0) {
            const seed = next++;
            expect(matrix.add(quantize(randomUnit(dims, seed)))).toBe(model.length);
            model.push(seed);
          } else {
            const row = op % model.length;
            const moved = matrix.remove(row);
            const last = model.pop()!;
            if (row < model.length) {
              expect(moved).toBe(model.length);
              model[row] = last;
            } else {
              expect(moved).toBe(-1);
            }
          }
        }
        expect(matrix.size).toBe(model.length);
        model.forEach((seed, row) => {
          expect(Array.from(matrix.get(row).values)).toEqual(Array.from(quantize(randomUnit(dims, seed)).values));
        });
        if (model.length > 0) {
          const query = quantize(randomUnit(dims, 4242));
          const scores = Array.from(matrix.scoreAll(query));
          const expected = model.map((seed) => {
            const q = quantize(randomUnit(dims, seed));
            let sum = 0;
            for (let i = 0; i < dims; i++) sum += q.values[i]! * query.values[i]!;
            return sum * q.scale * query.scale;
          });
          scores.forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 4));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('grows past its initial capacity without losing rows', () => {
    const matrix = new VectorMatrix(384, { kernel, initialCapacity: 4 });
    const vectors = Array.from({ length: 1000 }, (_, i) => randomUnit(384, i + 1));
    vectors.forEach((v) => matrix.add(quantize(v)));
    const scores = matrix.scoreAll(quantize(vectors[500]!));
    expect(scores[500]).toBeGreaterThan(0.99);
    expect(Array.from(matrix.get(3).values)).toEqual(Array.from(quantize(vectors[3]!).values));
  });
});
