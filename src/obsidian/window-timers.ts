/** The app window's timers, for the core's injectable Timers (Obsidian's review asks for window.setTimeout). */
import type { Timers } from '../core/index/timers';

export const windowTimers: Timers = {
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};
