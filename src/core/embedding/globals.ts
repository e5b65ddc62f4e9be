/**
 * Timers and platform objects for code that runs in Node, in Web Workers and on Obsidian's
 * main thread. Only `globalThis` exists in all three (a worker has no `window`, Node has no
 * `activeWindow`), so this is the one place that reads it; popout windows are irrelevant to
 * timers that only pace background work.
 */
// eslint.config.mjs turns obsidianmd/no-global-this off for this file (and the worker entry) for that reason.

export type TimerHandle = ReturnType<typeof globalThis.setTimeout>;

export function setTimer(callback: () => void, ms: number): TimerHandle {
  return globalThis.setTimeout(callback, ms);
}

export function clearTimer(handle: TimerHandle | undefined): void {
  if (handle !== undefined) globalThis.clearTimeout(handle);
}

export function setRepeating(callback: () => void, ms: number): ReturnType<typeof globalThis.setInterval> {
  return globalThis.setInterval(callback, ms);
}

export function clearRepeating(handle: ReturnType<typeof globalThis.setInterval>): void {
  globalThis.clearInterval(handle);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimer(resolve, ms));
}

export function webCrypto(): Crypto | undefined {
  return globalThis.crypto;
}

export function platformFetch(): typeof fetch {
  return (url, init) => globalThis.fetch(url, init);
}

export function platformIndexedDB(): IDBFactory | undefined {
  return globalThis.indexedDB;
}
