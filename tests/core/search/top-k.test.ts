import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TopK } from '../../../src/core/search/top-k';

describe('TopK', () => {
  it('keeps exactly the k best, best first, like a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 300 }), fc.nat(20), (scores, k) => {
        const heap = new TopK(k);
        scores.forEach((s, i) => heap.push(i, s));
        const expected = scores
          .map((score, index) => ({ index, score }))
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .slice(0, k);
        const got = heap.sorted();
        expect(got.map((g) => g.score)).toEqual(expected.map((e) => e.score));
      }),
    );
  });

  it('ignores NaN scores', () => {
    const heap = new TopK(2);
    heap.push(0, Number.NaN);
    heap.push(1, 0.5);
    expect(heap.sorted()).toEqual([{ index: 1, score: 0.5 }]);
  });
});
