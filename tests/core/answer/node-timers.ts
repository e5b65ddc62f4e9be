import type { Timers } from '../../../src/core/answer/llm-client';

/** Node's own timers, which the app replaces with `window`'s. */
export const nodeTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
