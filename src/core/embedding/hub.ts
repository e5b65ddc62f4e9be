/**
 * Hugging Face Hub URLs and metadata. A mirror host serves the same layout
 * (`<host>/<org>/<name>/resolve/<revision>/<file>`); the file list API
 * (`<host>/api/models/<id>/tree/<revision>/<dir>`) gives sizes and digests when the host has it.
 */
import type { HttpClient } from '../ports';

export const DEFAULT_HUB_HOST = 'https://huggingface.co';

/** What the host says a file should be; any field may be unknown. */
export interface ExpectedFile {
  size?: number;
  /** Hex SHA-256 of the content (LFS files). */
  sha256?: string;
  /** Git blob SHA-1 of the content (small files stored in git). */
  gitSha1?: string;
}

/** Host without trailing slashes; empty means the Hub. Only http(s) is accepted. */
export function normalizeHost(host: string | undefined): string {
  const trimmed = (host ?? '').trim().replace(/\/+$/, '');
  if (!trimmed) return DEFAULT_HUB_HOST;
  if (!/^https?:\/\/[^/\s]+/i.test(trimmed)) {
    throw new Error(`Model host "${host}" is not an http(s) URL (expected e.g. https://huggingface.co).`);
  }
  return trimmed;
}

export function fileUrl(host: string, modelId: string, file: string, revision = 'main'): string {
  const encodedFile = file.split('/').map(encodeURIComponent).join('/');
  return `${normalizeHost(host)}/${modelId}/resolve/${encodeURIComponent(revision)}/${encodedFile}`;
}

export function treeUrl(host: string, modelId: string, dir: string, revision = 'main'): string {
  const suffix = dir ? `/${dir.split('/').map(encodeURIComponent).join('/')}` : '';
  return `${normalizeHost(host)}/api/models/${modelId}/tree/${encodeURIComponent(revision)}${suffix}`;
}

/**
 * Sizes and digests of the files in the given folders (`''` = root), from the tree API.
 * Hosts without the API (a plain static mirror) give an empty map: downloads then rely on
 * Content-Length / Content-Range and, when present, the `x-linked-etag` header.
 */
export async function fetchExpectedFiles(
  http: HttpClient,
  host: string,
  modelId: string,
  dirs: readonly string[],
  options: { revision?: string; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<Map<string, ExpectedFile>> {
  const expected = new Map<string, ExpectedFile>();
  for (const dir of dirs) {
    let entries: unknown;
    try {
      const response = await http.request({
        url: treeUrl(host, modelId, dir, options.revision),
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
      if (response.status !== 200) continue;
      entries = JSON.parse(response.text());
    } catch (error) {
      if (options.signal?.aborted) throw error;
      continue;
    }
    for (const [path, file] of parseTreeEntries(entries)) expected.set(path, file);
  }
  return expected;
}

export function parseTreeEntries(entries: unknown): Map<string, ExpectedFile> {
  const out = new Map<string, ExpectedFile>();
  if (!Array.isArray(entries)) return out;
  for (const entry of entries as unknown[]) {
    if (!isRecord(entry) || entry.type !== 'file' || typeof entry.path !== 'string') continue;
    const file: ExpectedFile = {};
    if (typeof entry.size === 'number') file.size = entry.size;
    const lfs = entry.lfs;
    if (isRecord(lfs)) {
      if (typeof lfs.oid === 'string' && /^[0-9a-f]{64}$/i.test(lfs.oid)) file.sha256 = lfs.oid.toLowerCase();
      if (typeof lfs.size === 'number') file.size = lfs.size;
    } else if (typeof entry.oid === 'string' && /^[0-9a-f]{40}$/i.test(entry.oid)) {
      file.gitSha1 = entry.oid.toLowerCase();
    }
    out.set(entry.path, file);
  }
  return out;
}

/**
 * Digest and size from a file response's headers. `x-linked-etag`/`x-linked-size` are the
 * Hub's LFS headers; its plain `etag` is only trusted as a digest when `x-repo-commit` shows
 * the response really came from a Hub-compatible server.
 */
export function expectedFromHeaders(headers: Record<string, string>): ExpectedFile {
  const file: ExpectedFile = {};
  const linked = unquote(headers['x-linked-etag']);
  if (linked && /^[0-9a-f]{64}$/i.test(linked)) file.sha256 = linked.toLowerCase();
  const linkedSize = Number(headers['x-linked-size']);
  if (Number.isSafeInteger(linkedSize) && linkedSize >= 0 && headers['x-linked-size'] !== undefined) file.size = linkedSize;
  if (headers['x-repo-commit'] !== undefined && !file.sha256) {
    const etag = headers.etag;
    const value = etag && !etag.startsWith('W/') ? unquote(etag) : undefined;
    if (value && /^[0-9a-f]{64}$/i.test(value)) file.sha256 = value.toLowerCase();
    else if (value && /^[0-9a-f]{40}$/i.test(value)) file.gitSha1 = value.toLowerCase();
  }
  return file;
}

/** Merges what two sources say, preferring `primary` where both know a field. */
export function mergeExpected(primary: ExpectedFile | undefined, secondary: ExpectedFile | undefined): ExpectedFile {
  return { ...(secondary ?? {}), ...stripUndefined(primary ?? {}) };
}

function stripUndefined(file: ExpectedFile): ExpectedFile {
  const out: ExpectedFile = {};
  if (file.size !== undefined) out.size = file.size;
  if (file.sha256 !== undefined) out.sha256 = file.sha256;
  if (file.gitSha1 !== undefined) out.gitSha1 = file.gitSha1;
  return out;
}

function unquote(value: string | undefined): string | undefined {
  return value?.trim().replace(/^"(.*)"$/, '$1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
