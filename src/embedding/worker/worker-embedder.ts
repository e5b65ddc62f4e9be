/**
 * The main-thread Embedder that runs the model in one or more Web Workers. It plans batches
 * itself (same planner as the in-process embedder) and hands each batch to a free worker, so
 * N workers use N cores: WASM threads would need cross-origin isolation, which Obsidian lacks.
 * A dead worker (crash, fatal error, silence) fails the requests it held with a clear error
 * and is replaced by a fresh one on the next call.
 */
import { abortError, raceAbort } from '../../core/embedding/abort';
import { embedInBatches } from '../../core/embedding/batch-runner';
import type { ModelFileReader } from '../../core/embedding/model-reader';
import type { ModelDtype, ModelSpec } from '../../core/embedding/models';
import { silentLogger, type EmbedKind, type EmbedOptions, type Embedder, type EmbedderInfo, type Logger } from '../../core/ports';
import type { DevicePreference, WorkerMessage } from './protocol';
import { WorkerCrashedError, WorkerSlot, type WorkerLike } from './worker-slot';

export interface WorkerEmbedderOptions {
  createWorker: () => WorkerLike;
  spec: ModelSpec;
  /** Where the main thread reads model files from (a ModelStore or a folder). */
  reader: ModelFileReader;
  dtype?: ModelDtype;
  device?: DevicePreference;
  /** Workers to run at most; extra ones start on the first call with more than one batch. */
  workerCount?: number;
  maxBatchSize?: number;
  tokenBudget?: number;
  /** Longest silence from a busy worker before it is declared dead. */
  stallTimeoutMs?: number;
  /** Longest silence while a worker loads the model. */
  loadTimeoutMs?: number;
  logger?: Logger;
}

interface Waiter {
  resolve(slot: WorkerSlot): void;
  reject(error: Error): void;
}

export class WorkerEmbedder implements Embedder {
  private currentInfo: EmbedderInfo = { modelId: '', dims: 0, maxTokens: 0 };
  private backendName = '';
  private readonly live = new Set<WorkerSlot>();
  private readonly idle: WorkerSlot[] = [];
  private readonly waiters: Waiter[] = [];
  private starting = 0;
  private disposed = false;
  /** Workers allowed at once: `workerCount`, lowered when an extra worker fails to start. */
  private poolLimit: number;
  private readonly logger: Logger;

  private constructor(private readonly options: WorkerEmbedderOptions) {
    this.logger = options.logger ?? silentLogger;
    this.poolLimit = this.workerCount;
  }

  /** Starts the first worker and waits until its model is loaded (which also tells the dimensions). */
  static async start(options: WorkerEmbedderOptions): Promise<WorkerEmbedder> {
    const embedder = new WorkerEmbedder(options);
    const slot = await embedder.spawn();
    embedder.release(slot);
    return embedder;
  }

  get info(): EmbedderInfo {
    return this.currentInfo;
  }

  /** `wasm` or `webgpu`, as the first worker reported. */
  get backend(): string {
    return this.backendName;
  }

  get workerCount(): number {
    return Math.max(1, Math.floor(this.options.workerCount ?? 1));
  }

  embed(texts: string[], kind: EmbedKind, options: EmbedOptions = {}): Promise<Float32Array[]> {
    if (this.disposed) return Promise.reject(disposedError());
    return embedInBatches(
      texts,
      {
        countTokens: (batch) => this.countTokens(batch, kind),
        embedBatch: (batch, signal) => this.embedBatch(batch, kind, signal),
      },
      {
        signal: options.signal,
        onProgress: options.onProgress,
        priority: options.priority,
        maxTokens: this.currentInfo.maxTokens,
        maxBatchSize: this.options.maxBatchSize,
        tokenBudget: this.options.tokenBudget,
        concurrency: this.poolLimit,
      },
    );
  }

  async countTokens(texts: string[], kind: EmbedKind): Promise<number[]> {
    if (this.disposed) throw disposedError();
    if (texts.length === 0) return [];
    const slot = await this.acquire();
    const { response } = slot.request({ type: 'count', texts, kind });
    response.then(
      () => this.release(slot),
      () => this.release(slot),
    );
    return expect(await response, 'counts').counts;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const error = disposedError();
    for (const w of this.waiters.splice(0)) w.reject(error);
    for (const slot of [...this.live]) slot.kill(error);
    this.idle.length = 0;
    return Promise.resolve();
  }

  private async embedBatch(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
    const slot = await this.acquire(signal);
    const { id, response } = slot.request({ type: 'embed', texts, kind });
    // The worker stays busy until it answers, even when the caller stopped waiting.
    response.then(
      () => this.release(slot),
      () => this.release(slot),
    );
    const onAbort = (): void => slot.cancel(id);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return expect(await raceAbort(response, signal), 'vectors').vectors;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A free worker: an idle one, a new one while under the limit, or the next one released. */
  private acquire(signal?: AbortSignal): Promise<WorkerSlot> {
    if (this.disposed) return Promise.reject(disposedError());
    if (signal?.aborted) return Promise.reject(abortError());
    const idle = this.idle.shift();
    if (idle) return Promise.resolve(idle);
    if (this.live.size + this.starting < this.poolLimit) {
      if (this.live.size === 0) return this.spawn();
      // An extra worker that fails to start (e.g. out of memory) must not fail the call: the
      // pool shrinks to the workers that run, and this lane waits for one of them.
      return this.spawn().catch((error: unknown) => {
        this.poolLimit = Math.max(1, this.live.size);
        this.logger.warn(`An extra embedding worker could not start; continuing with ${this.poolLimit}: ${String(error)}`);
        return this.acquire(signal);
      });
    }
    return new Promise<WorkerSlot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (slot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private release(slot: WorkerSlot): void {
    if (slot.dead || this.disposed || !this.live.has(slot) || this.idle.includes(slot)) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(slot);
    else this.idle.push(slot);
  }

  /** Starts a worker and loads the model in it; the slot is returned busy (not in `idle`). */
  private async spawn(): Promise<WorkerSlot> {
    this.starting++;
    let slot: WorkerSlot | undefined;
    try {
      const worker = this.options.createWorker();
      slot = new WorkerSlot(
        worker,
        this.options.reader,
        { stallMs: this.options.stallTimeoutMs ?? 120_000, loadMs: this.options.loadTimeoutMs ?? 300_000 },
        (dead, error) => this.onDeath(dead, error),
        this.logger,
      );
      this.live.add(slot);
      const answer = await slot.request({
        type: 'init',
        spec: this.options.spec,
        dtype: this.options.dtype ?? 'q8',
        device: this.options.device ?? 'auto',
        source: this.options.reader.description,
      }).response;
      const ready = expect(answer, 'ready');
      this.checkConsistent(ready.info);
      this.backendName = ready.backend;
      return slot;
    } catch (error) {
      slot?.kill(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      this.starting--;
    }
  }

  private checkConsistent(info: EmbedderInfo): void {
    if (this.currentInfo.dims === 0) {
      this.currentInfo = info;
      return;
    }
    if (info.dims !== this.currentInfo.dims || info.modelId !== this.currentInfo.modelId) {
      throw new Error(`A restarted embedding worker loaded ${info.modelId} (${info.dims}d) instead of ${this.currentInfo.modelId} (${this.currentInfo.dims}d).`);
    }
  }

  private onDeath(slot: WorkerSlot, error: Error): void {
    this.live.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    if (!this.disposed) this.logger.warn(error.message);
    // Callers waiting for a worker would otherwise wait for one that never comes back.
    if (this.live.size === 0 && this.starting === 0) {
      for (const w of this.waiters.splice(0)) w.reject(error instanceof WorkerCrashedError ? error : new WorkerCrashedError(error.message));
    }
  }
}

function expect<T extends WorkerMessage['type']>(message: WorkerMessage, type: T): Extract<WorkerMessage, { type: T }> {
  if (message.type !== type) throw new Error(`The embedding worker answered '${message.type}' where '${type}' was expected.`);
  return message as Extract<WorkerMessage, { type: T }>;
}

function disposedError(): Error {
  return new Error('The embedder was disposed (the plugin was unloaded or the model changed).');
}
