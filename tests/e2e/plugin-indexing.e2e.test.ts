/**
 * The built plugin in the e2e host on the example vault: the model is not reachable at first
 * (no internet: keyword search, one notice), the user sets the mirror in the settings tab and
 * applies it, the model downloads with progress in the status bar, the vault is indexed, and
 * after a reload everything comes from IndexedDB: no download, nothing embedded again.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHost, type Host } from './harness';
import { repoRoot } from './server';

/** A custom Hub id: the mirror serves ../shared/models/glove-pt-en-100d under it (the alias keeps the production id's dims check honest). */
const MODEL = 'e2e/glove-pt-en-100d';
const PLUGIN = 'ask-my-notes';
const vault = path.join(repoRoot, 'examples', 'vault');
const noteCount = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? (e.name.startsWith('.') ? 0 : noteCount(path.join(dir, e.name))) : e.name.endsWith('.md') ? 1 : 0), 0);

let host: Host;
const waitForStatus = (text: string, timeout = 120_000) =>
  host.page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent === t, [`.status-bar-item.plugin-${PLUGIN}`, text] as const, { timeout });
const modelRequests = () => host.server.requests.filter((r) => r.path.includes(`/${MODEL}/resolve/`));

/** Opens the index status window and returns its text. */
async function statusWindow(screenshot?: string): Promise<string> {
  expect(await host.runCommand(`${PLUGIN}:show-index-status`)).toBe(true);
  const modal = host.page.locator('.amn-status-modal');
  await modal.locator('.amn-status-facts').waitFor();
  const text = (await modal.textContent()) ?? '';
  if (screenshot) await host.screenshot(screenshot);
  await host.page.keyboard.press('Escape');
  return text;
}

describe('the plugin indexes the example vault in the browser', () => {
  const notes = noteCount(vault);

  beforeAll(async () => {
    if (!fs.existsSync(path.join(repoRoot, 'main.js'))) throw new Error('main.js is missing: run `npm run build` first.');
    host = await startHost({ vault, settings: { modelId: MODEL }, openOnStart: 'Embeddings.md' });
  });

  afterAll(async () => {
    await host?.close();
  });

  test('main.js needs nothing but what Obsidian provides, and carries the embedding worker', () => {
    const bundle = fs.readFileSync(path.join(repoRoot, 'main.js'), 'utf8');
    const required = [...new Set(bundle.match(/require\("[^"]+"\)/g))].sort();
    expect(required).toContain('require("obsidian")');
    // Obsidian ships CodeMirror 6 to plugins (the editor hover cards use it); nothing else may be required.
    for (const r of required) expect(r).toMatch(/^require\("(obsidian|@codemirror\/(state|view))"\)$/);
    expect(bundle).toContain('ask-my-notes-embedder');
    console.log(`main.js: ${(bundle.length / 1e6).toFixed(2)} MB`);
  });

  test('without the model: keyword search only, said once, retry offered', async () => {
    await waitForStatus('Keyword search only');
    const notices = await host.notices();
    expect(notices.filter((n) => n.includes(MODEL))).toHaveLength(1);
    const text = await statusWindow();
    expect(text).toContain(`Notes indexed${notes}`);
    expect(text).toContain('Vectors0');
    expect(text).toContain('Nothing leaves this device.');
    expect(await host.page.locator('.amn-status-modal').count()).toBe(0);
    // Dismiss the notice (a click hides it, as in Obsidian): it would cover the settings window.
    for (const notice of await host.page.locator('.notice').all()) await notice.click();
    expect(await host.visibleNotices()).toEqual([]);
    expect(await host.errors()).toEqual([]);
  });

  test('the settings tab sets the mirror; applying it downloads the model with progress, then indexes', async () => {
    await host.page.evaluate((id) => (window as any).app.setting.openTabById(id), PLUGIN);
    const tab = host.page.locator('.vertical-tab-content');
    const headings = await tab.locator('.setting-item-heading .setting-item-name').allTextContents();
    expect(headings).toEqual(['Model', 'Indexing', 'Related notes', 'Hover cards', 'Remote embeddings', 'Language model for answers', 'Privacy']);
    // Tall enough for the whole tab (the settings window scrolls otherwise).
    await host.page.setViewportSize({ width: 1280, height: 2100 });
    await host.screenshot('plugin-settings-light');
    await host.setTheme('dark');
    await host.screenshot('plugin-settings-dark');
    await host.setTheme('light');
    await host.page.setViewportSize({ width: 1280, height: 800 });

    await tab.locator('.setting-item', { hasText: 'Model download host' }).locator('input').fill(host.server.url);
    const pending = tab.locator('.amn-pending-changes');
    await pending.waitFor({ state: 'visible' });
    expect(await pending.textContent()).toContain('How the model is loaded changed');
    const privacy = (await tab.locator('.amn-privacy-summary').textContent()) ?? '';
    expect(privacy).toContain(`downloaded once from ${new URL(host.server.url).host}`);

    // Record every status bar text from here on.
    await host.page.evaluate((sel) => {
      const w = window as any;
      w.__statusTexts = [];
      const el = document.querySelector(sel)!;
      new MutationObserver(() => w.__statusTexts.push({ text: el.textContent, at: performance.now() })).observe(el, { childList: true, characterData: true, subtree: true });
    }, `.status-bar-item.plugin-${PLUGIN}`);
    const started = Date.now();
    await pending.locator('button', { hasText: 'Apply now' }).click();
    await waitForStatus('Notes indexed');
    const indexedAfter = Date.now() - started;
    await host.page.keyboard.press('Escape');

    const timeline = await host.page.evaluate(() => (window as any).__statusTexts as { text: string; at: number }[]);
    const texts = timeline.map((t) => t.text);
    const firstAt = (re: RegExp) => timeline.find((t) => re.test(t.text))?.at ?? NaN;
    const t0 = timeline[0]?.at ?? 0;
    const phases = { download: firstAt(/^Downloading/) - t0, indexing: firstAt(/^Indexing/) - t0, done: firstAt(/^Notes indexed$/) - t0 };
    expect(texts.some((t) => /^Downloading model \d+% \(\d+(\.\d)? \/ \d+(\.\d)? MB\)$/.test(t))).toBe(true);
    expect(texts.some((t) => /^Indexing \d+ \/ \d+ notes$/.test(t))).toBe(true);
    // "Notes indexed" only once the model's pass is done, never in between.
    expect(texts.indexOf('Notes indexed')).toBe(texts.length - 1);
    expect((await host.notices()).some((n) => n.startsWith('Ask My Notes: Downloading model'))).toBe(true);
    expect((await host.visibleNotices()).some((n) => n.includes('Downloading model'))).toBe(false);
    expect(modelRequests().filter((r) => r.path.endsWith('.onnx')).length).toBeGreaterThan(0);

    const text = await statusWindow('plugin-index-status');
    expect(text).toContain(`Notes indexed${notes}`);
    const chunks = Number(/Passages(\d+)/.exec(text)?.[1]);
    expect(Number(/Vectors(\d+)/.exec(text)?.[1])).toBe(chunks);
    expect(text).toMatch(new RegExp(`Model${MODEL.replace('/', '\\/')}, (wasm|webgpu), 100 dimensions`));
    console.log(`example vault (${notes} notes, ${chunks} passages): apply → indexed ${indexedAfter} ms; first status at (ms after the first change): ${JSON.stringify(phases)}; timeline: ${timeline.map((t) => `${Math.round(t.at - t0)} ${t.text}`).join(' | ')}`);
    expect(await host.errors()).toEqual([]);
  });

  test('after a reload: the index and the model come from IndexedDB, nothing is downloaded or embedded again', async () => {
    const requestsBefore = modelRequests().length;
    const started = Date.now();
    await host.reload();
    await waitForStatus('Notes indexed');
    const readyAfter = Date.now() - started;
    expect(modelRequests().length).toBe(requestsBefore);
    const text = await statusWindow();
    expect(text).toContain(`Notes indexed${notes}`);
    expect(text).toMatch(new RegExp(`Loadedstored: ${notes} notes`));
    expect(text).toMatch(/Last run0 indexed, 0 unchanged, 0 removed, 0 passages embedded/);
    console.log(`reload to "Notes indexed": ${readyAfter} ms`);
    const layoutReadyAt = await host.layoutReadyAt();
    const longTasks = (await host.longTasks()).filter((t) => t.startTime > layoutReadyAt);
    console.log(`long tasks since load: ${longTasks.length}, longest ${Math.max(0, ...longTasks.map((t) => t.duration)).toFixed(0)} ms`);
    expect(await host.errors()).toEqual([]);
  });

  test('commands are registered once each, without hotkeys', async () => {
    const commands = await host.page.evaluate((prefix) => (window as any).app.commands.listCommands().filter((c: { id: string }) => c.id.startsWith(prefix)).map((c: { id: string; hotkeys?: unknown[] }) => ({ id: c.id, hotkeys: c.hotkeys ?? null })), `${PLUGIN}:`);
    const ids = commands.map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['reindex-changed-notes', 'rebuild-index', 'cancel-indexing', 'show-index-status', 'choose-embedding-model', 'retry-model-download'].map((id) => `${PLUGIN}:${id}`)),
    );
    expect(commands.every((c: { hotkeys: unknown }) => c.hotkeys === null)).toBe(true);
    expect(await host.runCommand(`${PLUGIN}:cancel-indexing`)).toBe(false);
    expect(await host.runCommand(`${PLUGIN}:retry-model-download`)).toBe(false);
  });
});

describe('on mobile (no Electron process, no Node)', () => {
  test('the model downloads from the mirror and the vault is indexed', async () => {
    host = await startHost({ vault, settings: { modelId: MODEL }, platform: 'mobile' });
    try {
      await waitForStatus('Keyword search only');
      for (const notice of await host.page.locator('.notice').all()) await notice.click();
      await host.page.evaluate((id) => (window as any).app.setting.openTabById(id), PLUGIN);
      const tab = host.page.locator('.vertical-tab-content');
      await tab.locator('.setting-item', { hasText: 'Model download host' }).locator('input').fill(host.server.url);
      await tab.locator('.amn-pending-changes button', { hasText: 'Apply now' }).click();
      await waitForStatus('Notes indexed');
      await host.page.keyboard.press('Escape');
      const text = await statusWindow();
      expect(text).toContain(`Notes indexed${noteCount(vault)}`);
      expect(Number(/Vectors(\d+)/.exec(text)?.[1])).toBeGreaterThan(0);
      expect(await host.errors()).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
