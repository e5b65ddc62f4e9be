// The batch runner's orchestration (order, progress, abort, concurrency) with a deterministic
// stand-in for the model: each "vector" encodes its text, so misplaced results are visible.
// Real-model behaviour is covered in tests/embedding/.
import { describe, expect, it } from 'vitest';
import { embedInBatches, type BatchFunctions } from '../../../src/core/embedding/batch-runner';

const textOf = (v: Float32Array): string => String.fromCharCode(...Array.from(v));
const vectorOf = (t: string): Float32Array => Float32Array.from(t, (c) => c.charCodeAt(0));

function backend(delayMs = 0): BatchFunctions & { batches: string[][]; inFlight: number; maxInFlight: number } {
  const state = {
    batches: [] as string[][],
    inFlight: 0,
    maxInFlight: 0,
    countTokens: (texts: string[]) => Promise.resolve(texts.map((t) => t.length)),
    embedBatch: async (texts: string[]) => {
      state.batches.push(texts);
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      await new Promise((r) => setTimeout(r, delayMs));
      state.inFlight--;
      return texts.map(vectorOf);
    },
  };
  return state;
}

const texts = Array.from({ length: 30 }, (_, i) => 'x'.repeat((i * 7) % 23 + 1) + `#${i}`);

describe('embedInBatches', () => {
  it('returns vectors in input order whatever the batch order', async () => {
    const b = backend();
    const out = await embedInBatches(texts, b, { maxTokens: 512 });
    expect(out.map(textOf)).toEqual(texts);
    expect(b.batches.length).toBe(Math.ceil(texts.length / 8));
    const lengths = b.batches.flat().map((t) => t.length);
    expect(lengths).toEqual([...lengths].sort((x, y) => x - y));
  });

  it('reports cumulative progress after each batch', async () => {
    const progress: [number, number][] = [];
    await embedInBatches(texts, backend(), { maxTokens: 512, onProgress: (d, t) => progress.push([d, t]) });
    expect(progress.at(-1)).toEqual([30, 30]);
    expect(progress.map(([d]) => d)).toEqual([8, 16, 24, 30]);
  });

  it('embeds priority texts first', async () => {
    const b = backend();
    const priority = texts.map((_, i) => (i === 29 || i === 3 ? 1 : 0));
    await embedInBatches(texts, b, { maxTokens: 512, priority });
    expect([...b.batches[0]!].sort()).toEqual([texts[3], texts[29]].sort());
  });

  it('stops at the next batch boundary and rejects with AbortError when aborted', async () => {
    const b = backend(20);
    const controller = new AbortController();
    const run = embedInBatches(texts, b, {
      maxTokens: 512,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 8) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(b.batches.length).toBe(1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const b = backend();
    await expect(embedInBatches(texts, b, { maxTokens: 512, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(b.batches).toHaveLength(0);
  });

  it('keeps up to `concurrency` batches in flight (one per worker)', async () => {
    const b = backend(10);
    const out = await embedInBatches(texts, b, { maxTokens: 512, concurrency: 3 });
    expect(out.map(textOf)).toEqual(texts);
    expect(b.maxInFlight).toBe(3);
  });

  it('fails clearly when the backend returns the wrong number of vectors', async () => {
    const broken: BatchFunctions = { countTokens: (t) => Promise.resolve(t.map(() => 1)), embedBatch: () => Promise.resolve([]) };
    await expect(embedInBatches(['a', 'b'], broken, { maxTokens: 512 })).rejects.toThrow(/returned 0 vectors for a batch of 2/);
  });

  it('caps token counts at maxTokens when planning (truncated texts cost maxTokens)', async () => {
    const b = backend();
    const long = Array(8).fill('y'.repeat(1000));
    await embedInBatches(long, b, { maxTokens: 256 });
    expect(b.batches.map((x) => x.length)).toEqual([8]);
  });

  it('returns [] for no texts without calling the backend', async () => {
    const b = backend();
    expect(await embedInBatches([], b, { maxTokens: 512 })).toEqual([]);
    expect(b.batches).toHaveLength(0);
  });
});
