/**
 * Scenario 4: every palette command of the plugin, run through the command API as the palette
 * does (`app.commands.executeCommandById`, which honours check callbacks). Each one either has
 * a visible effect or is unavailable where it makes no sense (no editor, no selection, no link
 * under the cursor, nothing to cancel, model already loaded). `COMMANDS` lists them with what
 * the test observes; a command added without a row here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { PLUGIN, RAG, dismissNotices, docScreenshot, expectNothingEscaped, inPage, settingControl, startPluginHost, statusText, waitForStatus } from './support/plugin-host';

const COMMANDS: Record<string, string> = {
  'open-related-notes': 'the related view opens in the right sidebar, listing notes related to the active one',
  'find-related-to-selection': 'editor with a selection only: the related view shows notes related to the selected text',
  'insert-related-links': 'editor on an indexed note only: links to unlinked related notes are inserted at the cursor',
  'insert-related-section': 'editor on an indexed note only: a "## Related" section with those links is appended',
  'show-concept-card': 'editor with the cursor on a [[link]] only: the concept card opens in a modal',
  'open-ask-panel': 'the ask panel opens in the right sidebar',
  'ask-about-selection': 'editor with a selection only: the ask panel opens with the selection as the question',
  'reindex-changed-notes': 'index loaded only: indexing resumes and ends in "Notes indexed"',
  'rebuild-index': 'index loaded only: asks first, then re-indexes every note',
  'cancel-indexing': 'while notes are being indexed only: indexing stops ("Indexing stopped")',
  'show-index-status': 'the index status window opens',
  'choose-embedding-model': 'the embedding model window opens',
  'retry-model-download': 'while the model is unavailable only (here it is loaded: unavailable)',
};

describe('palette commands', () => {
  let host: Host;
  const observed: string[] = [];
  const run = (id: string) => host.runCommand(`${PLUGIN}:${id}`);
  const note = (id: string, what: string) => observed.push(`${id}: ${what}`);
  const editorValue = () => host.page.evaluate(() => (window as any).app.workspace.activeEditor?.editor.getValue() as string | undefined);
  const select = (from: { line: number; ch: number }, to?: { line: number; ch: number }) =>
    host.page.evaluate(([a, b]) => {
      const editor = (window as any).app.workspace.activeEditor.editor;
      if (b) editor.setSelection(a, b);
      else editor.setCursor(a);
    }, [from, to] as const);
  /** Makes the related/ask sidebar leaf the active one: no editor is active then. */
  const focusSidebar = async () => {
    await host.page.locator('.mod-right-split .workspace-leaf-content:visible').first().click({ position: { x: 5, y: 5 } });
    expect(await host.page.evaluate(() => (window as any).app.workspace.activeEditor)).toBeNull();
  };
  const closeModal = async (selector: string) => {
    await host.page.keyboard.press('Escape');
    await host.page.locator(selector).waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    host = await startPluginHost({ openOnStart: RAG });
    await waitForStatus(host, 'Notes indexed');
    await dismissNotices(host);
  });
  afterAll(async () => {
    console.log(`observed effects:\n  ${observed.join('\n  ')}`);
    await host?.close();
  });

  test('the plugin registers exactly the listed commands, without hotkeys', async () => {
    const commands = await host.page.evaluate(
      (prefix) => (window as any).app.commands.listCommands().filter((c: any) => c.id.startsWith(prefix)).map((c: any) => ({ id: c.id.slice(prefix.length), name: c.name, hotkeys: c.hotkeys ?? null })),
      `${PLUGIN}:`,
    );
    expect(commands.map((c: { id: string }) => c.id).sort()).toEqual(Object.keys(COMMANDS).sort());
    expect(commands.every((c: { hotkeys: unknown }) => c.hotkeys === null)).toBe(true);
    expect(commands.every((c: { name: string }) => c.name.startsWith('Ask My Notes: '))).toBe(true);
  });

  test('status and model windows, and retry unavailable while the model is loaded', async () => {
    expect(await run('retry-model-download')).toBe(false);
    note('retry-model-download', 'unavailable (model loaded)');
    expect(await run('cancel-indexing')).toBe(false);
    note('cancel-indexing', 'unavailable while idle');

    expect(await run('show-index-status')).toBe(true);
    await host.page.locator('.amn-status-modal .amn-status-facts').waitFor();
    expect(await host.page.locator('.amn-status-modal .modal-title').textContent()).toBe('Index status');
    await closeModal('.amn-status-modal');
    note('show-index-status', 'opened "Index status"');

    expect(await run('choose-embedding-model')).toBe(true);
    await host.page.locator('.amn-model-modal').waitFor();
    expect(await host.page.locator('.amn-model-modal .modal-title').textContent()).toBe('Embedding model');
    await closeModal('.amn-model-modal');
    note('choose-embedding-model', 'opened "Embedding model"');
  });

  test('rebuild asks first; cancel stops a run; re-index finishes it', async () => {
    // Embedding requests are held in the page once some notes are done, so the run is still
    // going when cancel is asked (and the status bar can be photographed mid-run).
    const counting = /^Indexing [1-9]\d* \/ \d+ notes$/;
    await host.pauseEmbedsWhen(counting);
    try {
      expect(await run('rebuild-index')).toBe(true);
      const confirm = host.page.locator('.modal', { hasText: 'Rebuild the index?' });
      await confirm.waitFor();
      await confirm.locator('button', { hasText: /^Rebuild$/ }).click();
      await waitForStatus(host, counting);
      await host.page.waitForTimeout(300); // nothing moves while embeds are held: the status stays
      expect(await statusText(host)).toMatch(counting);
      note('rebuild-index', `asked "Rebuild the index?", then "${await statusText(host)}"`);
      for (const theme of ['light', 'dark'] as const) {
        await host.setTheme(theme);
        await docScreenshot(host, `status-indexing-${theme}`, { clip: { x: 880, y: 770, width: 400, height: 30 } });
      }
      await host.setTheme('light');
      expect(await run('cancel-indexing')).toBe(true);
    } finally {
      await host.pauseEmbeds(false);
    }
    await waitForStatus(host, 'Indexing stopped');
    note('cancel-indexing', 'while indexing: "Indexing stopped"');

    expect(await run('reindex-changed-notes')).toBe(true);
    await waitForStatus(host, 'Notes indexed');
    const facts = await host.page.evaluate(async (id) => {
      const plugin = (window as any).app.plugins.plugins[id];
      const engine = plugin._children.find((c: any) => typeof c?.indexer === 'function');
      return { status: await engine.status(), report: engine.lastSyncReport() };
    }, PLUGIN);
    expect(facts.status.vectorsStored).toBe(facts.status.chunksIndexed);
    expect(facts.report.cancelled).toBe(false);
    note('reindex-changed-notes', `"Notes indexed": last run ${facts.report.indexed} indexed, ${facts.report.chunksEmbedded} passages embedded`);
  });

  test('sidebar views open from the palette', async () => {
    expect(await run('open-related-notes')).toBe(true);
    await host.page.locator('.workspace-leaf-content[data-type="ask-my-notes-related"] .amn-related-row').first().waitFor();
    note('open-related-notes', `related view with ${await host.page.locator('.amn-related-row').count()} rows`);
    expect(await run('open-ask-panel')).toBe(true);
    await host.page.locator('.workspace-leaf-content[data-type="ask-my-notes-ask"] .amn-ask-input').waitFor();
    note('open-ask-panel', 'ask panel with its question box');
  });

  test('editor commands are unavailable without an editor, a selection or a link under the cursor', async () => {
    await focusSidebar();
    for (const id of ['find-related-to-selection', 'insert-related-links', 'insert-related-section', 'show-concept-card', 'ask-about-selection']) {
      expect(await run(id), `${id} without an editor`).toBe(false);
    }
    await host.openNote(RAG, { mode: 'source' });
    await select({ line: 0, ch: 0 });
    for (const id of ['find-related-to-selection', 'ask-about-selection', 'show-concept-card']) {
      expect(await run(id), `${id} without a selection or link`).toBe(false);
    }
  });

  test('editor commands act on the selection, the cursor and the note', async () => {
    const text = (await editorValue())!;
    const lines = text.split('\n');

    // The cursor inside [[Embeddings]]: the card in a modal.
    const linkLine = lines.findIndex((l) => l.includes('[[Embeddings]]'));
    await select({ line: linkLine, ch: lines[linkLine]!.indexOf('[[Embeddings]]') + 4 });
    expect(await run('show-concept-card')).toBe(true);
    await host.page.locator('.amn-card-modal .amn-card-title').waitFor();
    expect(await host.page.locator('.amn-card-modal .amn-card-title').textContent()).toBe('Embeddings');
    await closeModal('.amn-card-modal');
    note('show-concept-card', 'card for Embeddings in a modal');

    // A selection: related notes for it, and a question about it.
    const sentenceLine = lines.findIndex((l) => l.startsWith('- Reduz a'));
    await select({ line: sentenceLine, ch: 2 }, { line: sentenceLine, ch: lines[sentenceLine]!.length });
    const selected = lines[sentenceLine]!.slice(2);
    expect(await run('find-related-to-selection')).toBe(true);
    const related = host.page.locator('.workspace-leaf-content[data-type="ask-my-notes-related"]');
    await related.locator('.amn-related-query').waitFor();
    expect(await related.locator('.amn-related-heading-text').textContent()).toBe('Related to the selection');
    await related.locator('.amn-related-row').first().waitFor();
    note('find-related-to-selection', `"Related to the selection": ${(await related.locator('.amn-related-title').allTextContents()).slice(0, 3).join(', ')}…`);

    await host.openNote(RAG, { mode: 'source' });
    await select({ line: sentenceLine, ch: 2 }, { line: sentenceLine, ch: lines[sentenceLine]!.length });
    expect(await run('ask-about-selection')).toBe(true);
    const input = host.page.locator('.workspace-leaf-content[data-type="ask-my-notes-ask"] .amn-ask-input');
    await host.page.waitForFunction((want) => document.querySelector<HTMLTextAreaElement>('.workspace-leaf-content[data-type="ask-my-notes-ask"] .amn-ask-input')?.value === want, selected);
    expect(await input.inputValue()).toBe(selected);
    note('ask-about-selection', 'question box holds the selection');

    // A Related section at the end of this note; links at the cursor in another one (each
    // command leaves out notes linked already, and the first one's links are not indexed yet).
    await host.openNote(RAG, { mode: 'source' });
    expect(await run('insert-related-section')).toBe(true);
    await host.page.waitForFunction((before) => (window as any).app.workspace.activeEditor.editor.getValue() !== before, text);
    const after = (await editorValue())!;
    const section = after.slice(after.lastIndexOf('## Related'));
    expect(section).toMatch(/^## Related\n(- \[\[.+\]\]\n)+$/);
    for (const link of section.match(/\[\[[^\]]+\]\]/g)!) expect(text).not.toContain(link);
    note('insert-related-section', `appended ${section.trim().split('\n').length - 1} links under "## Related"`);

    await host.openNote('Embeddings.md', { mode: 'source' });
    const embeddings = (await editorValue())!;
    const empty = embeddings.split('\n').findIndex((l, i) => i > 10 && l.trim() === '');
    await select({ line: empty, ch: 0 });
    expect(await run('insert-related-links')).toBe(true);
    await host.page.waitForFunction((before) => (window as any).app.workspace.activeEditor.editor.getValue() !== before, embeddings);
    const inserted = (await editorValue())!.split('\n').slice(empty).filter((l) => /^- \[\[.+\]\]$/.test(l));
    expect(inserted.length).toBeGreaterThan(0);
    note('insert-related-links', `inserted ${inserted.join(' ')}`);
    await expectNothingEscaped(host);
  });

  test('the settings tab (screenshots)', async () => {
    await host.page.evaluate((id) => (window as any).app.setting.openTabById(id), PLUGIN);
    await host.page.locator('.vertical-tab-content .setting-item-heading').first().waitFor();
    const headings = await host.page.locator('.vertical-tab-content .setting-item-heading .setting-item-name').allTextContents();
    expect(headings.slice(0, 2)).toEqual(['Model', 'Indexing']);
    const mirror = await settingControl(host, 'Model', 'Model download host');
    expect(await mirror.inputValue()).toBe(host.server.url);
    // The test server's random port means nothing to a reader: show the field as a new user
    // sees it (placeholder). Only the DOM value changes; no input event, so no setting changes.
    await mirror.evaluate((el) => ((el as HTMLInputElement).value = ''));
    for (const theme of ['light', 'dark'] as const) {
      await host.setTheme(theme);
      await docScreenshot(host, `settings-${theme}`, { selector: '.modal.mod-settings' });
    }
    await host.setTheme('light');
    await host.page.keyboard.press('Escape');
    await host.page.locator('.modal.mod-settings').waitFor({ state: 'detached' });
    expect(await inPage(host, async ({ plugin }) => ((await plugin.loadData()) as { modelMirrorHost?: string } | null)?.modelMirrorHost ?? null)).toBe(host.server.url);
    await expectNothingEscaped(host);
  });
});
