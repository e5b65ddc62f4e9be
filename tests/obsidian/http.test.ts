// RequestUrlHttpClient through the obsidian stub's requestUrl (which performs real requests
// with Obsidian's contract), against the loopback Hub: the model download works over it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadModel } from '../../src/core/embedding/download';
import { MemoryModelStore } from '../../src/core/embedding/model-store';
import { RequestUrlHttpClient } from '../../src/obsidian/http';
import { startHfServer, type HfServer } from '../helpers/hf-server';
import { MODELS_DIR } from '../embedding/fixtures';

let server: HfServer;
beforeEach(async () => {
  // Obsidian code uses window timers; in Node the global object plays the window.
  vi.stubGlobal('window', globalThis);
  server = await startHfServer({ modelsDir: MODELS_DIR, models: { 'fixtures/tiny-random-bert': 'tiny-random-bert' } });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

describe('RequestUrlHttpClient', () => {
  it('returns statuses and lower-case headers without throwing on 404', async () => {
    const http = new RequestUrlHttpClient();
    const ok = await http.request({ url: `${server.url}/fixtures/tiny-random-bert/resolve/main/config.json`, headers: { Range: 'bytes=0-9' } });
    expect(ok.status).toBe(206);
    expect(ok.headers['content-range']).toMatch(/^bytes 0-9\/\d+$/);
    expect(ok.body.byteLength).toBe(10);
    const missing = await http.request({ url: `${server.url}/fixtures/tiny-random-bert/resolve/main/nope.json` });
    expect(missing.status).toBe(404);
    expect(missing.text()).toBe('Entry not found');
  });

  it('carries a whole model download', async () => {
    const store = new MemoryModelStore();
    const manifest = await downloadModel({ http: new RequestUrlHttpClient(), store, modelId: 'fixtures/tiny-random-bert', dtype: 'q8', host: server.url, pieceBytes: 64 * 1024 });
    expect(manifest.files).toHaveLength(4);
  });

  it('times out, honours abort, and names network failures', async () => {
    const http = new RequestUrlHttpClient();
    server.faults.push({ file: 'config.json', kind: 'hang' });
    const url = `${server.url}/fixtures/tiny-random-bert/resolve/main/config.json`;
    await expect(http.request({ url, timeoutMs: 200 })).rejects.toThrow(`Request to ${url} timed out after 0.2 s.`);
    const controller = new AbortController();
    const pending = http.request({ url, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await server.close();
    await expect(http.request({ url })).rejects.toThrow(`Request to ${url} failed: fetch failed`);
    server = await startHfServer({ modelsDir: MODELS_DIR, models: {} });
  });
});
