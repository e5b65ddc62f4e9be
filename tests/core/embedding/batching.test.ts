import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBatches, paddedTokens } from '../../../src/core/embedding/batching';

const options = { maxBatchSize: 8, tokenBudget: 2048 };

describe('planBatches', () => {
  it('sorts by length so a batch pads only to similar lengths', () => {
    // Interleaved short and long texts, as PERF.md's padding case.
    const lengths = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 16 : 256));
    const batches = planBatches(lengths, options);
    const executed = batches.reduce((sum, b) => sum + paddedTokens(b, lengths), 0);
    const useful = lengths.reduce((a, b) => a + b, 0);
    expect(executed).toBe(useful);
    expect(batches.every((b) => b.length <= 8)).toBe(true);
  });

  it('fits long texts into the token budget (512-token texts go 4 at a time)', () => {
    const batches = planBatches(Array(10).fill(512), options);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
  });

  it('puts higher priorities first and never mixes priorities in a batch', () => {
    const lengths = [10, 300, 20, 5, 40];
    const priority = [0, 1, 0, 1, 0];
    const batches = planBatches(lengths, { ...options, priority });
    expect(batches[0]).toEqual([3, 1]);
    expect(batches.slice(1).flat().sort()).toEqual([0, 2, 4]);
  });

  it('rejects a priority list of the wrong length', () => {
    expect(() => planBatches([1, 2], { ...options, priority: [1] })).toThrow(/priorities \(1\) must match the number of texts \(2\)/);
  });

  it('property: every index exactly once, batches within size and budget (a lone oversized text excepted), priorities non-increasing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ length: fc.integer({ min: 0, max: 600 }), priority: fc.integer({ min: 0, max: 2 }) }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 4096 }),
        (items, maxBatchSize, tokenBudget) => {
          const lengths = items.map((i) => i.length);
          const priority = items.map((i) => i.priority);
          const batches = planBatches(lengths, { maxBatchSize, tokenBudget, priority });
          const flat = batches.flat();
          expect([...flat].sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length).toBeLessThanOrEqual(maxBatchSize);
            const cost = b.length * Math.max(...b.map((i) => Math.max(1, lengths[i]!)));
            if (b.length > 1) expect(cost).toBeLessThanOrEqual(tokenBudget);
            expect(new Set(b.map((i) => priority[i])).size).toBe(1);
          }
          const order = flat.map((i) => priority[i]!);
          for (let k = 1; k < order.length; k++) expect(order[k]!).toBeLessThanOrEqual(order[k - 1]!);
        },
      ),
    );
  });
});
