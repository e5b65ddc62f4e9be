/**
 * Scale in the browser: the built plugin indexes obsidian-hub (~6,500 notes) from a cold start
 * with glove-en-100d from the host's mirror. Reports the total time, long tasks after
 * layout-ready, the peak JS heap of the page (main thread; the embedding worker is a separate
 * isolate), the index's size in IndexedDB, and the reload (layout-ready → index loaded,
 * related view showing, keyword index ready). About a minute on the 2-core machine: runs
 * with `npm run bench:browser` only. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import {
  GLOVE,
  PLUGIN,
  countNotes,
  hubVault,
  indexCounts,
  longTasksAfterLayout,
  perfRecord,
  report,
  requireBuild,
  requireFixture,
  sampleHeap,
  startPerfHost,
  storageUse,
  summarize,
  waitForMark,
} from './perf-helpers';

const ACTIVE = '05 - Concepts/Digital garden.md';

describe('obsidian-hub with glove-en-100d', () => {
  let host: Host;
  const listed = countNotes(requireFixture(hubVault));

  beforeAll(async () => {
    requireBuild();
    host = await startPerfHost({ vault: hubVault, modelId: GLOVE, openOnStart: ACTIVE });
    expect(await host.runCommand(`${PLUGIN}:open-related-notes`)).toBe(true);
  }, 300_000);
  afterAll(async () => {
    await host?.close();
  });

  test('cold start: the whole vault is indexed; time, heap, storage and long tasks are reported', async () => {
    const heap = await sampleHeap(host);
    const started = Date.now();
    const indexedAt = await waitForMark(host, 'indexed', 1_800_000);
    const wallMs = Date.now() - started;
    await heap.stop();
    const layoutReadyAt = await host.layoutReadyAt();
    const record = await perfRecord(host);
    const tasks = await longTasksAfterLayout(host, indexedAt);
    const long = summarize(tasks);
    const counts = await indexCounts(host);
    const status = await host.page.evaluate(async () => {
      const engine = (window as any).__amnPerf.engine;
      const s = await engine.status();
      return { skipped: s.skipped.length, failed: s.failed.length, sizeBytes: s.sizeBytes, lexicalReady: s.lexicalReady };
    });
    const storage = await storageUse(host);
    report('hub-glove-cold', {
      listed,
      ...counts,
      ...status,
      layoutReadyAfterNavigationMs: Math.round(layoutReadyAt),
      modelReadyAfterLayoutMs: Math.round((record.first['model-ready'] ?? NaN) - layoutReadyAt),
      firstSemanticAfterLayoutMs: Math.round((record.first['related-semantic'] ?? NaN) - layoutReadyAt),
      firstSemanticAfterModelMs: Math.round((record.first['related-semantic'] ?? NaN) - (record.first['model-ready'] ?? NaN)),
      indexedAfterLayoutMs: Math.round(indexedAt - layoutReadyAt),
      wallMs,
      peakHeapMb: heap.peakMb(),
      heapAfterMb: heap.lastMb(),
      indexDbMb: +(storage.indexBytes / 1e6).toFixed(1),
      originUsageMb: +(storage.originBytes / 1e6).toFixed(1),
      longTasks: long,
      longestTasks: tasks.map((t) => Math.round(t.duration)).sort((a, b) => b - a).slice(0, 20),
      timeline: record.timeline.map((e) => `${Math.round(e.t - layoutReadyAt)} ${e.state} ${e.done}/${e.total}`),
    });
    expect(counts.notes + status.skipped).toBe(listed);
    expect(status.failed).toBe(0);
    expect(counts.vectors).toBe(counts.chunks);
    expect(long.maxMs).toBeLessThan(1000);
    expect(await host.errors()).toEqual([]);
  }, 1_900_000);

  test('reload: the stored index loads, the related view is back, keyword search is ready', async () => {
    await host.longTasks({ reset: true });
    const heap = await sampleHeap(host, 500);
    await host.reload();
    await host.runCommand(`${PLUGIN}:open-related-notes`);
    const semanticAt = await waitForMark(host, 'related-semantic', 300_000);
    const indexedAt = await waitForMark(host, 'indexed', 600_000);
    const lexicalReadyAt = await host.page.evaluate(async () => {
      await (window as any).__amnPerf.engine.indexer().lexicalReady;
      return performance.now();
    });
    await heap.stop();
    const layoutReadyAt = await host.layoutReadyAt();
    const record = await perfRecord(host);
    const tasks = await longTasksAfterLayout(host, Math.max(indexedAt, lexicalReadyAt));
    const long = summarize(tasks);
    report('hub-glove-reload', {
      layoutReadyAfterNavigationMs: Math.round(layoutReadyAt),
      indexReadyAfterLayoutMs: Math.round((record.first['index-ready'] ?? NaN) - layoutReadyAt),
      firstSemanticAfterLayoutMs: Math.round(semanticAt - layoutReadyAt),
      lexicalReadyAfterLayoutMs: Math.round(lexicalReadyAt - layoutReadyAt),
      modelReadyAfterLayoutMs: Math.round((record.first['model-ready'] ?? NaN) - layoutReadyAt),
      idleAfterLayoutMs: Math.round(indexedAt - layoutReadyAt),
      peakHeapMb: heap.peakMb(),
      longTasks: long,
      longestTasks: tasks.map((t) => Math.round(t.duration)).sort((a, b) => b - a).slice(0, 20),
    });
    expect((await indexCounts(host)).notes).toBeGreaterThan(6000);
    expect(long.maxMs).toBeLessThan(1000);
    expect(await host.errors()).toEqual([]);
  }, 700_000);
});
