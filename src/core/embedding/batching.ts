/**
 * Groups texts into model batches. Numbers from ../shared/models/PERF.md (e5-small-sized
 * encoder, this machine):
 * - A batch is padded to its longest text, and padding costs exactly what it pads: a mix of
 *   16- and 256-token chunks in one batch ran at half speed on every backend; sorting by
 *   length recovered all of it. So texts are sorted by token count and padded only within
 *   their batch.
 * - Batches of ~8 were the robust choice: 1 → 8 gave +50–80% natively on short texts and
 *   +2–15% in WASM; 32 was 4–26% slower per chunk at ≥128 tokens natively and equal or worse
 *   in WASM. So at most 8 texts per batch.
 * - Memory grows with batch × padded length (and attention with length²), so a batch also
 *   stays within a token budget. 8 × 256 = 2048 tokens is the largest cell PERF measured at
 *   full speed; 512-token texts therefore go 4 at a time, which costs little (B=1 → 8 at
 *   ≥128 tokens gained only 0–15%).
 */

export interface BatchPlanOptions {
  /** Most texts in one batch. */
  maxBatchSize: number;
  /** Most padded tokens in one batch (batch size × longest text). */
  tokenBudget: number;
  /** Optional per-text priority; higher priorities are batched (and so embedded) first. */
  priority?: readonly number[];
}

export const DEFAULT_BATCH_PLAN: Readonly<Pick<BatchPlanOptions, 'maxBatchSize' | 'tokenBudget'>> = {
  maxBatchSize: 8,
  tokenBudget: 2048,
};

/**
 * Splits text indices into batches: highest priority first; within a priority, ascending
 * token length, cut whenever adding the next text would exceed the batch size or the token
 * budget. `lengths` are token counts already capped at the model's maximum. A single text
 * longer than the budget still gets a batch of its own.
 */
export function planBatches(lengths: readonly number[], options: BatchPlanOptions): number[][] {
  const maxBatch = Math.max(1, Math.floor(options.maxBatchSize));
  const budget = Math.max(1, Math.floor(options.tokenBudget));
  const priority = options.priority;
  if (priority && priority.length !== lengths.length) {
    throw new Error(`Batch priorities (${priority.length}) must match the number of texts (${lengths.length}).`);
  }
  const order = lengths.map((_, i) => i);
  order.sort((a, b) => {
    const byPriority = (priority?.[b] ?? 0) - (priority?.[a] ?? 0);
    if (byPriority !== 0) return byPriority;
    const byLength = (lengths[a] ?? 0) - (lengths[b] ?? 0);
    return byLength !== 0 ? byLength : a - b;
  });

  const batches: number[][] = [];
  let current: number[] = [];
  let currentPriority = 0;
  let longest = 0;
  for (const index of order) {
    const length = Math.max(1, lengths[index] ?? 1);
    const textPriority = priority?.[index] ?? 0;
    const padded = Math.max(longest, length) * (current.length + 1);
    const fits = current.length < maxBatch && padded <= budget && textPriority === currentPriority;
    if (current.length > 0 && !fits) {
      batches.push(current);
      current = [];
      longest = 0;
    }
    current.push(index);
    currentPriority = textPriority;
    longest = Math.max(longest, length);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Padded tokens a batch costs: its size times its longest text. */
export function paddedTokens(batch: readonly number[], lengths: readonly number[]): number {
  let longest = 0;
  for (const i of batch) longest = Math.max(longest, lengths[i] ?? 0);
  return longest * batch.length;
}
