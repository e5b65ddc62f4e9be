/**
 * Shared pieces of the browser performance scenarios: the built plugin pointed at the host's
 * model mirror from its very first start, an in-page recorder (engine state changes, the
 * related view's first rows, long tasks), heap sampling over CDP, and one printed line per
 * measurement (`[perf] {...}`), collected into docs/bench-browser.json and docs/BENCH-BROWSER.md
 * by bench-report.ts (`npm run bench:browser`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { CDPSession } from 'playwright-core';
import { startHost, type Host, type StartHostOptions } from '../harness';
import { repoRoot, sharedDir } from '../server';

export const PLUGIN = 'ask-my-notes';
export const GLOVE = 'e2e/glove-en-100d';
export const PERF_TWIN = 'e2e/perf-twin';
export const helpVault = path.join(sharedDir, 'vaults/obsidian-help-en');
export const hubVault = path.join(sharedDir, 'vaults/obsidian-hub');

export function requireBuild(): void {
  if (!fs.existsSync(path.join(repoRoot, 'main.js'))) throw new Error('main.js is missing: run `npm run build` first.');
}

export function requireFixture(dir: string): string {
  if (!fs.existsSync(dir)) throw new Error(`Fixture missing: ${dir} (expected ../shared beside the repo).`);
  return dir;
}

export function countNotes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? (e.name.startsWith('.') ? 0 : countNotes(path.join(dir, e.name))) : e.name.endsWith('.md') ? 1 : 0), 0);
}

/** What the recorder puts on `window.__amnPerf`. */
export interface PerfRecord {
  /** First page time of each mark: model-ready, indexed, related-rows, related-semantic, … */
  first: Record<string, number>;
  events: { name: string; t: number; detail?: unknown }[];
  /** Every change of model state or indexing phase: `model/phase` with the progress counts. */
  timeline: { t: number; state: string; done: number; total: number }[];
}

/**
 * Runs before any page script: finds the plugin's engine as soon as the plugin is constructed
 * (a child component with `snapshot()` and `indexer()`), records when the model became ready
 * and when indexing went idle, and watches the related view for its first rows and its first
 * rows ranked by vectors (no keyword notice above the list).
 */
function recorderScript(): void {
  type Snapshot = { model: { kind: string }; indexing: { phase: string; notesDone: number; notesTotal: number } | null; indexReady: boolean; revision: number };
  type Engine = { snapshot(): Snapshot; onChange(l: (s: Snapshot) => void): () => void; indexer(): unknown };
  const w = window as unknown as { __amnPerf: PerfRecord & { engine?: Engine }; __host?: { plugin?: { _children?: unknown[] } } };
  const perf: PerfRecord & { engine?: Engine } = { first: {}, events: [], timeline: [] };
  w.__amnPerf = perf;
  const mark = (name: string, detail?: unknown): void => {
    const t = performance.now();
    if (!(name in perf.first)) {
      perf.first[name] = t;
      perf.events.push(detail === undefined ? { name, t } : { name, t, detail });
    }
  };
  let lastState = '';
  const onSnapshot = (s: Snapshot): void => {
    const state = `${s.model.kind}/${s.indexing?.phase ?? 'none'}`;
    if (state !== lastState) {
      lastState = state;
      perf.timeline.push({ t: Math.round(performance.now()), state, done: s.indexing?.notesDone ?? -1, total: s.indexing?.notesTotal ?? -1 });
    }
    if (s.indexReady) mark('index-ready');
    if (s.model.kind === 'ready') mark('model-ready');
    if (s.model.kind === 'ready' && s.indexReady && s.indexing === null) mark('indexed');
    if (s.model.kind === 'ready' && s.indexing?.phase === 'indexing') mark('embedding-pass');
  };
  const timer = setInterval(() => {
    const children = w.__host?.plugin?._children ?? [];
    const engine = children.find((c): c is Engine => !!c && typeof (c as Engine).snapshot === 'function' && typeof (c as Engine).indexer === 'function');
    if (!engine) return;
    clearInterval(timer);
    perf.engine = engine;
    engine.onChange(onSnapshot);
    onSnapshot(engine.snapshot());
  }, 5);
  const watchRelated = (): void => {
    const view = document.querySelector('.amn-related-view');
    if (!view || !view.querySelector('.amn-related-row')) return;
    const heading = view.querySelector('.amn-related-heading-text')?.textContent ?? '';
    mark('related-rows', heading);
    if (!view.querySelector('.amn-related-notice-model-loading, .amn-related-notice-not-embedded, .amn-related-notice-no-model')) {
      const indexing = perf.engine?.snapshot().indexing;
      mark('related-semantic', { heading, notesDone: indexing?.notesDone ?? null, notesTotal: indexing?.notesTotal ?? null });
    }
  };
  new MutationObserver(watchRelated).observe(document, { childList: true, subtree: true });
}

export interface PerfHostOptions extends Omit<StartHostOptions, 'settings'> {
  modelId: string;
  /** Extra plugin settings on top of the model and the host's mirror. */
  settings?: Record<string, unknown>;
}

/** Starts the host with the recorder installed and the plugin pointed at the host's model mirror. */
export async function startPerfHost(options: PerfHostOptions): Promise<Host> {
  const { modelId, settings, ...rest } = options;
  return startHost({
    ...rest,
    settings: (url: string) => ({ modelId, modelMirrorHost: url, ...settings }),
    initScript: recorderScript,
  });
}

export function perfRecord(host: Host): Promise<PerfRecord> {
  return host.page.evaluate(() => {
    const p = (window as unknown as { __amnPerf: PerfRecord }).__amnPerf;
    return { first: { ...p.first }, events: [...p.events], timeline: [...p.timeline] };
  });
}

/** Waits until a recorder mark exists; returns its page time. */
export async function waitForMark(host: Host, name: string, timeoutMs: number): Promise<number> {
  const handle = await host.page.waitForFunction((n) => (window as unknown as { __amnPerf: PerfRecord }).__amnPerf.first[n], name, { timeout: timeoutMs, polling: 100 });
  return (await handle.jsonValue()) as number;
}

/** Index counts straight from the engine. */
export function indexCounts(host: Host): Promise<{ notes: number; chunks: number; vectors: number }> {
  return host.page.evaluate(() => {
    const engine = (window as unknown as { __amnPerf: { engine: { indexer(): { state: { noteCount: number; chunkCount: number; vectorCount: number } } | null } } }).__amnPerf.engine;
    const state = engine.indexer()?.state;
    return { notes: state?.noteCount ?? 0, chunks: state?.chunkCount ?? 0, vectors: state?.vectorCount ?? 0 };
  });
}

export interface LongTaskSummary {
  count: number;
  maxMs: number;
  totalMs: number;
  over100: number;
  over200: number;
}

export function summarize(tasks: { duration: number }[]): LongTaskSummary {
  return {
    count: tasks.length,
    maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    totalMs: Math.round(tasks.reduce((s, t) => s + t.duration, 0)),
    over100: tasks.filter((t) => t.duration > 100).length,
    over200: tasks.filter((t) => t.duration > 200).length,
  };
}

/** Long tasks after layout-ready (before it, the host's own boot dominates), optionally up to a page time. */
export async function longTasksAfterLayout(host: Host, until = Infinity): Promise<{ duration: number; startTime: number }[]> {
  const layoutReadyAt = await host.layoutReadyAt();
  return (await host.longTasks()).filter((t) => t.startTime >= layoutReadyAt && t.startTime <= until);
}

/** Samples the page's JS heap (main thread only; workers are separate isolates) every `everyMs`. */
export async function sampleHeap(host: Host, everyMs = 1000): Promise<{ peakMb: () => number; lastMb: () => number; stop: () => Promise<void> }> {
  const cdp: CDPSession = await host.page.context().newCDPSession(host.page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let last = 0;
  let stopped = false;
  const read = async (): Promise<void> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    last = used;
    peak = Math.max(peak, used);
  };
  const loop = (async () => {
    while (!stopped) {
      await read().catch(() => undefined);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    peakMb: () => Math.round(peak / 1e6),
    lastMb: () => Math.round(last / 1e6),
    stop: async () => {
      stopped = true;
      await loop;
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Bytes the plugin's index database holds (the sum of its records) and the origin's total usage. */
export function storageUse(host: Host): Promise<{ indexBytes: number; originBytes: number }> {
  return host.page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name ?? '').find((n) => n.startsWith('ask-my-notes/index/'));
    let indexBytes = 0;
    if (name) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction('entries').objectStore('entries').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      for (const v of values) indexBytes += v instanceof ArrayBuffer ? v.byteLength : ArrayBuffer.isView(v) ? v.byteLength : JSON.stringify(v ?? null).length;
      db.close();
    }
    const estimate = await navigator.storage.estimate();
    return { indexBytes, originBytes: estimate.usage ?? 0 };
  });
}

/** One machine-readable line per measurement, and the same in tests/e2e/artifacts/perf/<name>.json. */
export function report(name: string, values: Record<string, unknown>): void {
  const line = { name, date: new Date().toISOString(), machine: machine(), loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100), ...values };
  console.log(`[perf] ${JSON.stringify(line)}`);
  const dir = path.join(repoRoot, 'tests/e2e/artifacts/perf');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(line, null, 2)}\n`);
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The perf twin of the default model (12 × 384 BERT body of multilingual-e5-small, random
 * weights, q8 like transformers.js exports), generated once into a cache folder with
 * ../shared/tools/models/make-perf-twin.mjs (copied somewhere writable; `npm ci --omit=optional`
 * there needs the npm registry once). Returns the models folder to serve as the mirror.
 */
export function perfTwinModelsDir(): string {
  const cache = process.env.AMN_PERF_TWIN_DIR ?? path.join(os.tmpdir(), 'amn-perf-twin-cache');
  const models = path.join(cache, 'models');
  const twin = path.join(models, 'perf-twin');
  if (fs.existsSync(path.join(twin, 'onnx', 'model_quantized.onnx'))) return models;
  const tools = requireFixture(path.join(sharedDir, 'tools/models'));
  // make-perf-twin.mjs takes its word list from ../../models/glove-en-100d relative to itself.
  const work = path.join(cache, 'shared');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(tools, path.join(work, 'tools/models'), { recursive: true });
  fs.symlinkSync(path.join(sharedDir, 'models'), path.join(work, 'models'));
  const cwd = path.join(work, 'tools/models');
  execFileSync('npm', ['ci', '--omit=optional', '--no-audit', '--no-fund'], { cwd, stdio: 'inherit' });
  execFileSync(process.execPath, ['make-perf-twin.mjs', twin], { cwd, stdio: 'inherit' });
  return models;
}
