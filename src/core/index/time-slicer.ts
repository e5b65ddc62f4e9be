/**
 * Cuts long synchronous index work (parsing and chunking notes, keyword indexing, encoding
 * segments and the keyword snapshot, loading) into slices, so the thread it runs on (Obsidian's
 * main thread) can handle input and paint in between: work calls `pause()` at safe points, and
 * it yields to the event loop once the current slice has run `budgetMs`. Yielding between
 * safe points, not on a fixed count, keeps the cost low where items are cheap and the slices
 * short where one item is expensive.
 */

/** A slice this long never shows as a long task (> 50 ms), even with the host's own work around it. */
export const DEFAULT_SLICE_MS = 10;

export interface TimeSlicer {
  /** Yields when the current slice is over budget; otherwise resolves at once (a microtask). */
  pause(): Promise<void>;
}

/** Never yields: for callers with no UI to keep alive (the CLI, tests). */
export const noSlicing: TimeSlicer = { pause: () => Promise.resolve() };

/**
 * `now` is a millisecond clock (only differences matter); `yieldToEventLoop` lets other tasks
 * run and resolves after them. A budget of Infinity never yields.
 */
export function createTimeSlicer(now: () => number, yieldToEventLoop: () => Promise<void>, budgetMs = DEFAULT_SLICE_MS): TimeSlicer {
  if (!(budgetMs < Infinity)) return noSlicing;
  let sliceStart = now();
  return {
    async pause() {
      if (now() - sliceStart < budgetMs) return;
      await yieldToEventLoop();
      sliceStart = now();
    },
  };
}
