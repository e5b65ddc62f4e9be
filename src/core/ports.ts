/**
 * The interfaces the pure core needs from its surroundings. Obsidian, the CLI, the
 * worker and the tests each provide their own implementations; the core never imports
 * `obsidian`, Node built-ins or the DOM.
 */

/** One note as a source lists it. `path` is vault-relative with forward slashes. */
export interface NoteStat {
  path: string;
  mtime: number;
  size: number;
}

/** Read access to a vault's Markdown notes. */
export interface NoteSource {
  list(): Promise<NoteStat[]>;
  read(path: string): Promise<string>;
}

/** Whether a text is embedded as a search query or as a stored passage (e5 models prefix them differently). */
export type EmbedKind = 'query' | 'passage';

export interface EmbedderInfo {
  /** Stable id stored with the index; a different id means the vectors must be rebuilt. */
  modelId: string;
  dims: number;
  /** The longest input, in model tokens, before truncation. */
  maxTokens: number;
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Called after each batch with the number of texts done so far. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Optional priority per text (same length as `texts`); higher is embedded first. The indexer
   * gives the active note's chunks a higher priority so they are ready before the rest.
   */
  priority?: readonly number[];
}

/** Turns texts into unit-length vectors. */
export interface Embedder {
  readonly info: EmbedderInfo;
  embed(texts: string[], kind: EmbedKind, options?: EmbedOptions): Promise<Float32Array[]>;
  /** Token counts as the model's tokenizer sees them (prefix included), for batching and chunk budgets. */
  countTokens(texts: string[], kind: EmbedKind): Promise<number[]>;
  dispose(): Promise<void>;
}

/**
 * Durable key/value bytes for the index, per device (IndexedDB in Obsidian, files in the CLI).
 * `commit` must be atomic: after a crash, readers see either the previous or the new state.
 */
export interface IndexStorage {
  read(key: string): Promise<Uint8Array | null>;
  /** Writes all entries, then makes them visible at once; `remove` keys are deleted in the same step. */
  commit(entries: Map<string, Uint8Array>, remove?: string[]): Promise<void>;
  keys(): Promise<string[]>;
  /** Deletes everything this store holds. */
  clear(): Promise<void>;
  /** Bytes on disk, for the status view. */
  sizeBytes(): Promise<number>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateOptions {
  signal?: AbortSignal;
  /** Streaming: called with each new piece of text as it arrives. */
  onToken?: (token: string) => void;
}

/** An LLM that answers from a prompt (OpenAI-compatible chat completions in practice). */
export interface Generator {
  readonly name: string;
  generate(messages: ChatMessage[], options?: GenerateOptions): Promise<string>;
}

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | ArrayBuffer;
  signal?: AbortSignal;
  /** Give up after this long with an error that says so. */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: ArrayBuffer;
  text(): string;
}

/**
 * Network access, only ever used for what the user configured (model download, remote
 * embeddings, an LLM). Obsidian's adapter uses `requestUrl`; Node and tests use `fetch`.
 * Non-2xx statuses are returned, not thrown; network failures and timeouts throw.
 */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Streams the response body piece by piece when the platform can; otherwise delivers the
   * whole body as one piece. Resolves with the status and headers once the body has ended.
   */
  stream(request: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<{ status: number; headers: Record<string, string> }>;
}
