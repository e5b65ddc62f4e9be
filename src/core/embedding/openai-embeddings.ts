/**
 * The wire side of OpenAI-compatible `/v1/embeddings`: endpoint URLs, one request with
 * retries for 429/5xx, the server's error text, and response validation.
 */
import type { HttpClient, HttpResponse } from '../ports';
import { isAbortError, throwIfAborted } from './abort';
import { delay } from './globals';
import { normalizeInPlace } from './pooling';

export interface EmbeddingsRequestOptions {
  http: HttpClient;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  retries?: number;
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

export async function requestEmbeddings(options: EmbeddingsRequestOptions, endpoint: string, input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
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
