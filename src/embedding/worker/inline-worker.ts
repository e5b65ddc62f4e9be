/**
 * Starts the embedding worker from the source esbuild inlined into main.js: community plugins
 * ship only main.js, so the worker cannot be a separate file. The script Blob is built once
 * (in pieces by `prepareInlineWorker`, so the UI thread is never held long) and kept for
 * restarts and pools; each worker's Blob URL is revoked once it has loaded (its first message)
 * or is terminated.
 */
import workerSource from 'virtual:embedding-worker';
import { scriptBlobInPieces } from './script-blob';
import type { WorkerLike } from './worker-slot';

let scriptBlob: Blob | null = null;

/** Builds the worker's script Blob ahead of the first worker, yielding between pieces. */
export async function prepareInlineWorker(yieldBetween: () => Promise<void>): Promise<void> {
  if (scriptBlob) return;
  const blob = await scriptBlobInPieces(workerSource, yieldBetween);
  scriptBlob ??= blob;
}

export function createInlineWorker(): WorkerLike {
  return new InlineWorker();
}

class InlineWorker implements WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null = null;
  private readonly worker: Worker;
  private url: string | null;

  constructor() {
    scriptBlob ??= new Blob([workerSource], { type: 'text/javascript' });
    this.url = URL.createObjectURL(scriptBlob);
    this.worker = new Worker(this.url, { name: 'ask-my-notes-embedder' });
    this.worker.onmessage = (event: MessageEvent<unknown>) => {
      this.revoke();
      this.onmessage?.({ data: event.data });
    };
    this.worker.onerror = (event: ErrorEvent) => {
      this.revoke();
      this.onerror?.({ message: event.message, preventDefault: () => event.preventDefault() });
    };
    this.worker.onmessageerror = () => this.onerror?.({ message: 'a message from the worker could not be decoded' });
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  terminate(): void {
    this.worker.terminate();
    this.revoke();
  }

  private revoke(): void {
    if (this.url === null) return;
    URL.revokeObjectURL(this.url);
    this.url = null;
  }
}
