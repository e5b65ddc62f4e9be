/**
 * Scenario 1: a user opens the example vault with the plugin for the first time. The model is
 * downloaded (a notice and the status bar show the percentage), the vault is indexed (the
 * status bar counts notes), and the related-notes view for the RAG note lists the notes about
 * embeddings and vector search with the passage that matched; clicking one opens it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { repoRoot } from '../server';
import { RAG, dismissNotices, docScreenshot, expectNothingEscaped, exampleVault, markdownFiles, startPluginHost, statusWindow, waitForActiveFile, waitForStatus } from './support/plugin-host';

const RELATED_ROWS = '.mod-right-split .workspace-leaf-content[data-type="ask-my-notes-related"] .amn-related-row';

describe('first use on the example vault', () => {
  let host: Host;
  const notes = markdownFiles(exampleVault).length;

  beforeAll(async () => {
    host = await startPluginHost({ openOnStart: RAG });
  });
  afterAll(async () => {
    await host?.close();
  });

  test('the model download shows its progress in a notice and the status bar, then indexing counts notes', async () => {
    await waitForStatus(host, 'Notes indexed');
    const timeline = await host.timeline();
    const status = timeline.filter((t) => t.kind === 'status').map((t) => t.text);
    const notices = timeline.filter((t) => t.kind === 'notice').map((t) => t.text);
    console.log(`status bar: ${status.join(' | ')}\nnotices: ${notices.join(' | ')}`);

    const percent = /^Downloading model \d+% \(\d+(\.\d)? \/ \d+(\.\d)? MB\)$/;
    expect(status.filter((t) => percent.test(t)).length).toBeGreaterThan(0);
    expect(notices.some((t) => /^Ask My Notes: Downloading model \d+% \(/.test(t))).toBe(true);
    const counting = status.filter((t) => /^Indexing \d+ \/ \d+ notes$/.test(t));
    expect(counting.length).toBeGreaterThan(0);
    // Counting happens after the download, and "Notes indexed" is said once, at the very end.
    expect(status.findIndex((t) => percent.test(t))).toBeLessThan(status.lastIndexOf(counting.at(-1)!));
    expect(status.indexOf('Notes indexed')).toBe(status.length - 1);
    expect(notices).toContain('Ask My Notes: the embedding model is downloaded. Notes are now indexed for meaning.');

    const { facts } = await statusWindow(host);
    expect(facts['Notes indexed']).toBe(String(notes));
    expect(Number(facts['Vectors'])).toBe(Number(facts['Passages']));
    expect(Number(facts['Passages'])).toBeGreaterThan(notes);
    await expectNothingEscaped(host);
  });

  test('styles.css applies whole: every rule of the file is a top-level rule of the plugin stylesheet', async () => {
    // A lost brace nests every later rule inside the previous one, and Chromium drops them silently.
    const css = fs.readFileSync(path.join(repoRoot, 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    // Firefox-only selectors (::-moz-…) are dropped by Chromium on purpose.
    const selectors = [...css.matchAll(/(?:^|})\s*([^{}@]+?)\s*\{/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim()).filter((s) => !s.includes('::-moz-'));
    const applied = await host.page.evaluate(() => {
      const sheet = document.querySelector<HTMLStyleElement>('style[data-plugin="ask-my-notes"]')?.sheet;
      return sheet ? Array.from(sheet.cssRules).map((r) => (r as CSSStyleRule).selectorText ?? '') : [];
    });
    expect(selectors.length).toBeGreaterThan(50);
    const normalise = (s: string) => s.replace(/\s+/g, ' ').replace(/\s*([>+~,])\s*/g, '$1').replace(/"/g, "'");
    const top = new Set(applied.map(normalise));
    expect(selectors.filter((s) => !top.has(normalise(s)))).toEqual([]);
  });

  test('the related view lists the embeddings and vector-search notes with why, and a click opens one', async () => {
    await dismissNotices(host);
    expect(await host.runCommand('ask-my-notes:open-related-notes')).toBe(true);
    const rows = host.page.locator(RELATED_ROWS);
    await rows.first().waitFor();
    const view = host.page.locator('.mod-right-split .workspace-leaf-content[data-type="ask-my-notes-related"]');
    expect(await view.locator('.amn-related-heading-text').textContent()).toBe('Related to RAG (Retrieval Augmented Generation)');
    const titles = await rows.locator('.amn-related-title').allTextContents();
    console.log(`related to RAG: ${titles.join(', ')}`);
    expect(titles).toEqual(expect.arrayContaining(['Embeddings', 'Busca vetorial']));
    expect(titles).not.toContain('RAG (Retrieval Augmented Generation)');
    for (const title of ['Embeddings', 'Busca vetorial']) {
      const row = rows.filter({ has: host.page.locator('.amn-related-title', { hasText: new RegExp(`^${title}$`) }) });
      const snippet = (await row.locator('.amn-related-snippet').textContent()) ?? '';
      expect(snippet.length, `why snippet of ${title}`).toBeGreaterThan(30);
      expect(await row.locator('.amn-related-badge').textContent()).toBe('Already linked');
    }

    // Reading view, as most people look at a note they are not editing.
    await host.openNote(RAG, { mode: 'preview' });
    await host.page.waitForFunction(() => document.querySelector('.amn-related-heading-text')?.textContent?.startsWith('Related to RAG'));
    for (const theme of ['light', 'dark'] as const) {
      await host.setTheme(theme);
      await host.page.mouse.move(640, 780);
      await docScreenshot(host, `related-${theme}`, { clip: { x: 0, y: 0, width: 1280, height: 800 } });
    }
    await host.setTheme('light');

    const row = rows.filter({ has: host.page.locator('.amn-related-title', { hasText: /^Busca vetorial$/ }) });
    await row.click();
    await waitForActiveFile(host, 'Busca vetorial.md');
    // The view follows the note now open.
    await host.page.waitForFunction(() => document.querySelector('.amn-related-heading-text')?.textContent === 'Related to Busca vetorial', undefined, { timeout: 5000 });
    await expectNothingEscaped(host);
  });
});
