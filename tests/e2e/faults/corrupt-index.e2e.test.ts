/**
 * Fault: the stored index is damaged on disk (IndexedDB records overwritten between two app
 * sessions). Each kind of damage ends the same way for the user: at most one clear notice,
 * the damaged part rebuilt, the same index as before (same notes, chunks and vectors), search
 * working, and no exception escaping (Playwright's `pageerror` and the host's error log).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { PLUGIN, dismissNotices, expectNothingEscaped, inPage, indexDigest, startPluginHost, statusWindow, waitForStatus, waitIdle, type NoteDigest } from '../scenarios/support/plugin-host';

type Damage = { key: 'manifest' | 'segment' | 'lexical'; how: 'truncate' | 'garbage' | 'wrong-type' };

/** Damages records of the plugin's index database in place; returns the keys it touched. */
function damage(host: Host, what: Damage): Promise<string[]> {
  return host.page.evaluate(async ({ key, how }) => {
    const req = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed')))));
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('ask-my-notes/index/'));
    if (!name) throw new Error('no index database');
    const db = await req(indexedDB.open(name));
    const store = db.transaction('entries', 'readwrite').objectStore('entries');
    const keys = (await req(store.getAllKeys())).map(String);
    const wanted = keys.filter((k) => (key === 'manifest' ? k === 'manifest' : key === 'segment' ? k.startsWith('seg/') : k.startsWith('lex/')));
    for (const k of wanted) {
      const bytes = new Uint8Array((await req(store.get(k))) as ArrayBuffer);
      let value: unknown;
      if (how === 'truncate') value = bytes.slice(0, Math.floor(bytes.length / 2)).buffer;
      else if (how === 'wrong-type') value = 'not an index record';
      else {
        const garbage = bytes.slice();
        // Keep the header, scramble the middle: the record looks plausible and is not.
        for (let i = Math.min(16, garbage.length); i < garbage.length; i += 3) garbage[i] = (garbage[i]! * 31 + 7) & 0xff;
        value = garbage.buffer;
      }
      await req(store.put(value, k));
    }
    db.close();
    return wanted;
  }, what);
}

describe('a damaged index in IndexedDB', () => {
  let host: Host;
  let reference: { notes: NoteDigest[]; chunkCount: number; vectorCount: number };

  beforeAll(async () => {
    host = await startPluginHost();
    await waitForStatus(host, 'Notes indexed');
    await waitIdle(host);
    reference = await indexDigest(host);
  });
  afterAll(async () => {
    await host?.close();
  });

  const cases: { damage: Damage; notice: RegExp | null }[] = [
    { damage: { key: 'manifest', how: 'truncate' }, notice: /^Ask My Notes: the stored index could not be used \(.+\)\. It is being rebuilt\.Show index status$/ },
    { damage: { key: 'manifest', how: 'wrong-type' }, notice: /^Ask My Notes: the stored index could not be used \(.+\)\. It is being rebuilt\.Show index status$/ },
    { damage: { key: 'segment', how: 'garbage' }, notice: /^Ask My Notes: part of the stored index was unreadable \(.+\)\. Those notes are indexed again\.$/ },
    { damage: { key: 'segment', how: 'truncate' }, notice: /^Ask My Notes: part of the stored index was unreadable \(.+\)\. Those notes are indexed again\.$/ },
    // The keyword index is rebuilt from the stored notes without bothering the user.
    { damage: { key: 'lexical', how: 'garbage' }, notice: null },
  ];

  for (const { damage: what, notice } of cases) {
    test(`${what.how} ${what.key}: ${notice ? 'one notice, rebuilt' : 'silently repaired'}, the same index, search works`, async () => {
      const touched = await damage(host, what);
      expect(touched.length).toBeGreaterThan(0);
      await host.reload();
      await waitForStatus(host, 'Notes indexed');
      await waitIdle(host);

      const notices = (await host.timeline()).filter((t) => t.kind === 'notice').map((t) => t.text);
      console.log(`${what.how} ${what.key} (${touched.join(', ')}): ${notices.join(' | ') || 'no notice'}`);
      const problems = notices.filter((n) => !n.includes('the embedding model is downloaded'));
      if (notice) {
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(notice);
      } else {
        expect(problems).toEqual([]);
      }
      // The notice's button opens the status window.
      if (notice?.source.includes('Show index status')) {
        await host.page.locator('.notice button', { hasText: 'Show index status' }).click();
        await host.page.locator('.amn-status-modal .amn-status-facts').waitFor();
        await host.page.keyboard.press('Escape');
        await host.page.locator('.amn-status-modal').waitFor({ state: 'detached' });
      }
      const { facts } = await statusWindow(host);
      expect(facts['Notes indexed']).toBe(String(reference.notes.length));
      expect(await indexDigest(host)).toEqual(reference);
      const hits = await inPage(host, async ({ engine }) => (await engine.searcher().searchNotes('janela de contexto limitada', { limit: 3 })).map((h: { path: string }) => h.path));
      expect(hits).toContain('Janela de contexto.md');
      await dismissNotices(host);
      await expectNothingEscaped(host);
    });
  }

  test('the plugin still unloads and loads cleanly afterwards', async () => {
    await host.page.evaluate(() => (window as any).__host.disablePlugin());
    await host.page.evaluate(() => (window as any).__host.enablePlugin());
    await host.page.waitForFunction((id) => document.querySelector(`.status-bar-item.plugin-${id}`)?.textContent === 'Notes indexed', PLUGIN, { timeout: 60_000 });
    await expectNothingEscaped(host);
  });
});
