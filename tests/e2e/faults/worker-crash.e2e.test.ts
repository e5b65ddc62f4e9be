/**
 * Fault: the embedding worker dies in the middle of indexing. Two ways it can die:
 * - it crashes (an uncaught error inside the worker thread, as an out-of-memory or a WASM
 *   abort): the plugin hears of it at once;
 * - it is terminated silently (no error event at all): the plugin's watchdog notices the
 *   silence after its stall limit (120 s). The page runs on Playwright's fake clock, which
 *   flows normally until the test jumps it past that limit.
 * Either way the plugin starts a new worker, finishes, and the index equals a clean rebuild:
 * same notes, same chunk ids and hashes, same vectors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { PLUGIN, dismissNotices, expectNothingEscaped, indexDigest, pluginConsoleErrors, startPluginHost, statusText, statusWindow, waitForStatus, waitIdle, type NoteDigest } from '../scenarios/support/plugin-host';

const EMBEDDER = 'ask-my-notes-embedder';

async function rebuild(host: Host): Promise<void> {
  expect(await host.runCommand(`${PLUGIN}:rebuild-index`)).toBe(true);
  const confirm = host.page.locator('.modal', { hasText: 'Rebuild the index?' });
  await confirm.locator('button', { hasText: /^Rebuild$/ }).click();
  await confirm.waitFor({ state: 'detached' });
}

async function embedders(host: Host) {
  return (await host.workers()).filter((w) => w.name === EMBEDDER);
}

describe('the embedding worker dies mid-indexing', () => {
  let host: Host;
  let clean: { notes: NoteDigest[]; chunkCount: number; vectorCount: number };

  beforeAll(async () => {
    host = await startPluginHost({ crashableWorkers: true, fakeClock: true });
    await waitForStatus(host, 'Notes indexed');
    await dismissNotices(host);
    // The reference: a rebuild nobody interrupts.
    await rebuild(host);
    await waitForStatus(host, 'Notes indexed');
    await waitIdle(host);
    clean = await indexDigest(host);
    expect(clean.vectorCount).toBe(clean.chunkCount);
  });
  afterAll(async () => {
    await host?.close();
  });

  test('a crash inside the worker: noticed at once, a new worker finishes, the index equals a clean rebuild', async () => {
    const before = (await embedders(host)).length;
    await host.armWorkerCrash({ afterEmbeds: 3, mode: 'throw' });
    await rebuild(host);
    await waitForStatus(host, 'Notes indexed', 60_000);
    await waitIdle(host);
    const workers = await embedders(host);
    console.log(`embedding workers: ${JSON.stringify(workers.map(({ posted, crashed, terminated }) => ({ posted, crashed, terminated })))}`);
    expect(workers.filter((w) => w.crashed)).toHaveLength(1);
    expect(workers.find((w) => w.crashed)!.terminated).toBe(true); // the plugin closed the dead one
    expect(workers.length).toBe(before + 1);
    expect(workers.at(-1)!.posted['embed']).toBeGreaterThan(0);

    expect(await indexDigest(host)).toEqual(clean);
    const { facts } = await statusWindow(host);
    expect(facts['Vectors']).toBe(String(clean.chunkCount));
    expect(facts['Last run']).toMatch(/^\d+ indexed, \d+ unchanged, 0 removed, \d+ passages embedded$/);
    expect(await host.page.locator('.amn-status-modal').count()).toBe(0);
    await expectNothingEscaped(host);
  });

  test('a silent termination: the watchdog notices after its stall limit, a new worker finishes, the index equals a clean rebuild', async () => {
    const before = (await embedders(host)).length;
    await host.armWorkerCrash({ afterEmbeds: 3, mode: 'terminate' });
    await rebuild(host);
    // The worker in use is terminated at its third batch.
    await host.page.waitForFunction((name) => (window as any).__workers.filter((w: { name: string }) => w.name === name).at(-1).crashed, EMBEDDER);
    // Nothing happens by itself: the worker is gone and no event says so.
    await host.page.waitForTimeout(1500);
    const stuck = await statusText(host);
    expect(stuck).toMatch(/^Indexing \d+ \/ \d+ notes$/);
    expect((await embedders(host)).length).toBe(before);
    // Two minutes of silence, as after a laptop lid closed: the watchdog declares the worker dead.
    await host.page.clock.fastForward('02:05');
    await waitForStatus(host, 'Notes indexed', 60_000);
    await waitIdle(host);
    const workers = await embedders(host);
    expect(workers.length).toBe(before + 1);
    expect(workers.at(-1)!.posted['embed']).toBeGreaterThan(0);
    expect(await indexDigest(host)).toEqual(clean);
    await expectNothingEscaped(host);
    // The console says what happened, in the plugin's words; nothing else complained.
    const logged = pluginConsoleErrors(host);
    console.log(`console errors:\n${logged.map((e) => e.split('\n')[0]).join('\n')}`);
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line).toMatch(/^Ask My Notes: .*embedding worker (crashed|failed|stopped responding)/);
  });
});
