/**
 * Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (Ollama, LM Studio, TEI,
 * OpenAI) over the HttpClient port. The API key is passed in by the caller (the plugin reads it
 * from SecretStorage) and only ever sent to the configured URL.
 */
import type { EmbedKind, EmbedOptions, Embedder, EmbedderInfo, HttpClient } from '../ports';
import { embedInBatches } from './batch-runner';
import { embedderReady, errorMessage, noEmbedder, type EmbedderResult } from './embedder-result';
import { RemoteEmbeddingError, embeddingsEndpoint, requestEmbeddings } from './openai-embeddings';

export { RemoteEmbeddingError, embeddingsEndpoint } from './openai-embeddings';

export interface RemoteEmbedderOptions {
  http: HttpClient;
  /** Base URL (`http://localhost:11434`, `…/v1`) or the full `…/v1/embeddings` URL. */
  url: string;
  model: string;
  apiKey?: string;
  /** Texts per request. */
  batchSize?: number;
  timeoutMs?: number;
  /** Extra attempts after 429/5xx (honouring Retry-After up to 30 s). */
  retries?: number;
  /** Prefixes the served model expects (e.g. e5 behind Ollama: `query: ` / `passage: `). */
  prefixes?: Partial<Record<EmbedKind, string>>;
  /** Longest input the server accepts, in its tokens; only reported in `info`. */
  maxTokens?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Rough token count for a server whose tokenizer we do not have: about one token per three
 * UTF-16 units, plus two special tokens. It errs high (WordPiece and BPE average ~4 characters
 * per token in English), so chunk budgets built on it stay under the real limit.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3) + 2;
}

export class RemoteEmbedder implements Embedder {
  readonly info: EmbedderInfo;
  private disposed = false;

  private constructor(
    private readonly options: RemoteEmbedderOptions,
    private readonly endpoint: string,
    dims: number,
  ) {
    const host = new URL(endpoint).host;
    this.info = { modelId: `remote:${options.model}@${host}`, dims, maxTokens: options.maxTokens ?? 512 };
  }

  /** Connects with one small request, which also tells the vector dimensions. */
  static async connect(options: RemoteEmbedderOptions, signal?: AbortSignal): Promise<RemoteEmbedder> {
    if (!options.model.trim()) throw new RemoteEmbeddingError('No remote embedding model name is set.');
    const endpoint = embeddingsEndpoint(options.url);
    const [probe] = await requestEmbeddings(options, endpoint, ['dimension probe'], signal);
    if (!probe || probe.length === 0) throw new RemoteEmbeddingError(`${endpoint} returned an empty vector for model '${options.model}'.`);
    return new RemoteEmbedder(options, endpoint, probe.length);
  }

  async embed(texts: string[], kind: EmbedKind, options: EmbedOptions = {}): Promise<Float32Array[]> {
    this.assertOpen();
    const prefix = this.options.prefixes?.[kind] ?? '';
    return embedInBatches(
      texts.map((t) => prefix + t),
      {
        countTokens: (batch) => Promise.resolve(batch.map(estimateTokens)),
        embedBatch: async (batch) => {
          const vectors = await requestEmbeddings(this.options, this.endpoint, batch, options.signal);
          for (const v of vectors) {
            if (v.length !== this.info.dims) {
              throw new RemoteEmbeddingError(
                `${this.endpoint} returned ${v.length}-dimensional vectors, but this model gave ${this.info.dims} before; did the server's model change?`,
              );
            }
          }
          return vectors;
        },
      },
      {
        signal: options.signal,
        onProgress: options.onProgress,
        priority: options.priority,
        maxTokens: this.info.maxTokens,
        maxBatchSize: this.options.batchSize ?? 32,
        // The server batches its own way; only bound the request size.
        tokenBudget: Number.MAX_SAFE_INTEGER,
      },
    );
  }

  async countTokens(texts: string[], kind: EmbedKind): Promise<number[]> {
    this.assertOpen();
    const prefix = this.options.prefixes?.[kind] ?? '';
    return texts.map((t) => estimateTokens(prefix + t));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private assertOpen(): void {
    if (this.disposed) throw new RemoteEmbeddingError('This remote embedder was disposed.');
  }
}

/** Connects to the endpoint; a failure becomes `{ ok: false, reason }` (keyword search fallback). */
export async function createRemoteEmbedder(options: RemoteEmbedderOptions, signal?: AbortSignal): Promise<EmbedderResult> {
  try {
    const embedder = await RemoteEmbedder.connect(options, signal);
    return embedderReady(embedder, embeddingsEndpoint(options.url));
  } catch (error) {
    return noEmbedder(`${errorMessage(error)} Search uses keywords only until the embedding server works.`);
  }
}
