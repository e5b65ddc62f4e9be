/**
 * Starts the embedding worker from the source esbuild inlined into main.js: community plugins
 * ship only main.js, so the worker cannot be a separate file. The Blob URL is revoked once the
 * worker has loaded (its first message) or is terminated.
 */
import workerSource from 'virtual:embedding-worker';
import type { WorkerLike } from './worker-slot';

export function createInlineWorker(): WorkerLike {
  return new InlineWorker();
}

class InlineWorker implements WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null = null;
  private readonly worker: Worker;
  private url: string | null;

  constructor() {
    this.url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
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
