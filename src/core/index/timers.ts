/** Timer access, injectable so tests drive debounces with a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// The core also runs in Web Workers and Node, where there is no `window`, so it uses the
// global timers (lint warns "prefer window timers": deliberate here); the Obsidian adapter
// can pass `{ setTimeout: (f, ms) => window.setTimeout(f, ms), … }` instead.
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Lets the host render between slices of long synchronous work (lexical index rebuild). */
export function macrotaskYield(timers: Timers): () => Promise<void> {
  return () => new Promise((resolve) => timers.setTimeout(resolve, 0));
}
