/**
 * Time to first value with an e5-small-sized model: the built plugin starts cold on
 * obsidian-help-en (173 notes, ~1,800 chunks) with the perf twin of the default model (12 × 384
 * BERT body, q8; one WASM worker embeds ~6 chunks of 128 tokens per second), an active note open
 * and the related view showing. Reports the time from the model being ready to the related view
 * listing vector-ranked notes for the open note (goal: < 5 s), and how much of the vault was
 * embedded by then (it must not wait for the whole vault: embedding all of it takes minutes).
 * Stops there. Needs `npm run build` first.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import {
  PERF_TWIN,
  PLUGIN,
  helpVault,
  indexCounts,
  longTasksAfterLayout,
  perfRecord,
  perfTwinModelsDir,
  report,
  requireBuild,
  requireFixture,
  startPerfHost,
  summarize,
  waitForMark,
} from './perf-helpers';

const ACTIVE = 'Obsidian Publish/Publish your content.md';

describe('obsidian-help-en with the perf twin: time to first value', () => {
  let host: Host;

  beforeAll(async () => {
    requireBuild();
    requireFixture(helpVault);
    host = await startPerfHost({
      vault: helpVault,
      modelId: PERF_TWIN,
      openOnStart: ACTIVE,
      server: { modelsDir: perfTwinModelsDir(), modelAliases: { [PERF_TWIN]: 'perf-twin' } },
    });
    expect(await host.runCommand(`${PLUGIN}:open-related-notes`)).toBe(true);
  });
  afterAll(async () => {
    await host?.close();
  });

  test('the open note gets vector-ranked related notes long before the vault is embedded', async () => {
    const semanticAt = await waitForMark(host, 'related-semantic', 300_000);
    const layoutReadyAt = await host.layoutReadyAt();
    const record = await perfRecord(host);
    const modelReadyAt = record.first['model-ready'] ?? NaN;
    const firstValue = record.events.find((e) => e.name === 'related-semantic')?.detail as { heading: string; notesDone: number | null; notesTotal: number | null };
    const counts = await indexCounts(host);
    const long = summarize(await longTasksAfterLayout(host, semanticAt));
    const ttfv = semanticAt - modelReadyAt;
    report('help-en-perf-twin-first-value', {
      modelReadyAfterLayoutMs: Math.round(modelReadyAt - layoutReadyAt),
      firstSemanticAfterLayoutMs: Math.round(semanticAt - layoutReadyAt),
      firstSemanticAfterModelMs: Math.round(ttfv),
      atFirstValue: firstValue,
      vectorsAtFirstValue: counts.vectors,
      chunks: counts.chunks,
      longTasksUntilFirstValue: long,
      timeline: record.timeline.map((e) => `${Math.round(e.t - layoutReadyAt)} ${e.state} ${e.done}/${e.total}`),
      goals: { firstValueUnder5sAfterModel: ttfv < 5000, beforeWholeVault: counts.vectors < counts.chunks },
    });
    expect(firstValue.heading).toContain(path.basename(ACTIVE, '.md'));
    // Not the whole vault: most chunks still wait for their vectors.
    expect(counts.vectors).toBeLessThan(counts.chunks / 2);
    expect(ttfv).toBeLessThan(60_000);
    expect(await host.errors()).toEqual([]);
  }, 400_000);
});
