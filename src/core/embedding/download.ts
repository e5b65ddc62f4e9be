/**
 * First-use model download over the HttpClient port. Files are fetched in Range pieces of a
 * few MB: Obsidian's requestUrl cannot stream, so pieces are what makes progress visible, and
 * each stored piece is a resume point after a lost connection or a restart. Every file is
 * checked against the size (and SHA-256 / git SHA-1 when the host publishes one) before the
 * model is committed; a model that is not committed is never loaded.
 */
import type { HttpClient, HttpResponse } from '../ports';
import { isAbortError, throwIfAborted } from './abort';
import { gitBlobSha1Hex, sha256Hex } from './digest';
import { delay } from './globals';
import { expectedFromHeaders, fetchExpectedFiles, fileUrl, mergeExpected, normalizeHost, type ExpectedFile } from './hub';
import { MODEL_CONFIG_FILES, externalDataFiles, onnxFileName, requiredModelFiles } from './model-files';
import type { ModelFileEntry, ModelManifest, ModelStore } from './model-store';
import type { ModelDtype } from './models';

export type DownloadPhase = 'metadata' | 'download' | 'verify' | 'complete';

export interface DownloadProgress {
  modelId: string;
  phase: DownloadPhase;
  /** The file being fetched or verified. */
  file: string;
  fileBytesDone: number;
  fileBytesTotal?: number;
  /** Over all files of the model, resumed bytes included. */
  bytesDone: number;
  /** Known once every file's size is known. */
  bytesTotal?: number;
  /** 0–100, when `bytesTotal` is known. */
  percent?: number;
}

export interface DownloadOptions {
  http: HttpClient;
  store: ModelStore;
  modelId: string;
  dtype: ModelDtype;
  /** Hub or mirror base URL; empty means huggingface.co. */
  host?: string;
  revision?: string;
  /** Bytes per Range request. */
  pieceBytes?: number;
  /** Per request; a stalled connection fails after this long and is retried. */
  timeoutMs?: number;
  /** Extra attempts per piece after a network error, a timeout, a short body, 429 or 5xx. */
  retries?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Waits between retries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PIECE_BYTES = 4 * 1024 * 1024;

export class ModelDownloadError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly status?: number,
    /** False when retrying cannot help (404, 401/403, corrupt file discarded from a bad host). */
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'ModelDownloadError';
  }
}

/** Downloads (or resumes) a model into the store and returns its manifest; a complete model is returned at once. */
export async function downloadModel(options: DownloadOptions): Promise<ModelManifest> {
  const { store, modelId, dtype, signal } = options;
  const host = normalizeHost(options.host);
  const existing = await store.manifest(modelId);
  if (existing && (await manifestCovers(store, existing, dtype))) return existing;

  const report = options.onProgress ?? (() => undefined);
  report({ modelId, phase: 'metadata', file: '', fileBytesDone: 0, bytesDone: 0 });
  const expected = await fetchExpectedFiles(options.http, host, modelId, ['', 'onnx'], {
    revision: options.revision,
    signal,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  throwIfAborted(signal);

  const files = [...MODEL_CONFIG_FILES, onnxFileName(dtype)];
  const state = new DownloadState(modelId, files, expected, report);
  for (const file of files) state.setDone(file, await store.stagedSize(modelId, file));

  const entries: ModelFileEntry[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    entries.push(await fetchFile(options, host, file, state));
    if (file === 'config.json') {
      const extra = externalDataFiles(parseJson(await store.readStaged(modelId, file)), dtype);
      for (const name of extra) {
        files.push(name);
        state.addFile(name, await store.stagedSize(modelId, name));
      }
    }
  }
  // Keep files of another dtype committed earlier (q8 and fp32 share the config files).
  const kept = (existing?.files ?? []).filter((f) => !entries.some((e) => e.name === f.name));
  const manifest: ModelManifest = { modelId, source: host, files: [...kept, ...entries], completedAt: Date.now() };
  await store.commit(manifest);
  state.emit('complete', files[files.length - 1]!);
  return manifest;
}

/** Whether the store holds a complete, verified copy of the model for `dtype` (no download needed). */
export async function isModelStored(store: ModelStore, modelId: string, dtype: ModelDtype): Promise<boolean> {
  const manifest = await store.manifest(modelId);
  return manifest !== null && (await manifestCovers(store, manifest, dtype));
}

/** Whether a committed model already has every file `dtype` needs (q8 and fp32 differ). */
async function manifestCovers(store: ModelStore, manifest: ModelManifest, dtype: ModelDtype): Promise<boolean> {
  const have = new Set(manifest.files.map((f) => f.name));
  const configBytes = await store.read(manifest.modelId, 'config.json');
  const config = configBytes ? parseJson(configBytes) : undefined;
  return requiredModelFiles(dtype, config).every((f) => have.has(f));
}

async function fetchFile(options: DownloadOptions, host: string, file: string, state: DownloadState): Promise<ModelFileEntry> {
  const { store, modelId, signal } = options;
  const url = fileUrl(host, modelId, file, options.revision);
  const pieceBytes = Math.max(64 * 1024, options.pieceBytes ?? DEFAULT_PIECE_BYTES);
  let expected: ExpectedFile = state.expected(file);
  let offset = await store.stagedSize(modelId, file);
  if (expected.size !== undefined && offset > expected.size) {
    await store.discardStaged(modelId, file);
    offset = 0;
  }
  state.setDone(file, offset);

  while (expected.size === undefined || offset < expected.size) {
    throwIfAborted(signal);
    const end = expected.size === undefined ? offset + pieceBytes - 1 : Math.min(expected.size, offset + pieceBytes) - 1;
    const piece = await fetchPieceWithRetries(options, url, file, offset, end);
    expected = mergeExpected(expected, expectedFromHeaders(piece.headers));
    if (piece.total !== undefined) {
      if (expected.size !== undefined && expected.size !== piece.total) {
        await store.discardStaged(modelId, file);
        throw new ModelDownloadError(
          `${describe(modelId, file)} changed size on ${host} (${expected.size} → ${piece.total} bytes); the partial download was discarded, retry to start over.`,
          file,
        );
      }
      expected = { ...expected, size: piece.total };
    }
    state.setExpected(file, expected);
    if (piece.start !== offset) {
      // The server ignored the Range header and sent the whole file: keep that instead.
      await store.discardStaged(modelId, file);
      offset = 0;
    }
    if (piece.bytes.byteLength > 0) await store.appendStaged(modelId, file, offset, piece.bytes);
    offset += piece.bytes.byteLength;
    state.setDone(file, offset);
    state.emit('download', file);
    if (piece.wholeFile || (expected.size !== undefined && offset >= expected.size)) break;
    if (piece.bytes.byteLength === 0) {
      throw new ModelDownloadError(`${describe(modelId, file)}: ${host} sent an empty piece at byte ${offset}.`, file);
    }
  }
  return verifyFile(options, file, expected, state);
}

async function verifyFile(options: DownloadOptions, file: string, expected: ExpectedFile, state: DownloadState): Promise<ModelFileEntry> {
  const { store, modelId } = options;
  state.emit('verify', file);
  const bytes = await store.readStaged(modelId, file);
  const fail = async (what: string): Promise<never> => {
    await store.discardStaged(modelId, file);
    state.setDone(file, 0);
    throw new ModelDownloadError(`${describe(modelId, file)} is corrupt (${what}); it was discarded, retry to download it again.`, file);
  };
  if (expected.size !== undefined && bytes.byteLength !== expected.size) {
    await fail(`${bytes.byteLength} bytes instead of ${expected.size}`);
  }
  if (expected.sha256) {
    const actual = await sha256Hex(bytes);
    if (actual !== expected.sha256) await fail(`SHA-256 ${actual.slice(0, 12)}… instead of ${expected.sha256.slice(0, 12)}…`);
  } else if (expected.gitSha1) {
    const actual = await gitBlobSha1Hex(bytes);
    if (actual !== expected.gitSha1) await fail(`git SHA-1 ${actual.slice(0, 12)}… instead of ${expected.gitSha1.slice(0, 12)}…`);
  }
  if (file.endsWith('.json')) {
    try {
      JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      await fail('not valid JSON');
    }
  }
  const entry: ModelFileEntry = { name: file, size: bytes.byteLength };
  if (expected.sha256) entry.sha256 = expected.sha256;
  return entry;
}

interface Piece {
  bytes: Uint8Array;
  /** Offset of the first byte in the file. */
  start: number;
  /** File size, when the response told. */
  total?: number;
  /** True when the response held the whole file (200, or a 206 covering it all). */
  wholeFile: boolean;
  headers: Record<string, string>;
}

async function fetchPieceWithRetries(options: DownloadOptions, url: string, file: string, start: number, end: number): Promise<Piece> {
  const retries = Math.max(0, options.retries ?? 3);
  const sleep = options.sleep ?? delay;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    throwIfAborted(options.signal);
    if (attempt > 0) await sleep(Math.min(8000, 500 * 2 ** (attempt - 1)));
    try {
      return await fetchPiece(options, url, file, start, end);
    } catch (error) {
      if (isAbortError(error) || (error instanceof ModelDownloadError && !error.retryable)) throw error;
      lastError = error;
    }
  }
  const cause = lastError instanceof Error ? lastError.message : String(lastError);
  throw new ModelDownloadError(
    `Downloading ${describe(options.modelId, file)} failed after ${retries + 1} attempts: ${cause}. ` +
      'The bytes received so far are kept; retry to resume.',
    file,
  );
}

async function fetchPiece(options: DownloadOptions, url: string, file: string, start: number, end: number): Promise<Piece> {
  const response = await options.http.request({
    url,
    headers: { Range: `bytes=${start}-${end}` },
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? 60_000,
  });
  const bytes = new Uint8Array(response.body);
  const what = describe(options.modelId, file);
  if (response.status === 206) {
    const range = parseContentRange(response.headers['content-range']);
    if (!range) throw new ModelDownloadError(`${what}: ${url} answered 206 without a usable Content-Range.`, file, 206);
    if (range.start !== start) {
      throw new ModelDownloadError(`${what}: ${url} answered byte ${range.start} when asked for byte ${start}.`, file, 206, false);
    }
    const wanted = range.end - range.start + 1;
    if (bytes.byteLength !== wanted) {
      throw new ModelDownloadError(`${what}: response body cut short (${bytes.byteLength} of ${wanted} bytes).`, file, 206);
    }
    return { bytes, start: range.start, total: range.total, wholeFile: range.start === 0 && range.total === bytes.byteLength, headers: response.headers };
  }
  if (response.status === 200) {
    checkContentLength(response, bytes, what, file);
    return { bytes, start: 0, total: bytes.byteLength, wholeFile: true, headers: response.headers };
  }
  if (response.status === 416) {
    // Nothing left to fetch at this offset: the staged bytes already cover the file (or exceed it).
    const range = parseContentRange(response.headers['content-range']);
    if (range?.total === start) return { bytes: new Uint8Array(0), start, total: range.total, wholeFile: true, headers: response.headers };
    throw new ModelDownloadError(`${what}: ${url} refused byte range ${start}-${end} (HTTP 416).`, file, 416);
  }
  throw statusError(response.status, url, what, file);
}

function checkContentLength(response: HttpResponse, bytes: Uint8Array, what: string, file: string): void {
  const declared = Number(response.headers['content-length']);
  if (response.headers['content-length'] !== undefined && Number.isFinite(declared) && declared !== bytes.byteLength) {
    throw new ModelDownloadError(`${what}: response body cut short (${bytes.byteLength} of ${declared} bytes).`, file, response.status);
  }
}

function statusError(status: number, url: string, what: string, file: string): ModelDownloadError {
  if (status === 404) {
    return new ModelDownloadError(`${what} was not found at ${url} (HTTP 404). Check the model id and the mirror host.`, file, status, false);
  }
  if (status === 401 || status === 403) {
    return new ModelDownloadError(
      `${what}: ${url} refused access (HTTP ${status}); the model may be private or gated. Choose another model or a mirror.`,
      file,
      status,
      false,
    );
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  return new ModelDownloadError(`${what}: ${url} answered HTTP ${status}.`, file, status, retryable);
}

export function parseContentRange(value: string | undefined): { start: number; end: number; total?: number } | undefined {
  if (!value) return undefined;
  const full = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(value.trim());
  if (full) {
    const start = Number(full[1]);
    const end = Number(full[2]);
    const total = full[3] === '*' ? undefined : Number(full[3]);
    if (end < start) return undefined;
    return total === undefined ? { start, end } : { start, end, total };
  }
  const unsatisfied = /^bytes\s+\*\/(\d+)$/i.exec(value.trim());
  if (unsatisfied) return { start: Number(unsatisfied[1]), end: Number(unsatisfied[1]) - 1, total: Number(unsatisfied[1]) };
  return undefined;
}

function describe(modelId: string, file: string): string {
  return `Model file ${modelId}/${file}`;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Byte counts per file and the progress events computed from them. */
class DownloadState {
  private readonly done = new Map<string, number>();
  private readonly expectedFiles = new Map<string, ExpectedFile>();
  /** Metadata for files that may join the list later (external data). */
  private readonly pending = new Map<string, ExpectedFile>();

  constructor(
    private readonly modelId: string,
    files: readonly string[],
    expected: Map<string, ExpectedFile>,
    private readonly report: (progress: DownloadProgress) => void,
  ) {
    for (const file of files) this.expectedFiles.set(file, expected.get(file) ?? {});
    for (const [name, value] of expected) if (!this.expectedFiles.has(name) && name.startsWith('onnx/')) this.pending.set(name, value);
  }

  addFile(file: string, done: number): void {
    this.expectedFiles.set(file, this.pending.get(file) ?? {});
    this.done.set(file, done);
  }

  expected(file: string): ExpectedFile {
    return this.expectedFiles.get(file) ?? {};
  }

  setExpected(file: string, expected: ExpectedFile): void {
    this.expectedFiles.set(file, expected);
  }

  setDone(file: string, bytes: number): void {
    this.done.set(file, bytes);
  }

  emit(phase: DownloadPhase, file: string): void {
    let bytesDone = 0;
    for (const n of this.done.values()) bytesDone += n;
    let bytesTotal: number | undefined = 0;
    for (const e of this.expectedFiles.values()) {
      if (e.size === undefined) {
        bytesTotal = undefined;
        break;
      }
      bytesTotal += e.size;
    }
    const progress: DownloadProgress = {
      modelId: this.modelId,
      phase,
      file,
      fileBytesDone: this.done.get(file) ?? 0,
      bytesDone,
    };
    const fileTotal = this.expectedFiles.get(file)?.size;
    if (fileTotal !== undefined) progress.fileBytesTotal = fileTotal;
    if (bytesTotal !== undefined) {
      progress.bytesTotal = bytesTotal;
      progress.percent = bytesTotal > 0 ? Math.min(100, (100 * bytesDone) / bytesTotal) : 100;
    }
    this.report(progress);
  }
}
