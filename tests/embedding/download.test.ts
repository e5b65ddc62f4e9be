// Model download against a loopback Hub (tests/helpers/hf-server.ts) with real HTTP, real
// stores and, at the end, the real transformers.js loading the downloaded files offline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadModel, ModelDownloadError, type DownloadOptions, type DownloadProgress } from '../../src/core/embedding/download';
import { MemoryModelStore, type ModelStore } from '../../src/core/embedding/model-store';
import { storeReader } from '../../src/core/embedding/model-reader';
import { resolveModelSpec } from '../../src/core/embedding/models';
import { FetchHttpClient } from '../../src/embedding/fetch-http-client';
import { NodeFileModelStore } from '../../src/embedding/node/node-file-model-store';
import { TransformersEmbedder } from '../../src/embedding/transformers-embedder';
import { startHfServer, type HfServer } from '../helpers/hf-server';
import { MODELS_DIR, cos, fixtureModelDir } from './fixtures';

const MODEL = 'fixtures/glove-en-100d';
const ONNX = 'onnx/model_quantized.onnx';
const PIECE = 1024 * 1024;

let server: HfServer;
let tempDirs: string[] = [];

beforeEach(async () => {
  fixtureModelDir('glove-en-100d');
  fixtureModelDir('tiny-random-bert');
  server = await startHfServer({
    modelsDir: MODELS_DIR,
    models: { [MODEL]: 'glove-en-100d', 'fixtures/tiny-random-bert': 'tiny-random-bert' },
  });
});
afterEach(async () => {
  await server.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs = [];
});

function tempStore(): NodeFileModelStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-models-'));
  tempDirs.push(dir);
  return new NodeFileModelStore(dir);
}

function options(store: ModelStore, extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    http: new FetchHttpClient(),
    store,
    modelId: MODEL,
    dtype: 'q8',
    host: server.url,
    pieceBytes: PIECE,
    timeoutMs: 2000,
    retries: 2,
    sleep: () => Promise.resolve(),
    ...extra,
  };
}

function fileSize(file: string): number {
  return fs.statSync(path.join(fixtureModelDir('glove-en-100d'), file)).size;
}

describe('downloadModel', () => {
  it('downloads in Range pieces, reports progress and verifies every file', async () => {
    const store = new MemoryModelStore();
    const events: DownloadProgress[] = [];
    const manifest = await downloadModel(options(store, { onProgress: (p) => events.push(p) }));

    const expectedFiles = ['config.json', 'tokenizer_config.json', 'tokenizer.json', ONNX];
    expect(manifest.files.map((f) => f.name).sort()).toEqual([...expectedFiles].sort());
    const total = expectedFiles.reduce((sum, f) => sum + fileSize(f), 0);
    const onnx = manifest.files.find((f) => f.name === ONNX)!;
    expect(onnx.size).toBe(fileSize(ONNX));
    expect(onnx.sha256).toMatch(/^[0-9a-f]{64}$/);

    const downloads = events.filter((e) => e.phase === 'download');
    expect(downloads.length).toBeGreaterThanOrEqual(Math.ceil(fileSize(ONNX) / PIECE));
    expect(downloads.every((e) => e.bytesTotal === total)).toBe(true);
    const percents = downloads.map((e) => e.percent!);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ phase: 'complete', bytesDone: total, percent: 100 });
    expect(events.some((e) => e.phase === 'verify' && e.file === ONNX)).toBe(true);

    const onnxRequests = server.requests.filter((r) => r.path.endsWith(ONNX));
    expect(onnxRequests.length).toBe(Math.ceil(fileSize(ONNX) / PIECE));
    expect(onnxRequests.every((r) => r.status === 206 && r.range?.startsWith('bytes='))).toBe(true);
    const stored = await store.read(MODEL, ONNX);
    expect(Buffer.compare(Buffer.from(stored!), fs.readFileSync(path.join(fixtureModelDir('glove-en-100d'), ONNX)))).toBe(0);
  });

  it('works from the cache with the server stopped, and the model then loads offline', async () => {
    const store = tempStore();
    await downloadModel(options(store));
    await server.close();

    const again = await downloadModel(options(store));
    expect(again.modelId).toBe(MODEL);
    const embedder = await TransformersEmbedder.load({ spec: resolveModelSpec(MODEL), reader: storeReader(store, MODEL), runtime: { device: 'cpu' } });
    try {
      const [a, b, c] = await embedder.embed(['The cat sat on the mat', 'A kitten rested on the rug', 'Stock markets fell sharply today'], 'passage');
      expect(cos(a!, b!)).toBeGreaterThan(cos(a!, c!) + 0.1);
    } finally {
      await embedder.dispose();
    }
    // Restart the server so afterEach can close it again.
    server = await startHfServer({ modelsDir: MODELS_DIR, models: {} });
  });

  it('gives a clear error for a 404 and commits nothing', async () => {
    const store = new MemoryModelStore();
    const error = await downloadModel(options(store, { modelId: 'fixtures/does-not-exist' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadError);
    expect((error as Error).message).toMatch(/fixtures\/does-not-exist\/config\.json was not found at http:\/\/127\.0\.0\.1:\d+\/.* \(HTTP 404\)/);
    expect(await store.manifest('fixtures/does-not-exist')).toBeNull();
    // A 404 is not retried.
    expect(server.requests.filter((r) => r.path.endsWith('config.json'))).toHaveLength(1);
  });

  it('never commits a model whose file was cut off, and resumes on retry', async () => {
    const store = tempStore();
    const cutAt = 4 * PIECE;
    server.faults.push({ file: ONNX, kind: 'truncate', fromByte: cutAt });
    const error = await downloadModel(options(store)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelDownloadError);
    expect((error as Error).message).toMatch(/onnx\/model_quantized\.onnx failed after 3 attempts: .*The first \d+\.\d MB of it are kept; retry to resume\./);
    expect(await store.manifest(MODEL)).toBeNull();
    expect(await store.read(MODEL, ONNX)).toBeNull();
    expect(await store.stagedSize(MODEL, ONNX)).toBe(cutAt);

    server.faults.length = 0;
    server.requests.length = 0;
    const manifest = await downloadModel(options(store));
    expect(manifest.files.find((f) => f.name === ONNX)?.size).toBe(fileSize(ONNX));
    const onnxRanges = server.requests.filter((r) => r.path.endsWith(ONNX)).map((r) => r.range);
    expect(onnxRanges[0]).toBe(`bytes=${cutAt}-${cutAt + PIECE - 1}`);
  });

  it('discards a corrupt file (digest mismatch) and succeeds on retry', async () => {
    const store = new MemoryModelStore();
    server.faults.push({ file: 'config.json', kind: 'corrupt', times: 1 });
    const error = await downloadModel(options(store)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/config\.json is corrupt \(git SHA-1 .*\); it was discarded/);
    expect(await store.stagedSize(MODEL, 'config.json')).toBe(0);
    expect(await store.manifest(MODEL)).toBeNull();

    server.faults.push({ file: ONNX, kind: 'corrupt', times: 1, fromByte: PIECE });
    const second = await downloadModel(options(store)).catch((e: unknown) => e);
    expect((second as Error).message).toMatch(/model_quantized\.onnx is corrupt \(SHA-256 /);
    expect(await store.manifest(MODEL)).toBeNull();

    const manifest = await downloadModel(options(store));
    expect(manifest.files).toHaveLength(4);
  });

  it('retries a 500 and a hung request, then succeeds', async () => {
    const store = new MemoryModelStore();
    server.faults.push({ file: 'tokenizer.json', kind: 'status', status: 500, times: 1 });
    server.faults.push({ file: ONNX, kind: 'hang', times: 1, fromByte: PIECE });
    const manifest = await downloadModel(options(store, { timeoutMs: 500 }));
    expect(manifest.files).toHaveLength(4);
    expect(server.requests.some((r) => r.status === 500)).toBe(true);
    expect(server.requests.some((r) => r.status === -1)).toBe(true);
  });

  it('gives up on a server that keeps failing, naming the status', async () => {
    const store = new MemoryModelStore();
    server.faults.push({ file: 'config.json', kind: 'status', status: 503 });
    const error = await downloadModel(options(store)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Downloading model file .*config\.json failed after 3 attempts: .*HTTP 503\. Nothing of this file arrived; retry when the server answers/);
    expect((error as Error).message.match(/config\.json/g)).toHaveLength(2); // the file, then the URL: not "Model file …config.json" again
    expect((error as Error).message).not.toContain('..');
  });

  it('without published digests, still refuses a JSON file that does not parse', async () => {
    const store = new MemoryModelStore();
    server.disableTreeApi = true;
    server.omitDigests = true;
    server.faults.push({ file: 'config.json', kind: 'corrupt', times: 1 });
    const error = await downloadModel(options(store)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/config\.json is corrupt \(not valid UTF-8 JSON\); it was discarded/);
    const manifest = await downloadModel(options(store));
    expect(manifest.files.map((f) => f.name)).toContain('config.json');
  });

  it('works with a plain mirror: no Range support and no tree API', async () => {
    const store = new MemoryModelStore();
    server.ignoreRange = true;
    server.disableTreeApi = true;
    const manifest = await downloadModel(options(store));
    expect(manifest.files.find((f) => f.name === ONNX)).toMatchObject({ size: fileSize(ONNX) });
    // The digest still came from the X-Linked-Etag header of the LFS-sized file.
    expect(manifest.files.find((f) => f.name === ONNX)?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('completes a download whose last file was fully staged before a crash, without fetching it again', async () => {
    const store = new MemoryModelStore();
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtureModelDir('glove-en-100d'), ONNX)));
    await store.appendStaged(MODEL, ONNX, 0, bytes);
    await downloadModel(options(store));
    expect(server.requests.filter((r) => r.path.endsWith(ONNX))).toHaveLength(0);
  });

  it('fetches only what another dtype needs and keeps both committed', async () => {
    const store = new MemoryModelStore();
    const q8 = await downloadModel(options(store, { modelId: 'fixtures/tiny-random-bert' }));
    expect(q8.files.map((f) => f.name)).toContain(ONNX);
    server.requests.length = 0;
    const both = await downloadModel(options(store, { modelId: 'fixtures/tiny-random-bert', dtype: 'fp32' }));
    expect(both.files.map((f) => f.name).sort()).toEqual(['config.json', 'onnx/model.onnx', ONNX, 'tokenizer.json', 'tokenizer_config.json'].sort());
    expect(server.requests.filter((r) => r.path.includes('/resolve/')).map((r) => r.path.split('/main/')[1])).toEqual(['onnx/model.onnx']);
  });

  it('stops with an AbortError when cancelled', async () => {
    const store = new MemoryModelStore();
    const controller = new AbortController();
    const error = await downloadModel(
      options(store, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'download' && p.file === ONNX) controller.abort();
        },
      }),
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(await store.manifest(MODEL)).toBeNull();
  });
});
