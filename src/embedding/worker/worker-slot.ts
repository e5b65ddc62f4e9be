/**
 * One embedding worker as the main thread sees it: request/response bookkeeping, answering
 * the worker's file requests, and deciding that it is dead (error event, a `fatal` message,
 * or silence longer than the stall timeout while something is pending). A dead slot rejects
 * everything pending with a clear error and is never used again.
 */
import { clearRepeating, setRepeating } from '../../core/embedding/globals';
import type { ModelFileReader } from '../../core/embedding/model-reader';
import { silentLogger, type Logger } from '../../core/ports';
import { fromWireError, isWorkerMessage, type ClientMessage, type WorkerMessage } from './protocol';

/** The subset of `Worker` we use, so tests can pass a worker_threads adapter. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

export interface SlotTimeouts {
  /** Longest silence while a batch or count is pending. */
  stallMs: number;
  /** Longest silence while the model loads (session creation blocks the worker). */
  loadMs: number;
}

type RequestBody = ClientMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

interface Pending {
  type: string;
  resolve(message: WorkerMessage): void;
  reject(error: Error): void;
}

let nextRequestId = 1;

export class WorkerSlot {
  private readonly pending = new Map<number, Pending>();
  private lastHeard = Date.now();
  private readonly watchdog: ReturnType<typeof setRepeating>;
  private deathCause: Error | null = null;

  constructor(
    private readonly worker: WorkerLike,
    private readonly reader: ModelFileReader,
    private readonly timeouts: SlotTimeouts,
    private readonly onDeath: (slot: WorkerSlot, error: Error) => void,
    private readonly logger: Logger = silentLogger,
  ) {
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.kill(new WorkerCrashedError(`The embedding worker crashed: ${event.message ?? 'unknown error'}.`));
    };
    const tick = Math.max(50, Math.min(1000, Math.floor(timeouts.stallMs / 4)));
    this.watchdog = setRepeating(() => this.checkAlive(), tick);
  }

  get dead(): boolean {
    return this.deathCause !== null;
  }

  /** Sends a request; `id` lets the caller cancel it. */
  request(body: RequestBody): { id: number; response: Promise<WorkerMessage> } {
    const id = nextRequestId++;
    if (this.deathCause) return { id, response: Promise.reject(this.deathCause) };
    const response = new Promise<WorkerMessage>((resolve, reject) => {
      if (this.pending.size === 0) this.lastHeard = Date.now();
      this.pending.set(id, { type: body.type, resolve, reject });
    });
    this.post({ ...body, id });
    return { id, response };
  }

  cancel(id: number): void {
    if (this.pending.has(id)) this.post({ type: 'cancel', id });
  }

  /** Terminates the worker and rejects everything pending with `error`. */
  kill(error: Error): void {
    if (this.deathCause) return;
    this.deathCause = error;
    clearRepeating(this.watchdog);
    try {
      this.worker.terminate();
    } catch (terminateError) {
      this.logger.warn('Terminating the embedding worker failed', terminateError);
    }
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.onDeath(this, error);
  }

  private post(message: ClientMessage, transfer?: Transferable[]): void {
    try {
      this.worker.postMessage(message, transfer);
    } catch (error) {
      this.kill(new WorkerCrashedError(`Could not send a message to the embedding worker: ${String(error)}`));
    }
  }

  private receive(data: unknown): void {
    if (this.deathCause) return;
    this.lastHeard = Date.now();
    if (!isWorkerMessage(data)) {
      this.logger.warn('Ignoring an unexpected message from the embedding worker', data);
      return;
    }
    switch (data.type) {
      case 'heartbeat':
        return;
      case 'log':
        if (data.level === 'warn') this.logger.warn(data.message);
        else this.logger.debug(data.message);
        return;
      case 'fatal':
        this.kill(new WorkerCrashedError(`The embedding worker failed: ${data.error.message}`));
        return;
      case 'file-request':
        void this.answerFile(data.id, data.file);
        return;
      default: {
        const pending = this.pending.get(data.id);
        if (!pending) return;
        this.pending.delete(data.id);
        if (data.type === 'error') pending.reject(fromWireError(data.error));
        else pending.resolve(data);
      }
    }
  }

  private async answerFile(id: number, file: string): Promise<void> {
    try {
      const bytes = await this.reader.read(file);
      if (!bytes) {
        this.post({ type: 'file', id, bytes: null });
        return;
      }
      // Transfer instead of copying (model files are ~100 MB); a view into a larger buffer is copied first.
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      this.post({ type: 'file', id, bytes: whole.buffer as ArrayBuffer }, [whole.buffer as ArrayBuffer]);
    } catch (error) {
      this.post({ type: 'file', id, bytes: null, error: `reading ${file} from ${this.reader.description} failed: ${String(error)}` });
    }
  }

  private checkAlive(): void {
    if (this.pending.size === 0) return;
    const loading = [...this.pending.values()].some((p) => p.type === 'init');
    const limit = loading ? this.timeouts.loadMs : this.timeouts.stallMs;
    const silentFor = Date.now() - this.lastHeard;
    if (silentFor > limit) {
      this.kill(
        new WorkerCrashedError(
          `The embedding worker stopped responding (silent for ${Math.round(silentFor / 1000)} s ${loading ? 'while loading the model' : 'during a batch'}); it will be restarted on next use.`,
        ),
      );
    }
  }
}
