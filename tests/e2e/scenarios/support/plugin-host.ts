/**
 * What the scenario and fault tests share: the built plugin in the host with the fixture model
 * served by the mirror under a custom Hub id, and ways to read what the user sees (status bar,
 * notices, the index status window) and what the index holds (through the plugin's engine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { startHost, type Host, type ScreenshotOptions, type StartHostOptions } from '../../harness';
import { repoRoot } from '../../server';

/** A custom Hub id: the mirror serves ../shared/models/glove-pt-en-100d under it (100 dimensions; fast on WASM). */
export const MODEL = 'e2e/glove-pt-en-100d';
export const PLUGIN = 'ask-my-notes';
export const exampleVault = path.join(repoRoot, 'examples', 'vault');
export const STATUS = `.status-bar-item.plugin-${PLUGIN}`;
export const RAG = 'RAG (Retrieval Augmented Generation).md';

export function requireBuild(): void {
  const mainJs = path.join(repoRoot, 'main.js');
  if (!fs.existsSync(mainJs)) throw new Error('main.js is missing: run `npm run build` before the e2e suite.');
}

/** Markdown files under `dir` (dot-folders skipped), as the vault lists them. */
export function markdownFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...markdownFiles(dir, p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

export interface PluginHostOptions extends Partial<Omit<StartHostOptions, 'settings'>> {
  vault?: string;
  /** Plugin settings on top of the fixture model; the mirror is the test server unless `mirror: false`. */
  settings?: Record<string, unknown>;
  mirror?: boolean;
}

/** The built plugin on a vault (the example vault by default), downloading the fixture model from the test server. */
export async function startPluginHost(options: PluginHostOptions = {}): Promise<Host> {
  requireBuild();
  const { settings, mirror = true, vault = exampleVault, ...rest } = options;
  return startHost({
    ...rest,
    vault,
    settings: (url: string) => ({ modelId: MODEL, ...(mirror ? { modelMirrorHost: url } : {}), ...settings }),
  });
}

export async function statusText(host: Host): Promise<string> {
  return host.page.evaluate((sel) => document.querySelector(sel)?.textContent ?? '', STATUS);
}

export async function waitForStatus(host: Host, wanted: string | RegExp, timeout = 120_000): Promise<void> {
  const source = typeof wanted === 'string' ? null : wanted.source;
  await host.page.waitForFunction(
    ([sel, text, re]) => {
      const now = document.querySelector(sel)?.textContent ?? '';
      return re !== null ? new RegExp(re).test(now) : now === text;
    },
    [STATUS, typeof wanted === 'string' ? wanted : '', source] as const,
    { timeout, polling: 50 },
  );
}

/**
 * Runs `fn` in the page with the app, the plugin and its engine (the PluginEngine child
 * component main.ts adds; main.ts keeps no field for it). `fn` must be self-contained: its
 * source is sent as an expression (Playwright passes data, not closures); `arg` goes as JSON.
 */
export async function inPage<T, A = undefined>(host: Host, fn: (ctx: { app: any; plugin: any; engine: any }, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  const expression = `(async () => {
    const app = window.app;
    const plugin = app.plugins.plugins[${JSON.stringify(PLUGIN)}];
    const engine = plugin?._children?.find((c) => typeof c?.indexer === 'function' && typeof c?.snapshot === 'function') ?? null;
    return (${fn.toString()})({ app, plugin, engine }, ${JSON.stringify(arg ?? null)});
  })()`;
  return host.page.evaluate<T>(expression);
}

/** Waits until the engine has no work: no run, no queued or debounced vault event. */
export async function waitIdle(host: Host, timeout = 120_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const idle = await inPage(host, async ({ engine }) => {
      const indexer = engine.indexer();
      if (!indexer) return false;
      await indexer.whenIdle();
      const s = engine.snapshot();
      return s.indexing === null && s.model.kind !== 'loading' && s.model.kind !== 'downloading';
    });
    if (idle) return;
    if (Date.now() > deadline) throw new Error(`The engine did not become idle within ${timeout} ms (status: ${await statusText(host)}).`);
    await host.page.waitForTimeout(100);
  }
}

export interface NoteDigest {
  path: string;
  contentHash: string;
  /** `<chunk id>:<content hash>` in chunk order. */
  chunks: string[];
  /** A checksum of each chunk's stored vector, or null where there is none. */
  vectors: (string | null)[];
}

/** What the index holds, note by note (sorted by path): enough to compare two indexes exactly. */
export async function indexDigest(host: Host): Promise<{ notes: NoteDigest[]; chunkCount: number; vectorCount: number }> {
  return inPage(host, ({ engine }) => {
    const state = engine.indexer().state;
    const checksum = (values: Int8Array, scale: number): string => {
      let h = 0x811c9dc5;
      for (let i = 0; i < values.length; i++) h = Math.imul(h ^ (values[i]! & 0xff), 16777619) >>> 0;
      return `${h.toString(16)}/${scale.toPrecision(6)}`;
    };
    const notes = [...state.notes()]
      .map((n: any) => ({
        path: n.path as string,
        contentHash: n.contentHash as string,
        chunks: n.chunks.map((c: any) => `${c.id}:${c.hash}`) as string[],
        vectors: state.noteVectors(n.path).map((v: any) => (v ? checksum(v.values, v.scale) : null)) as (string | null)[],
      }))
      .sort((a: NoteDigest, b: NoteDigest) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { notes, chunkCount: state.chunkCount as number, vectorCount: state.vectorCount as number };
  });
}

/** Opens "Index status" through its command and returns its facts (name → value) and whole text; Escape closes it. */
export async function statusWindow(host: Host, options: { screenshot?: string; keepOpen?: boolean; openGroups?: boolean } = {}): Promise<{ facts: Record<string, string>; text: string }> {
  expect(await host.runCommand(`${PLUGIN}:show-index-status`)).toBe(true);
  const modal = host.page.locator('.amn-status-modal');
  await modal.locator('.amn-status-facts').waitFor();
  if (options.openGroups) {
    for (const summary of await modal.locator('details.amn-status-list > summary').all()) await summary.click();
  }
  const facts = await modal.evaluate((el) => {
    const out: Record<string, string> = {};
    for (const dt of Array.from(el.querySelectorAll('.amn-status-facts dt'))) out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
    return out;
  });
  const text = (await modal.textContent()) ?? '';
  if (options.screenshot) await host.screenshot(options.screenshot, { selector: '.amn-status-modal' });
  if (!options.keepOpen) {
    await host.page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
  }
  return { facts, text };
}

/** Notices are toasts: a click hides one, as in Obsidian. They would cover the sidebar in screenshots. */
export async function dismissNotices(host: Host): Promise<void> {
  for (const notice of await host.page.locator('.notice').all()) await notice.click().catch(() => undefined);
}

/** No error escaped: nothing uncaught in the page, nothing the host caught from plugin callbacks. */
export async function expectNothingEscaped(host: Host): Promise<void> {
  expect(host.pageErrors).toEqual([]);
  expect(await host.errors()).toEqual([]);
}

/** Console errors other than the browser's own resource-load lines (which faults cause on purpose). */
export function pluginConsoleErrors(host: Host): string[] {
  return host.consoleErrors.filter((e) => !e.startsWith('Failed to load resource'));
}

/** The path of the note in the active leaf. */
export function activeFile(host: Host): Promise<string | null> {
  return host.page.evaluate(() => (window as any).app.workspace.getActiveFile()?.path ?? null);
}

export async function waitForActiveFile(host: Host, path: string, timeout = 5000): Promise<void> {
  await host.page.waitForFunction((p) => (window as any).app.workspace.getActiveFile()?.path === p, path, { timeout });
}

/** Page time now, comparable with timeline entries. */
export function pageNow(host: Host): Promise<number> {
  return host.page.evaluate(() => performance.now());
}

/** The control of the setting named `name` under the heading `section` of the open settings tab. */
export async function settingControl(host: Host, section: string, name: string, control = 'input'): Promise<import('playwright-core').Locator> {
  const items = host.page.locator('.vertical-tab-content .setting-item');
  const index = await items.evaluateAll(
    (els, [wantedSection, wantedName]) => {
      let heading = '';
      for (let i = 0; i < els.length; i++) {
        const el = els[i]!;
        const label = el.querySelector('.setting-item-name')?.textContent ?? '';
        if (el.classList.contains('setting-item-heading')) heading = label;
        else if (heading === wantedSection && label === wantedName) return i;
      }
      return -1;
    },
    [section, name] as const,
  );
  if (index < 0) throw new Error(`No setting "${name}" under "${section}" in the settings tab.`);
  return items.nth(index).locator(control);
}

/** The README's screenshots (stable names, tracked in git). */
export const docScreenshotsDir = path.join(repoRoot, 'docs', 'screenshots');

/**
 * A screenshot for people: always `tests/e2e/artifacts/<name>.png`; with `E2E_DOC_SCREENSHOTS=1`
 * (`npm run screenshots`) also `docs/screenshots/<name>.png`, reduced to a 128-colour palette
 * (text stays sharp at about half the bytes). Off by default so a test run leaves the work tree
 * clean: the shots hold ports, dates and progress counts that differ from run to run.
 */
export async function docScreenshot(host: Host, name: string, options?: ScreenshotOptions): Promise<void> {
  const file = await host.screenshot(name, options);
  if (process.env.E2E_DOC_SCREENSHOTS !== '1') return;
  fs.mkdirSync(docScreenshotsDir, { recursive: true });
  const target = path.join(docScreenshotsDir, `${name}.png`);
  try {
    // sharp comes with transformers.js (image inputs); only this optional step uses it.
    const sharp = (await import('sharp')).default;
    await sharp(file).png({ palette: true, colors: 128, compressionLevel: 9, effort: 10 }).toFile(target);
  } catch {
    fs.copyFileSync(file, target);
  }
}
