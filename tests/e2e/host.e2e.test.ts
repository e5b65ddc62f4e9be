/**
 * The host itself, checked with the probe plugin: main.js loads as in Obsidian, and views,
 * commands, vault events, hover-link, rendering, workers, requestUrl and storage behave.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildProbePlugin, fixtureVault } from './fixtures/build-probe';
import { startHost, type Host } from './harness';
import { sharedDir } from './server';

type ProbeEvent = { type: string } & Record<string, unknown>;
const PROBE = 'e2e-probe';
const VIEW = 'e2e-probe-view';

let probeDir: string;
beforeAll(async () => {
  probeDir = await buildProbePlugin();
});

const events = (host: Host) => host.page.evaluate(() => ((window as unknown as { __probe: { events: ProbeEvent[] } }).__probe.events));
const eventsOf = async (host: Host, type: string) => (await events(host)).filter((e) => e.type === type);
/** Calls a method of the probe plugin instance inside the page. */
const probe = <T>(host: Host, method: string, ...args: unknown[]) =>
  host.page.evaluate(([m, a]) => (window as any).__host.plugin[m](...a) as Promise<T>, [method, args] as const);
/** Waits (up to 5 s) for the number of elements matching a CSS selector to become `n`, then asserts it. */
async function expectCount(host: Host, selector: string, n: number): Promise<void> {
  await host.page.waitForFunction(([sel, want]) => document.querySelectorAll(sel).length === want, [selector, n] as const, { timeout: 5000 }).catch(() => undefined);
  expect(await host.page.locator(selector).count(), selector).toBe(n);
}
const waitForEvent = (host: Host, type: string, match: Record<string, unknown> = {}) =>
  host.page.waitForFunction(
    ([t, m]) => (window as any).__probe.events.some((e: Record<string, unknown>) => e.type === t && Object.entries(m).every(([k, v]) => e[k] === v)),
    [type, match] as const,
  );

describe('with the probe plugin loaded', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ vault: fixtureVault, mainJs: probeDir });
  });
  afterAll(async () => {
    expect(await host.errors()).toEqual([]);
    await host.close();
  });

  test('main.js loads as Obsidian loads it: onload before layout ready, styles.css injected', async () => {
    const all = await events(host);
    expect(all[0]).toMatchObject({ type: 'onload', layoutReady: false, settings: { greeting: 'hello' } });
    expect(all.findIndex((e) => e.type === 'layout-ready')).toBeGreaterThan(all.findIndex((e) => e.type === 'metadata-resolved'));
    expect(await host.statusBar()).toEqual(['Probe: 4 notes']);
    await expectCount(host, '.side-dock-ribbon-action[aria-label="Open probe view"] svg.lucide-dice', 1);
    expect(await host.page.locator(`style[data-plugin="${PROBE}"]`).textContent()).toContain('.e2e-probe-title');
  });

  test('checkCallback gates a command until a note is active', async () => {
    expect(await host.runCommand(`${PROBE}:count-links`)).toBe(false);
    expect(await host.runCommand(`${PROBE}:no-such-command`)).toBe(false);
    expect(await host.notices()).toEqual([]);
    await host.openNote('Alpha.md');
    expect(await host.runCommand(`${PROBE}:count-links`)).toBe(true);
    expect(await host.visibleNotices()).toContain('Links in Alpha: 2');
    expect(await eventsOf(host, 'file-open')).toContainEqual({ type: 'file-open', path: 'Alpha.md' });
  });

  test('the view registers and opens in the right sidebar, once', async () => {
    expect(await host.runCommand(`${PROBE}:open-view`)).toBe(true);
    const title = host.page.locator(`.mod-right-split .workspace-leaf-content[data-type="${VIEW}"] .view-content .e2e-probe-title`);
    await title.waitFor();
    expect(await title.textContent()).toBe('Probe: hello');
    expect(await eventsOf(host, 'view-open')).toEqual([{ type: 'view-open', leafInRightSplit: true }]);
    await host.page.click('.side-dock-ribbon-action[aria-label="Open probe view"]');
    await host.runCommand(`${PROBE}:open-view`);
    expect(await host.page.evaluate((t) => (window as any).app.workspace.getLeavesOfType(t).length, VIEW)).toBe(1);
    // The sidebar view became the active leaf: the active file stays, the editor does not.
    expect(await eventsOf(host, 'active-leaf-change')).toContainEqual({ type: 'active-leaf-change', viewType: VIEW });
    expect(await probe(host, 'activeFilePath')).toBe('Alpha.md');
    expect(await host.runCommand(`${PROBE}:insert-stamp`)).toBe(false);
  });

  test('MarkdownRenderer renders wikilinks, callouts, highlights and post-processors, and no note script runs', async () => {
    const rendered = host.page.locator('.e2e-probe-rendered');
    await rendered.locator('a.internal-link[data-href="Alpha"]').waitFor();
    expect(await rendered.locator('script, iframe, [onerror], [onclick], [onmouseover], [href^="javascript"]').count()).toBe(0);
    expect(await rendered.locator('img').count()).toBe(1);
    expect(await rendered.locator('p.probe-pp').count()).toBeGreaterThan(0);
    await host.hover('.e2e-probe-rendered .hover-trap');
    await host.page.waitForTimeout(300);
    expect(await host.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();

    await host.openNote('Alpha.md', { mode: 'preview' });
    const preview = host.page.locator('.mod-root .workspace-leaf.mod-active .markdown-preview-view');
    await expect(preview.locator('.callout[data-callout="info"] .callout-title-inner').textContent()).resolves.toBe('Definição');
    await expect(preview.locator('.callout-content p').textContent()).resolves.toBe('Alpha is the first letter of the Greek alphabet.');
    await expect(preview.locator('mark').textContent()).resolves.toBe('key term');
    await expect(preview.locator('a.internal-link[data-href="Sub/Gamma"]').textContent()).resolves.toBe('the Gamma note');
    expect(await preview.textContent()).not.toContain('aliases');
    await expect(preview.locator('a.tag').getAttribute('href')).resolves.toBe('#greek');
    await host.openNote('Beta.md', { mode: 'preview' });
    await expect(host.page.locator('.mod-root .workspace-leaf.mod-active a.internal-link.is-unresolved').getAttribute('data-href')).resolves.toBe('Nowhere');
  });

  test('hovering an internal link fires hover-link and page preview shows the note', async () => {
    await host.openNote('Alpha.md', { mode: 'preview' });
    await host.hover('.mod-root .workspace-leaf.mod-active .markdown-preview-view a.internal-link[data-href="Beta"]');
    await waitForEvent(host, 'hover-link', { source: 'preview', linktext: 'Beta' });
    await expect(host.page.locator('.popover.hover-popover').textContent()).resolves.toContain('Beta points back to');
    await host.page.mouse.move(5, 700);
    await host.page.locator('.popover.hover-popover').waitFor({ state: 'detached' });

    // A plugin view announcing hovers for its registered source gets the core popover too.
    await host.hover('.e2e-probe-links a.internal-link[data-href="Alpha"]');
    await waitForEvent(host, 'hover-link', { source: VIEW, linktext: 'Alpha' });
    await expect(host.page.locator('.popover.hover-popover').textContent()).resolves.toContain('Alpha links to');
    await host.page.mouse.move(5, 700);
    await host.page.locator('.popover.hover-popover').waitFor({ state: 'detached' });

    // In the editor, page preview needs Mod; the event fires either way.
    await host.openNote('Alpha.md', { mode: 'source' });
    const link = '.mod-root .workspace-leaf.mod-active .cm-hmd-internal-link[data-linktext="Beta"]';
    await host.hover(link);
    await waitForEvent(host, 'hover-link', { source: 'editor', linktext: 'Beta', ctrl: false });
    await host.page.waitForTimeout(500);
    expect(await host.page.locator('.popover.hover-popover').count()).toBe(0);
    await host.hover(link, { mod: true });
    await waitForEvent(host, 'hover-link', { source: 'editor', linktext: 'Beta', ctrl: true });
    await host.page.locator('.popover.hover-popover').waitFor();
    await host.page.mouse.move(5, 700);
  });

  test('editor commands edit the note, autosave reaches the vault copy, the metadata cache follows', async () => {
    await host.openNote('Sub/Gamma.md', { mode: 'source' });
    await host.page.evaluate(() => (window as any).__host.activeMarkdownView().editor.setCursor({ line: 0, ch: 7 }));
    expect(await host.runCommand(`${PROBE}:insert-stamp`)).toBe(true);
    await host.page.locator('.mod-root .workspace-leaf.mod-active .cm-content').getByText('PROBE-STAMP').waitFor();
    await expectCount(host, '.mod-root .workspace-leaf.mod-active .cm-editor.probe-cm', 1);
    await waitForEvent(host, 'vault-modify', { path: 'Sub/Gamma.md' });
    await waitForEvent(host, 'metadata-changed', { path: 'Sub/Gamma.md' });
    expect(fs.readFileSync(path.join(host.server.vaultRoot, 'Sub/Gamma.md'), 'utf8')).toMatch(/^# GammaPROBE-STAMP\n/);
    expect(fs.readFileSync(path.join(fixtureVault, 'Sub/Gamma.md'), 'utf8')).not.toContain('PROBE-STAMP');
    expect(await eventsOf(host, 'editor-change')).not.toEqual([]);
  });

  test('a rename goes through the server, then fires vault events and re-resolves links', async () => {
    await host.openNote('Beta.md');
    expect(await host.runCommand(`${PROBE}:rename-active`)).toBe(true);
    await waitForEvent(host, 'vault-rename', { path: 'Archive/Beta.md', oldPath: 'Beta.md' });
    expect(await eventsOf(host, 'vault-create')).toContainEqual({ type: 'vault-create', path: 'Archive' });
    expect(fs.existsSync(path.join(host.server.vaultRoot, 'Archive/Beta.md'))).toBe(true);
    expect(fs.existsSync(path.join(fixtureVault, 'Beta.md'))).toBe(true);
    const links = await host.page.evaluate(() => (window as any).app.metadataCache.resolvedLinks['Alpha.md']);
    expect(links).toEqual({ 'Archive/Beta.md': 1, 'Sub/Gamma.md': 1 });
    await expect(host.page.locator('.mod-root .workspace-tab-header.is-active').getAttribute('aria-label')).resolves.toBe('Beta');
    expect(await host.runCommand(`${PROBE}:rename-active`)).toBe(false);
  });

  test('modal and menu open, close and click like Obsidian', async () => {
    await host.runCommand(`${PROBE}:open-modal`);
    await expect(host.page.locator('.modal-container .modal-title').textContent()).resolves.toBe('Probe modal');
    await host.page.keyboard.press('Escape');
    await expectCount(host, '.modal-container', 0);
    await waitForEvent(host, 'modal-close');

    await host.runCommand(`${PROBE}:show-menu`);
    await host.page.locator('.menu .menu-item.is-disabled').click();
    await host.page.locator('.menu .menu-item', { hasText: 'First action' }).click();
    await expectCount(host, '.menu', 0);
    expect(await eventsOf(host, 'menu-click')).toEqual([{ type: 'menu-click', item: 'first' }]);
  });

  test('a Blob-URL worker made in plugin code runs, classic and module, with Electron\'s `process` visible', async () => {
    expect(await probe(host, 'workerRoundTrip', 'classic', 21)).toEqual({ doubled: 42, hasProcess: true });
    expect(await probe(host, 'workerRoundTrip', 'module', 50)).toEqual({ doubled: 100, hasProcess: true });
    expect(await host.page.evaluate(() => (window as unknown as { process: { release: { name: string } } }).process.release.name)).toBe('node');
  });

  test('requestUrl reaches the model mirror; fault switches and Range work', async () => {
    const origin = host.server.url;
    expect(await probe(host, 'fetchModelConfig', origin)).toEqual({ hidden: 32, missStatus: 404, bytes: fs.statSync(path.join(sharedDir, 'models/tiny-random-bert/config.json')).size });
    expect(host.server.requests).toContainEqual({ method: 'GET', path: '/e2e/tiny-random-bert/resolve/main/config.json', status: 200 });

    host.server.setFault({ match: 'config.json', kind: '500', times: 1 });
    const failed = await host.page.evaluate(async (o) => {
      try {
        await (window as any).__host.plugin.fetchModelConfig(o);
        return null;
      } catch (e) {
        return { message: (e as Error).message, status: (e as { status?: number }).status };
      }
    }, origin);
    expect(failed).toEqual({ message: 'Request failed, status 500', status: 500 });

    const model = '/e2e/tiny-random-bert/resolve/main/onnx/model.onnx';
    const ranged = await host.page.evaluate(async (u) => {
      const r = await fetch(u, { headers: { Range: 'bytes=10-19' } });
      return { status: r.status, length: (await r.arrayBuffer()).byteLength, range: r.headers.get('content-range') };
    }, model);
    expect(ranged).toMatchObject({ status: 206, length: 10 });
    expect(ranged.range).toMatch(/^bytes 10-19\/\d+$/);

    host.server.setFault({ match: 'model.onnx', kind: 'truncate', times: 1 });
    const truncated = await host.page.evaluate((u) => fetch(u).then((r) => r.arrayBuffer()).then(() => 'complete', (e: Error) => `failed: ${e.name}`), model);
    expect(truncated).toMatch(/^failed/);

    host.server.setFault({ match: 'model.onnx', kind: 'hang', times: 1 });
    const hung = await host.page.evaluate((u) => fetch(u, { signal: AbortSignal.timeout(500) }).then(() => 'answered', (e: Error) => e.name), model);
    expect(hung).toBe('TimeoutError');
    host.server.clearFaults();
  });

  test('the long-task recorder sees a blocked main thread', async () => {
    await host.longTasks({ reset: true });
    // A task of the page's own (CDP's evaluate itself is not attributed as a long task).
    await host.page.evaluate(() =>
      window.setTimeout(() => {
        const end = performance.now() + 150;
        while (performance.now() < end);
      }),
    );
    await host.page.waitForTimeout(300);
    const tasks = await host.longTasks();
    expect(tasks.some((t) => t.duration >= 140)).toBe(true);
  });

  test('light and dark screenshots, with styles.css resolving the theme variables', async () => {
    await host.openNote('Alpha.md', { mode: 'preview' });
    const titleColor = () => host.page.locator('.e2e-probe-title').evaluate((el) => getComputedStyle(el).color);
    const light = await titleColor();
    const lightShot = await host.screenshot('host-light');
    await host.setTheme('dark');
    const dark = await titleColor();
    const darkShot = await host.screenshot('host-dark');
    await host.setTheme('light');
    expect(light).not.toBe(dark);
    for (const shot of [lightShot, darkShot]) expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
  });
});

describe('state across reloads and disabling', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ vault: fixtureVault, mainJs: probeDir, settings: { greeting: 'from data.json' }, openOnStart: 'Alpha.md' });
  });
  afterAll(async () => {
    await host?.close();
  });

  test('settings come from data.json and the settings tab saves real input', async () => {
    expect((await events(host))[0]).toMatchObject({ type: 'onload', settings: { greeting: 'from data.json' } });
    await host.page.evaluate((id) => (window as any).app.setting.openTabById(id), PROBE);
    const greeting = host.page.locator('.vertical-tab-content .setting-item', { hasText: 'Greeting' }).locator('input[type="text"]');
    await greeting.fill('typed in settings');
    await host.page.locator('.vertical-tab-content .setting-item', { hasText: 'Enabled' }).locator('.checkbox-container').click();
    await host.page.locator('.vertical-tab-content select.dropdown').selectOption('b');
    await host.page.locator('.vertical-tab-content button.mod-cta', { hasText: 'Save secret' }).click();
    await host.page.keyboard.press('Escape');
    await expectCount(host, '.modal.mod-settings', 0);
    await host.page.waitForFunction(() => (window as any).__host.plugin.settings.mode === 'b');
    const saved = JSON.parse(fs.readFileSync(path.join(host.server.vaultRoot, `.obsidian/plugins/${PROBE}/data.json`), 'utf8'));
    expect(saved).toMatchObject({ greeting: 'typed in settings', enabled: false, mode: 'b' });
  });

  test('reload and restart keep IndexedDB, secrets and saved settings', async () => {
    expect(await probe(host, 'idb', 'put', 'kept-42')).toBe('kept-42');
    await host.reload();
    expect(await probe(host, 'idb', 'get')).toBe('kept-42');
    expect((await events(host))[0]).toMatchObject({ type: 'onload', settings: { greeting: 'typed in settings' } });
    expect(await host.page.evaluate(() => (window as any).app.secretStorage.getSecret('e2e-probe-key'))).toBe('s3cret');
    await host.restart();
    expect(await probe(host, 'idb', 'get')).toBe('kept-42');
    expect(await host.errors()).toEqual([]);
  });

  test('disabling the plugin undoes everything it registered', async () => {
    await host.runCommand(`${PROBE}:open-view`);
    await host.page.locator('.e2e-probe-title').waitFor();
    await host.page.evaluate(() => (window as any).__host.disablePlugin());
    const all = await events(host);
    expect(all.slice(-2).map((e) => e.type)).toEqual(['view-close', 'onunload']);
    await expectCount(host, `.workspace-leaf-content[data-type="${VIEW}"], .side-dock-ribbon-action, .status-bar-item, style[data-plugin]`, 0);
    await expectCount(host, '.cm-editor.probe-cm', 0);
    expect(await host.runCommand(`${PROBE}:open-view`)).toBe(false);
    const ticks = await host.page.evaluate(() => (window as any).app.plugins.plugins);
    expect(ticks).toEqual({});
    await host.openNote('Beta.md');
    expect((await events(host)).length).toBe(all.length);
    expect(await host.errors()).toEqual([]);
  });
});
