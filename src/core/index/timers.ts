/** Timer access, injectable so tests drive debounces with a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// The core also runs in Web Workers, where there is no `window`: use the global timers.
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Lets the host render between slices of long synchronous work (lexical index rebuild). */
export function macrotaskYield(timers: Timers): () => Promise<void> {
  return () => new Promise((resolve) => timers.setTimeout(resolve, 0));
}
