/**
 * The related view and concept cards in the e2e host (real Chromium, CodeMirror, page
 * preview, HoverPopover), built like the real plugin from the feature modules main.ts wires.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPluginFixture } from './fixtures/build-probe';
import { startHost, type Host } from './harness';

const root = path.resolve(__dirname, '../..');
const probeDir = path.join(__dirname, 'fixtures', 'related-probe');
const RAG = 'RAG (Retrieval Augmented Generation).md';

describe('related view and concept cards in the host', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({ vault: path.join(root, 'examples', 'vault'), mainJs: await buildPluginFixture(probeDir, path.join(root, 'styles.css')), settings: { hoverCardMode: 'replace' }, openOnStart: RAG });
    await host.page.waitForFunction(() => (window as unknown as { __relatedProbeReady?: boolean }).__relatedProbeReady === true, undefined, { timeout: 60_000 });
  });
  afterAll(async () => {
    expect(await host.errors()).toEqual([]);
    await host.close();
  });

  test('the view lists related notes in the right sidebar and opens one at its passage', async () => {
    expect(await host.runCommand('ask-my-notes:open-related-notes')).toBe(true);
    const rows = host.page.locator('.mod-right-split [data-type="ask-my-notes-related"] .amn-related-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(10);
    await host.screenshot('related-view-light');
    const title = await rows.first().locator('.amn-related-title').textContent();
    await rows.first().click();
    await host.page.waitForFunction((t) => document.querySelector('.workspace-leaf.mod-active .view-header-title, .mod-root .workspace-tab-header.is-active')?.textContent?.includes(t ?? ''), title, { timeout: 5000 }).catch(() => undefined);
    expect(await host.page.evaluate(() => (window as any).app.workspace.getActiveFile()?.basename)).toBe(title);
  });

  test('Reading view: plain hover shows the card, not page preview; Mod-hover shows page preview', async () => {
    await host.openNote(RAG, { mode: 'preview' });
    const link = '.markdown-preview-view a.internal-link[data-href="Embeddings"]';
    await host.hover(link);
    const card = host.page.locator('.hover-popover.amn-card-popover .amn-card-title');
    await card.waitFor({ timeout: 5000 });
    expect(await card.textContent()).toBe('Embeddings');
    expect(await host.page.locator('.hover-popover:not(.amn-card-popover)').count()).toBe(0);
    await host.screenshot('concept-card-reading');
    await host.page.mouse.move(0, 0);
    await host.page.waitForTimeout(800);
    await host.hover(link, { mod: true });
    await host.page.locator('.hover-popover:not(.amn-card-popover)').waitFor({ timeout: 5000 });
    expect(await host.page.locator('.amn-card-popover').count()).toBe(0);
    await host.page.mouse.move(0, 0);
    await host.page.waitForTimeout(800);
  });

  test('editor: hovering a [[link]] shows the card tooltip', async () => {
    await host.openNote(RAG, { mode: 'source' });
    const link = host.page.locator('.cm-content .cm-hmd-internal-link', { hasText: 'Embeddings' }).first();
    await link.hover();
    const card = host.page.locator('.cm-tooltip .amn-card-tooltip .amn-card-title');
    await card.waitFor({ timeout: 5000 });
    expect(await card.textContent()).toBe('Embeddings');
    await host.screenshot('concept-card-editor');
  });
});
