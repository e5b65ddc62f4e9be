/**
 * The worker side of the protocol, independent of where it runs: the browser entry wires it
 * to `self`, tests wire it to a Node worker_threads port. Requests run one after another; every
 * request gets exactly one answer (result or error), and model files are asked from the main
 * thread, which owns the stores.
 */
import { abortError } from '../../core/embedding/abort';
import { clearRepeating, setRepeating } from '../../core/embedding/globals';
import type { ModelFileReader } from '../../core/embedding/model-reader';
import type { EmbedKind, EmbedderInfo } from '../../core/ports';
import { toWireError, type ClientMessage, type WorkerMessage } from './protocol';

export interface HostedEmbedder {
  readonly info: EmbedderInfo;
  embedBatch(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
  countTokens(texts: string[], kind: EmbedKind): Promise<number[]>;
  dispose(): Promise<void>;
}

type InitMessage = Extract<ClientMessage, { type: 'init' }>;

export interface WorkerHostOptions {
  post(message: WorkerMessage, transfer?: Transferable[]): void;
  /** Loads the model named by `init`, reading its files through `reader`. */
  load(init: InitMessage, reader: ModelFileReader): Promise<{ embedder: HostedEmbedder; backend: string }>;
  heartbeatMs?: number;
}

export class WorkerHost {
  private embedder: Promise<HostedEmbedder> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly cancelled = new Set<number>();
  private readonly fileWaiters = new Map<number, { resolve: (b: Uint8Array | null) => void; reject: (e: Error) => void }>();
  private nextFileId = 1;
  private readonly heartbeat: ReturnType<typeof setRepeating>;

  constructor(private readonly options: WorkerHostOptions) {
    this.heartbeat = setRepeating(() => this.options.post({ type: 'heartbeat' }), options.heartbeatMs ?? 2000);
  }

  handle(message: ClientMessage): void {
    switch (message.type) {
      case 'file':
        this.answerFile(message);
        return;
      case 'cancel':
        this.cancelled.add(message.id);
        return;
      case 'init':
        this.enqueue(message.id, async () => {
          const previous = this.embedder;
          this.embedder = null;
          if (previous) await (await previous.catch(() => null))?.dispose();
          const loading = this.options.load(message, this.fileReader(message.source));
          this.embedder = loading.then((l) => l.embedder);
          this.embedder.catch(() => undefined);
          const { embedder, backend } = await loading;
          this.options.post({ type: 'ready', id: message.id, info: embedder.info, backend });
        });
        return;
      case 'embed':
        this.enqueue(message.id, async () => {
          const embedder = await this.loaded();
          this.throwIfCancelled(message.id);
          const vectors = await embedder.embedBatch(message.texts, message.kind);
          this.throwIfCancelled(message.id);
          this.options.post(
            { type: 'vectors', id: message.id, vectors },
            vectors.map((v) => v.buffer as ArrayBuffer),
          );
        });
        return;
      case 'count':
        this.enqueue(message.id, async () => {
          const embedder = await this.loaded();
          this.throwIfCancelled(message.id);
          const counts = await embedder.countTokens(message.texts, message.kind);
          this.options.post({ type: 'counts', id: message.id, counts });
        });
        return;
    }
  }

  /** Stops the heartbeat and releases the model. */
  async close(): Promise<void> {
    clearRepeating(this.heartbeat);
    const embedder = await this.embedder?.catch(() => null);
    await embedder?.dispose();
    this.embedder = null;
  }

  private enqueue(id: number, run: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      try {
        this.throwIfCancelled(id);
        await run();
      } catch (error) {
        this.options.post({ type: 'error', id, error: toWireError(error) });
      } finally {
        this.cancelled.delete(id);
      }
    });
  }

  private async loaded(): Promise<HostedEmbedder> {
    if (!this.embedder) throw new Error('The embedding worker has no model loaded (init was not sent or failed).');
    return this.embedder;
  }

  private throwIfCancelled(id: number): void {
    if (this.cancelled.has(id)) throw abortError();
  }

  private fileReader(description: string): ModelFileReader {
    return {
      description,
      read: (file) =>
        new Promise<Uint8Array | null>((resolve, reject) => {
          const id = this.nextFileId++;
          this.fileWaiters.set(id, { resolve, reject });
          this.options.post({ type: 'file-request', id, file });
        }),
    };
  }

  private answerFile(message: Extract<ClientMessage, { type: 'file' }>): void {
    const waiter = this.fileWaiters.get(message.id);
    if (!waiter) return;
    this.fileWaiters.delete(message.id);
    if (message.error !== undefined) waiter.reject(new Error(message.error));
    else waiter.resolve(message.bytes ? new Uint8Array(message.bytes) : null);
  }
}
