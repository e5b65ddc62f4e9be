/**
 * Runs a batch plan: counts tokens, plans batches, embeds them (one at a time, or several at
 * once when a pool of workers is behind `embedBatch`), yields to the event loop between
 * batches, reports progress, stops on abort, and puts vectors back in input order. Shared by
 * the in-process embedder and the worker client so both behave the same.
 */
import { abortError, raceAbort, throwIfAborted, yieldToEventLoop } from './abort';
import { DEFAULT_BATCH_PLAN, planBatches, type BatchPlanOptions } from './batching';

export interface BatchRunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  priority?: readonly number[];
  maxBatchSize?: number;
  tokenBudget?: number;
  /** Batches in flight at once (one per worker in a pool). */
  concurrency?: number;
  /** Longest input the model takes; longer texts are truncated, so they cost this much. */
  maxTokens: number;
  /** Between batches; tests and workers may pass their own. */
  yieldBetweenBatches?: () => Promise<void>;
}

export interface BatchFunctions {
  countTokens(texts: string[]): Promise<number[]>;
  /** Embeds one planned batch; `texts` are in batch order. `signal` lets a worker drop a batch not yet started. */
  embedBatch(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export async function embedInBatches(texts: readonly string[], fns: BatchFunctions, options: BatchRunOptions): Promise<Float32Array[]> {
  const { signal } = options;
  throwIfAborted(signal);
  const total = texts.length;
  if (total === 0) return [];

  const counts = await raceAbort(fns.countTokens([...texts]), signal);
  if (counts.length !== total) throw new Error(`Token counter returned ${counts.length} counts for ${total} texts.`);
  const lengths = counts.map((n) => Math.min(Math.max(1, n), options.maxTokens));
  const plan: BatchPlanOptions = {
    maxBatchSize: options.maxBatchSize ?? DEFAULT_BATCH_PLAN.maxBatchSize,
    tokenBudget: options.tokenBudget ?? DEFAULT_BATCH_PLAN.tokenBudget,
    priority: options.priority,
  };
  const batches = planBatches(lengths, plan);
  const results: (Float32Array | undefined)[] = new Array<Float32Array | undefined>(total);
  const pause = options.yieldBetweenBatches ?? yieldToEventLoop;
  let next = 0;
  let done = 0;
  let failed = false;

  const lane = async (): Promise<void> => {
    while (!failed && next < batches.length) {
      if (signal?.aborted) throw abortError();
      const batch = batches[next++]!;
      const vectors = await fns.embedBatch(batch.map((i) => texts[i]!), signal);
      if (vectors.length !== batch.length) {
        throw new Error(`Embedding backend returned ${vectors.length} vectors for a batch of ${batch.length}.`);
      }
      batch.forEach((textIndex, k) => (results[textIndex] = vectors[k]));
      done += batch.length;
      options.onProgress?.(done, total);
      await pause();
    }
  };

  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, batches.length));
  const all = Promise.all(Array.from({ length: lanes }, () => lane())).catch((error: unknown) => {
    failed = true;
    throw error;
  });
  try {
    await raceAbort(all, signal);
  } catch (error) {
    failed = true;
    throw error;
  }
  return results.map((v, i) => {
    if (!v) throw new Error(`No vector was produced for text ${i}.`);
    return v;
  });
}
