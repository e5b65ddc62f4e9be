// The two factories that turn settings into an Embedder or a reason for keyword-only search:
// createNodeEmbedder (CLI) and createWorkerEmbedder (plugin; here with worker threads).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryModelStore } from '../../src/core/embedding/model-store';
import type { DownloadProgress } from '../../src/core/embedding/download';
import type { Embedder } from '../../src/core/ports';
import type { EmbedderResult } from '../../src/core/embedding/embedder-result';
import { createWorkerEmbedder } from '../../src/embedding/create-worker-embedder';
import { FetchHttpClient } from '../../src/embedding/fetch-http-client';
import { createNodeEmbedder } from '../../src/embedding/node/create-node-embedder';
import { startHfServer, type HfServer } from '../helpers/hf-server';
import { MODELS_DIR, cos, fixtureModelDir } from './fixtures';
import { buildNodeWorker, threadWorker } from './worker/thread-worker';

let server: HfServer;
const tempDirs: string[] = [];
const opened: Embedder[] = [];
let workerFile: string;

beforeAll(async () => {
  workerFile = await buildNodeWorker();
});
beforeEach(async () => {
  server = await startHfServer({ modelsDir: MODELS_DIR, models: { 'fixtures/glove-pt-en-100d': 'glove-pt-en-100d' } });
});
afterEach(async () => {
  await server.close();
  for (const e of opened.splice(0)) await e.dispose();
});
afterAll(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-create-'));
  tempDirs.push(dir);
  return dir;
}

function ready(result: EmbedderResult): Embedder {
  if (!result.ok) throw new Error(`expected an embedder, got: ${result.reason}`);
  opened.push(result.embedder);
  return result.embedder;
}

async function ptEnMargin(embedder: Embedder): Promise<number> {
  const [gato, cat, stocks] = await embedder.embed(['O gato dorme no sofá', 'The cat sleeps on the couch', 'The stock market fell today'], 'passage');
  return cos(gato!, cat!) - cos(gato!, stocks!);
}

describe('createNodeEmbedder (CLI)', () => {
  it('loads a fixture from --models-dir by folder name', async () => {
    fixtureModelDir('glove-pt-en-100d');
    const result = await createNodeEmbedder({ model: 'glove-pt-en-100d', modelsDir: MODELS_DIR, download: false, cacheDir: tempDir() });
    expect(result.ok && result.source).toBe(path.join(MODELS_DIR, 'glove-pt-en-100d'));
    expect(await ptEnMargin(ready(result))).toBeGreaterThan(0.3);
  });

  it('loads a model folder given as a path', async () => {
    const result = await createNodeEmbedder({ model: fixtureModelDir('glove-en-100d'), download: false, cacheDir: tempDir() });
    expect(ready(result).info.dims).toBe(100);
  });

  it('downloads a Hub id into the cache once, then works with the Hub stopped', async () => {
    const cacheDir = tempDir();
    const events: DownloadProgress[] = [];
    const first = await createNodeEmbedder({ model: 'fixtures/glove-pt-en-100d', cacheDir, host: server.url, onDownloadProgress: (p) => events.push(p) });
    expect(ready(first).info.dims).toBe(100);
    expect(events.at(-1)?.phase).toBe('complete');
    await server.close();
    const second = await createNodeEmbedder({ model: 'fixtures/glove-pt-en-100d', cacheDir, host: server.url });
    expect(second.ok && second.source).toMatch(new RegExp(`${cacheDir.replace(/[/\\]/g, '.')}.*fixtures/glove-pt-en-100d`));
    expect(await ptEnMargin(ready(second))).toBeGreaterThan(0.3);
    server = await startHfServer({ modelsDir: MODELS_DIR, models: {} });
  });

  it('says what it tried when nothing works (keyword search fallback)', async () => {
    const cacheDir = tempDir();
    const offline = await createNodeEmbedder({ model: 'fixtures/glove-pt-en-100d', modelsDir: tempDir(), cacheDir, download: false });
    expect(offline).toEqual({
      ok: false,
      reason: expect.stringMatching(/Embedding model 'fixtures\/glove-pt-en-100d' is not available: not in --models-dir .*; not in the cache .*; downloading is disabled\. Search falls back to keywords only\./),
    });
    const missing = await createNodeEmbedder({ model: 'fixtures/nope', cacheDir, host: server.url });
    expect(missing.ok ? '' : missing.reason).toMatch(/downloading from http:\/\/127\.0\.0\.1:\d+ failed: .*HTTP 404/);
    const notHub = await createNodeEmbedder({ model: 'no-such-folder', modelsDir: MODELS_DIR, cacheDir });
    expect(notHub.ok ? '' : notHub.reason).toMatch(/'no-such-folder' is not a Hugging Face id/);
  });
});

describe('createWorkerEmbedder (plugin)', () => {
  const base = () => ({
    modelId: 'fixtures/glove-pt-en-100d',
    store: new MemoryModelStore(),
    http: new FetchHttpClient(),
    mirrorHost: server.url,
    createWorker: () => threadWorker(workerFile),
  });

  it('does not download without permission, and says so', async () => {
    const result = await createWorkerEmbedder({ ...base(), allowDownload: false });
    expect(result).toEqual({
      ok: false,
      reason: `Model 'fixtures/glove-pt-en-100d' is not downloaded yet (from ${server.url}). Search uses keywords only until it is downloaded.`,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('downloads on first use with progress, then embeds in a worker', async () => {
    const percents: number[] = [];
    const setup = { ...base(), allowDownload: true, onDownloadProgress: (p: DownloadProgress) => p.percent !== undefined && percents.push(p.percent) };
    const embedder = ready(await createWorkerEmbedder(setup));
    expect(percents.at(-1)).toBe(100);
    expect(await ptEnMargin(embedder)).toBeGreaterThan(0.3);
    // Second start: from the store, no network.
    server.requests.length = 0;
    const again = await createWorkerEmbedder({ ...setup, allowDownload: false });
    expect(await ptEnMargin(ready(again))).toBeGreaterThan(0.3);
    expect(server.requests).toHaveLength(0);
  });

  it('prefers the local model folder (air-gapped) and never touches the network', async () => {
    const localFolder = { root: MODELS_DIR, read: (p: string) => fs.promises.readFile(p).then((b) => new Uint8Array(b), () => null) };
    const result = await createWorkerEmbedder({ ...base(), allowDownload: true, localFolder });
    expect(result.ok && result.source).toBe(`${MODELS_DIR}/glove-pt-en-100d`);
    expect(await ptEnMargin(ready(result))).toBeGreaterThan(0.3);
    expect(server.requests).toHaveLength(0);
  });

  it('turns a failed download into a reason', async () => {
    server.faults.push({ file: '*', kind: 'status', status: 404 });
    const result = await createWorkerEmbedder({ ...base(), allowDownload: true });
    expect(result.ok ? '' : result.reason).toMatch(/config\.json was not found at .*HTTP 404.*Search uses keywords only until the model is available\./);
  });
});
