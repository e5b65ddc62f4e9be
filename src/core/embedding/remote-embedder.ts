/**
 * Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint (Ollama, LM Studio, TEI,
 * OpenAI) over the HttpClient port. The API key is passed in by the caller (the plugin reads it
 * from SecretStorage) and only ever sent to the configured URL.
 */
import type { EmbedKind, EmbedOptions, Embedder, EmbedderInfo, HttpClient, HttpResponse } from '../ports';
import { isAbortError, throwIfAborted } from './abort';
import { embedInBatches } from './batch-runner';
import { embedderReady, errorMessage, noEmbedder, type EmbedderResult } from './embedder-result';
import { delay } from './globals';
import { normalizeInPlace } from './pooling';

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

export class RemoteEmbeddingError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RemoteEmbeddingError';
  }
}

/** `…/embeddings` is used as given; a base URL gets `/v1/embeddings` (or `/embeddings` after `/v1`). */
export function embeddingsEndpoint(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/i.test(trimmed)) {
    throw new RemoteEmbeddingError(`Embedding URL "${url}" is not an http(s) URL (expected e.g. http://localhost:11434/v1).`);
  }
  if (/\/embeddings$/i.test(trimmed)) return trimmed;
  if (/\/v\d+$/i.test(trimmed)) return `${trimmed}/embeddings`;
  return `${trimmed}/v1/embeddings`;
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

async function requestEmbeddings(options: RemoteEmbedderOptions, endpoint: string, input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
  const retries = Math.max(0, options.retries ?? 2);
  const sleep = options.sleep ?? delay;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
  const body = JSON.stringify({ model: options.model, input, encoding_format: 'float' });

  for (let attempt = 0; ; attempt++) {
    throwIfAborted(signal);
    let response: HttpResponse;
    try {
      response = await options.http.request({ url: endpoint, method: 'POST', headers, body, signal, timeoutMs });
    } catch (error) {
      if (isAbortError(error)) throw error;
      const cause = error instanceof Error ? error.message : String(error);
      throw new RemoteEmbeddingError(`The embedding server at ${endpoint} could not be reached: ${cause}`);
    }
    if (response.status >= 200 && response.status < 300) return parseEmbeddings(response, endpoint, input.length);
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && attempt < retries) {
      await sleep(retryDelayMs(response, attempt));
      continue;
    }
    throw statusError(response, endpoint, options.model);
  }
}

function retryDelayMs(response: HttpResponse, attempt: number): number {
  const retryAfter = Number(response.headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(30_000, retryAfter * 1000);
  return Math.min(8000, 500 * 2 ** attempt);
}

function statusError(response: HttpResponse, endpoint: string, model: string): RemoteEmbeddingError {
  const detail = serverMessage(response);
  const suffix = detail ? `: ${detail}` : '.';
  const status = response.status;
  if (status === 401 || status === 403) {
    return new RemoteEmbeddingError(`The embedding server at ${endpoint} rejected the request (HTTP ${status}); check the API key${suffix}`, status);
  }
  if (status === 404) {
    return new RemoteEmbeddingError(
      `HTTP 404 from ${endpoint}: check that the URL is an OpenAI-compatible /v1/embeddings endpoint and that model '${model}' exists there${suffix}`,
      status,
    );
  }
  if (status === 429) return new RemoteEmbeddingError(`The embedding server at ${endpoint} is rate-limiting requests (HTTP 429)${suffix}`, status);
  if (status >= 500) return new RemoteEmbeddingError(`The embedding server at ${endpoint} failed (HTTP ${status})${suffix}`, status);
  return new RemoteEmbeddingError(`The embedding server at ${endpoint} answered HTTP ${status}${suffix}`, status);
}

/** The server's own error text (OpenAI `{error:{message}}`, Ollama `{error}`), shortened. */
function serverMessage(response: HttpResponse): string {
  let text = '';
  try {
    text = response.text();
    const parsed = JSON.parse(text) as unknown;
    if (isRecord(parsed)) {
      const error = parsed.error;
      if (typeof error === 'string') text = error;
      else if (isRecord(error) && typeof error.message === 'string') text = error.message;
      else if (typeof parsed.message === 'string') text = parsed.message;
    }
  } catch {
    // Not JSON: keep the raw text.
  }
  text = text.trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function parseEmbeddings(response: HttpResponse, endpoint: string, expected: number): Float32Array[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text());
  } catch {
    throw new RemoteEmbeddingError(`${endpoint} did not return JSON; is it an OpenAI-compatible embeddings endpoint?`);
  }
  const data = isRecord(parsed) ? parsed.data : undefined;
  if (!Array.isArray(data) || data.length !== expected) {
    throw new RemoteEmbeddingError(
      `${endpoint} returned ${Array.isArray(data) ? data.length : 'no'} embeddings for ${expected} inputs (expected {"data":[{"embedding":[…]}]}).`,
    );
  }
  const out = new Array<Float32Array>(expected);
  data.forEach((item: unknown, position) => {
    const index = isRecord(item) && typeof item.index === 'number' ? item.index : position;
    const embedding = isRecord(item) ? item.embedding : undefined;
    if (!Array.isArray(embedding) || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x)) || index < 0 || index >= expected) {
      throw new RemoteEmbeddingError(`${endpoint} returned a malformed embedding at position ${position} (base64 or non-numeric values are not supported).`);
    }
    out[index] = normalizeInPlace(Float32Array.from(embedding as number[]));
  });
  for (let i = 0; i < expected; i++) {
    if (!out[i]) throw new RemoteEmbeddingError(`${endpoint} returned no embedding for input ${i}.`);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
