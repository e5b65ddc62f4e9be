/** Timer access, injectable so tests drive debounces with a fake clock. */
import { clearTimer, setTimer, type TimerHandle } from '../embedding/globals';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The platform's timers (main thread, Web Worker or Node alike: see embedding/globals.ts). */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimer(callback, ms),
  clearTimeout: (handle) => clearTimer(handle as TimerHandle | undefined),
};

/** Lets the host render between slices of long synchronous work (lexical index rebuild). */
export function macrotaskYield(timers: Timers): () => Promise<void> {
  return () => new Promise((resolve) => timers.setTimeout(resolve, 0));
}
