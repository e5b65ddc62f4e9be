// Browser side of the Chromium smoke test (scripts/embedding-browser-smoke.mjs): the plugin's real main-thread path.
// Downloads a fixture model from the loopback Hub into IndexedDB, starts the inlined Web Worker
// from a Blob URL (onnxruntime-web WASM, bundled binary), embeds, cancels, loads again with the
// Hub stopped, and optionally measures throughput with 1 and 2 workers.
import { downloadModel } from '../../../src/core/embedding/download';
import { storeReader } from '../../../src/core/embedding/model-reader';
import { resolveModelSpec } from '../../../src/core/embedding/models';
import type { Logger } from '../../../src/core/ports';
import { FetchHttpClient } from '../../../src/embedding/fetch-http-client';
import { IndexedDbModelStore } from '../../../src/embedding/idb-model-store';
import { createInlineWorker } from '../../../src/embedding/worker/inline-worker';
import { WorkerEmbedder } from '../../../src/embedding/worker/worker-embedder';

interface SmokeState {
  done: boolean;
  error: string | null;
  result: Record<string, unknown>;
  log: string[];
}
declare global {
  interface Window {
    __smoke: SmokeState;
    stopHub(): Promise<void>;
  }
}

const state: SmokeState = { done: false, error: null, result: {}, log: [] };
window.__smoke = state;
const params = new URLSearchParams(location.search);
const host = params.get('host') ?? '';
const modelId = params.get('model') ?? '';
const perfModelId = params.get('perf');
const measureTexts = Number(params.get('texts') ?? 48);
const wordsPerText = Number(params.get('words') ?? 42);
const warmupSeconds = Number(params.get('warmup') ?? 10);
const logger: Logger = {
  debug: (m) => state.log.push(`debug: ${m}`),
  warn: (m) => state.log.push(`warn: ${m}`),
  error: (m) => state.log.push(`error: ${m}`),
};

function cos(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

const WORDS = 'the of and to in is that for it as was with be by on not this are or from at which but have an they you were'.split(' ');
function words(n: number, seed: number): string {
  const out: string[] = [];
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(WORDS[s % WORDS.length]!);
  }
  return out.join(' ');
}

async function start(store: IndexedDbModelStore, id: string, workerCount: number): Promise<WorkerEmbedder> {
  return WorkerEmbedder.start({ createWorker: createInlineWorker, spec: resolveModelSpec(id), reader: storeReader(store, id), workerCount, logger });
}

async function run(): Promise<void> {
  const http = new FetchHttpClient();
  const store = new IndexedDbModelStore();
  const r = state.result;
  r.crossOriginIsolated = self.crossOriginIsolated;
  r.hasWebGpu = 'gpu' in navigator;

  await store.remove(modelId);
  const percents: number[] = [];
  let t = performance.now();
  const manifest = await downloadModel({ http, store, modelId, dtype: 'q8', host, pieceBytes: 2 * 1024 * 1024, onProgress: (p) => p.percent !== undefined && percents.push(Math.round(p.percent)) });
  r.downloadMs = Math.round(performance.now() - t);
  r.downloadBytes = manifest.files.reduce((s, f) => s + f.size, 0);
  r.progressEvents = percents.length;
  r.lastPercent = percents.at(-1);
  if (perfModelId) {
    t = performance.now();
    await downloadModel({ http, store, modelId: perfModelId, dtype: 'q8', host });
    r.perfDownloadMs = Math.round(performance.now() - t);
  }

  t = performance.now();
  let embedder = await start(store, modelId, 1);
  r.firstLoadMs = Math.round(performance.now() - t);
  r.backend = embedder.backend;
  r.info = embedder.info;
  t = performance.now();
  const [cat, kitten, stocks] = await embedder.embed(['The cat sat on the mat', 'A kitten rested on the rug', 'Stock markets fell sharply today'], 'passage');
  r.firstEmbedMs = Math.round(performance.now() - t);
  r.catRelated = cos(cat!, kitten!);
  r.catUnrelated = cos(cat!, stocks!);
  r.catVector = Array.from(cat!.slice(0, 4));

  const controller = new AbortController();
  t = performance.now();
  const many = Array.from({ length: 64 }, (_, i) => words(40 + (i % 9), i + 1));
  const cancelled = await embedder
    .embed(many, 'passage', { signal: controller.signal, onProgress: () => controller.abort() })
    .then(() => 'not cancelled', (e: Error) => e.name);
  r.cancel = { result: cancelled, ms: Math.round(performance.now() - t) };
  const [afterCancel] = await embedder.embed(['The cat sat on the mat'], 'passage');
  r.usableAfterCancel = cos(afterCancel!, cat!) > 0.9999;
  await embedder.dispose();

  await window.stopHub();
  t = performance.now();
  await downloadModel({ http, store, modelId, dtype: 'q8', host });
  embedder = await start(store, modelId, 1);
  const [offline] = await embedder.embed(['The cat sat on the mat'], 'passage');
  r.offlineReloadMs = Math.round(performance.now() - t);
  r.offlineSameVector = cos(offline!, cat!) > 0.9999;
  await embedder.dispose();

  if (perfModelId) r.throughput = await throughput(store, perfModelId);
}

/**
 * Chunks/s after a warm-up: PERF.md saw Chromium run WASM in its baseline tier for seconds,
 * so each worker embeds for `warmupSeconds` before the timed run.
 */
async function throughput(store: IndexedDbModelStore, id: string): Promise<Record<string, unknown>> {
  if (!(await store.manifest(id))) throw new Error(`perf model ${id} is not in the store; the runner downloads it first`);
  const out: Record<string, unknown> = {};
  const texts = Array.from({ length: measureTexts }, (_, i) => words(wordsPerText, i + 100));
  for (const workers of [1, 2]) {
    let t = performance.now();
    const embedder = await start(store, id, workers);
    const loadMs = Math.round(performance.now() - t);
    t = performance.now();
    await embedder.embed(Array.from({ length: 8 * workers }, (_, i) => words(wordsPerText, i + 1)), 'passage');
    const firstCallsMs = Math.round(performance.now() - t);
    for (let round = 0; performance.now() - t < warmupSeconds * 1000; round++) {
      await embedder.embed(Array.from({ length: 8 * workers }, (_, i) => words(wordsPerText, 1000 * round + i)), 'passage');
    }
    const tokens = await embedder.countTokens(texts.slice(0, 4), 'passage');
    t = performance.now();
    await embedder.embed(texts, 'passage');
    const seconds = (performance.now() - t) / 1000;
    out[`workers${workers}`] = { loadMs, firstCallsMs, tokensPerText: tokens, texts: texts.length, seconds: Math.round(seconds * 100) / 100, chunksPerSecond: Math.round((texts.length / seconds) * 100) / 100 };
    await embedder.dispose();
  }
  return out;
}

run()
  .catch((e: unknown) => {
    state.error = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
  })
  .finally(() => {
    state.done = true;
  });
