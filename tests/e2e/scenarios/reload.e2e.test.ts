/**
 * Scenario 5: the app restarts (page reload, same profile). The index comes back from
 * IndexedDB and the model from the model store: nothing is downloaded and no passage is
 * embedded again (the embedding worker is sent no `embed` request at all), and the related
 * view shows results well under a second after layout-ready.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { MODEL, PLUGIN, RAG, exampleVault, expectNothingEscaped, markdownFiles, startPluginHost, statusWindow, waitForStatus } from './support/plugin-host';

describe('after a reload', () => {
  let host: Host;
  const notes = markdownFiles(exampleVault).length;
  const modelRequests = () => host.server.requests.filter((r) => r.path.includes(`/${MODEL}/resolve/`)).length;

  beforeAll(async () => {
    host = await startPluginHost({ openOnStart: RAG });
    await waitForStatus(host, 'Notes indexed');
  });
  afterAll(async () => {
    await host?.close();
  });

  test('the index loads from storage with zero re-embeds, and the related view is ready in under a second', async () => {
    const before = await host.workers();
    const embeddedBefore = before.reduce((n, w) => n + w.embedTexts, 0);
    expect(embeddedBefore).toBeGreaterThan(0);
    const downloads = modelRequests();

    await host.reload();
    // What a restored sidebar does at start-up: the view opens as soon as the layout is ready.
    const timing = await host.page.evaluate(async (id) => {
      const w = window as any;
      const asked = performance.now();
      w.app.commands.executeCommandById(`${id}:open-related-notes`);
      for (;;) {
        if (document.querySelector('.workspace-leaf-content[data-type="ask-my-notes-related"] .amn-related-row')) break;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      const shown = performance.now();
      return { sinceLayoutReady: shown - w.__host.layoutReadyAt, sinceCommand: shown - asked, rows: document.querySelectorAll('.amn-related-row').length };
    }, PLUGIN);
    console.log(`related view after reload: ${timing.rows} rows ${Math.round(timing.sinceLayoutReady)} ms after layout-ready (${Math.round(timing.sinceCommand)} ms after the command)`);
    expect(timing.rows).toBeGreaterThan(0);
    expect(timing.sinceLayoutReady).toBeLessThan(1000);

    await waitForStatus(host, 'Notes indexed');
    const after = await host.workers();
    const embedders = after.filter((w) => w.name === 'ask-my-notes-embedder');
    console.log(`workers after reload: ${JSON.stringify(embedders.map((w) => w.posted))}`);
    expect(embedders.length).toBe(1);
    expect(embedders[0]!.posted['embed'] ?? 0).toBe(0);
    expect(embedders[0]!.embedTexts).toBe(0);
    expect(modelRequests()).toBe(downloads);

    const { facts } = await statusWindow(host);
    expect(facts['Notes indexed']).toBe(String(notes));
    expect(facts['Loaded']).toMatch(new RegExp(`^stored: ${notes} notes in \\d+ ms$`));
    expect(facts['Last run']).toBe('0 indexed, 0 unchanged, 0 removed, 0 passages embedded');
    expect(Number(facts['Vectors'])).toBe(Number(facts['Passages']));
    await expectNothingEscaped(host);
  });
});
