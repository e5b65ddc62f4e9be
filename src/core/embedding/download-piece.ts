/**
 * One Range request of a model file, with retries for what a retry can fix (network errors,
 * timeouts, cut-off bodies, 408/429/5xx) and clear errors for what it cannot (404, 401/403).
 */
import type { HttpClient, HttpResponse } from '../ports';
import { isAbortError, throwIfAborted } from './abort';
import { ModelDownloadError, describeModelFile as describe } from './download-error';
import { delay } from './globals';

export interface PieceRequest {
  http: HttpClient;
  modelId: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Piece {
  bytes: Uint8Array;
  /** Offset of the first byte in the file. */
  start: number;
  /** File size, when the response told. */
  total?: number;
  /** True when the response held the whole file (200, or a 206 covering it all). */
  wholeFile: boolean;
  headers: Record<string, string>;
}

export async function fetchPieceWithRetries(options: PieceRequest, url: string, file: string, start: number, end: number): Promise<Piece> {
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
  // Causes end with their own full stop; the sentence around them must not add a second one.
  // The sentence already names the file, so a cause that starts by naming it again drops that.
  const what = `${describe(options.modelId, file)}: `;
  let cause = (lastError instanceof Error ? lastError.message : String(lastError)).replace(/\.+$/, '');
  if (cause.startsWith(what)) cause = cause.slice(what.length);
  throw new ModelDownloadError(
    `Downloading model file ${options.modelId}/${file} failed after ${retries + 1} attempts: ${cause}. ` +
      (start > 0
        ? `The first ${formatMegabytes(start)} of it are kept; retry to resume.`
        : 'Nothing of this file arrived; retry when the server answers (files already downloaded are kept).'),
    file,
  );
}

async function fetchPiece(options: PieceRequest, url: string, file: string, start: number, end: number): Promise<Piece> {
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

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
