import { delay } from './globals';

/**
 * Cancellation helpers that behave the same in Node, the browser and a worker: an aborted
 * operation rejects with an error named `AbortError`, like `fetch` does, so callers can tell
 * "the user cancelled" from a real failure with one check.
 */

export function abortError(message = 'The operation was cancelled.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Resolves with `promise`, or rejects with an AbortError as soon as `signal` aborts, whichever
 * comes first. The underlying work is not stopped; its late result is ignored.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Waits for a macrotask, so that events queued meanwhile (an abort click, a worker message,
 * a UI repaint) get their turn between two batches of heavy work.
 */
export function yieldToEventLoop(): Promise<void> {
  return delay(0);
}
