import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeInPlace, poolTokenStates } from '../../../src/core/embedding/pooling';

describe('poolTokenStates', () => {
  // Two texts, sequence 3, dims 2; the second text has one padding position.
  const data = Float32Array.from([1, 2, 3, 4, 5, 6, /* text 2 */ 10, 0, 20, 0, 999, 999]);
  const mask = [1, 1, 1, 1, 1, 0];

  it('averages only real tokens (mean pooling ignores padding)', () => {
    const [a, b] = poolTokenStates({ data, batch: 2, sequence: 3, dims: 2, mask }, 'mean', false);
    expect(Array.from(a!)).toEqual([3, 4]);
    expect(Array.from(b!)).toEqual([15, 0]);
  });

  it('takes the first token for CLS pooling', () => {
    const [a, b] = poolTokenStates({ data, batch: 2, sequence: 3, dims: 2, mask: mask.map(BigInt) }, 'cls', false);
    expect(Array.from(a!)).toEqual([1, 2]);
    expect(Array.from(b!)).toEqual([10, 0]);
  });

  it('normalizes to unit length; a zero vector stays zero', () => {
    const [a] = poolTokenStates({ data: Float32Array.from([3, 4]), batch: 1, sequence: 1, dims: 2, mask: [1] }, 'mean', true);
    expect(Array.from(a!)).toEqual([0.6, 0.8].map((x) => Math.fround(x)));
    expect(Array.from(normalizeInPlace(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('rejects shapes that do not match', () => {
    expect(() => poolTokenStates({ data, batch: 2, sequence: 2, dims: 2, mask }, 'mean', true)).toThrow(/expected 2×2×2/);
  });

  it('property: adding padding positions never changes a mean-pooled vector', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 * 6 }).filter((a) => a.length % 4 === 0), fc.integer({ min: 1, max: 5 }), (values, pad) => {
        const seq = values.length / 4;
        const plain = poolTokenStates({ data: Float32Array.from(values), batch: 1, sequence: seq, dims: 4, mask: Array(seq).fill(1) }, 'mean', true)[0]!;
        const padded = Float32Array.from([...values, ...Array(pad * 4).fill(7)]);
        const withPad = poolTokenStates({ data: padded, batch: 1, sequence: seq + pad, dims: 4, mask: [...Array(seq).fill(1), ...Array(pad).fill(0)] }, 'mean', true)[0]!;
        expect(Array.from(withPad)).toEqual(Array.from(plain));
      }),
    );
  });
});
