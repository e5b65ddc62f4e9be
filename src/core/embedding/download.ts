/**
 * First-use model download over the HttpClient port. Files are fetched in Range pieces of a
 * few MB: Obsidian's requestUrl cannot stream, so pieces are what makes progress visible, and
 * each stored piece is a resume point after a lost connection or a restart. Every file is
 * checked against the size (and SHA-256 / git SHA-1 when the host publishes one) before the
 * model is committed; a model that is not committed is never loaded.
 */
import type { HttpClient } from '../ports';
import { throwIfAborted } from './abort';
import { gitBlobSha1Hex, sha256Hex } from './digest';
import { ModelDownloadError, describeModelFile as describe } from './download-error';
import { fetchPieceWithRetries } from './download-piece';
import { DownloadState, type DownloadProgress } from './download-progress';
import { expectedFromHeaders, fetchExpectedFiles, fileUrl, mergeExpected, normalizeHost, type ExpectedFile } from './hub';
import { MODEL_CONFIG_FILES, externalDataFiles, onnxFileName, requiredModelFiles } from './model-files';
import type { ModelFileEntry, ModelManifest, ModelStore } from './model-store';
import type { ModelDtype } from './models';

export { ModelDownloadError } from './download-error';
export { parseContentRange } from './download-piece';
export type { DownloadPhase, DownloadProgress } from './download-progress';

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

/** JSON files up to this size are parsed on download when no digest vouches for them (~10 ms). */
const MAX_JSON_CHECK_BYTES = 1024 * 1024;

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
  // A digest already proves the bytes are the published ones. Without one (a bare mirror), a
  // small JSON file must at least parse. A large one (tokenizer.json, up to 17 MB) is left to
  // the worker, which parses it anyway: parsing it here held the UI thread for 50-100+ ms.
  if (!expected.sha256 && !expected.gitSha1 && file.endsWith('.json') && bytes.byteLength <= MAX_JSON_CHECK_BYTES) {
    try {
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      await fail('not valid UTF-8 JSON');
    }
  }
  const entry: ModelFileEntry = { name: file, size: bytes.byteLength };
  if (expected.sha256) entry.sha256 = expected.sha256;
  return entry;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
