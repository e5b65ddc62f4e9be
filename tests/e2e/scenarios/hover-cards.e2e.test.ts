/**
 * Scenario 2: concept cards with the default setting (Mod-hover shows the card; a plain hover
 * stays Obsidian's page preview). In Reading view a [[link]] shows the target's definition
 * callout with its highlight marked; an unresolved link suggests the notes that cover it;
 * in the editor (CodeMirror) the same gesture shows the card as a tooltip.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { RAG, dismissNotices, docScreenshot, expectNothingEscaped, startPluginHost, waitForStatus } from './support/plugin-host';

const CARD = '.hover-popover.amn-card-popover';

/** Moves the pointer away and waits until every popover is gone, so the next hover starts clean. */
async function leave(host: Host): Promise<void> {
  await host.page.mouse.move(5, 795);
  await host.page.waitForFunction(() => document.querySelectorAll('.hover-popover').length === 0, undefined, { timeout: 5000 });
}

/** A clip around the popover and the link it belongs to, for the README. */
async function shootCard(host: Host, name: string, linkSelector: string): Promise<void> {
  const box = await host.page.evaluate(
    ([card, link]) => {
      const rects = [document.querySelector(card)!, document.querySelector(link)!].map((el) => el.getBoundingClientRect());
      const x = Math.max(0, Math.min(...rects.map((r) => r.left)) - 24);
      const y = Math.max(0, Math.min(...rects.map((r) => r.top)) - 24);
      return { x, y, width: Math.min(1280 - x, Math.max(...rects.map((r) => r.right)) - x + 24), height: Math.min(800 - y, Math.max(...rects.map((r) => r.bottom)) - y + 24) };
    },
    [CARD, linkSelector] as const,
  );
  await docScreenshot(host, name, { clip: box });
}

describe('concept cards on hover', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startPluginHost({ openOnStart: RAG });
    await waitForStatus(host, 'Notes indexed');
    await dismissNotices(host);
  });
  afterAll(async () => {
    await host?.close();
  });

  test('Reading view: Mod-hover on [[Embeddings]] shows its Definição callout with the highlight marked', async () => {
    await host.openNote(RAG, { mode: 'preview' });
    const link = '.markdown-preview-view a.internal-link[data-href="Embeddings"]';
    await host.hover(link, { mod: true });
    const card = host.page.locator(CARD);
    await card.locator('.amn-card-title').waitFor({ timeout: 5000 });
    expect(await card.locator('.amn-card-title').textContent()).toBe('Embeddings');
    const definition = card.locator('.amn-card-definition');
    expect(await definition.locator('.amn-card-label').textContent()).toBe('Definição');
    expect(await definition.locator('.amn-card-text').textContent()).toContain('Um embedding é um vetor de números que representa o significado de um texto');
    expect(await definition.locator('mark').allTextContents()).toEqual(['Textos com sentidos parecidos recebem vetores próximos, mesmo que não usem as mesmas palavras.']);
    const highlights = await card.locator('.amn-card-highlight').allTextContents();
    console.log(`card highlights: ${JSON.stringify(highlights)}; related: ${(await card.locator('.amn-card-related-link').allTextContents()).join(', ')}`);
    expect(highlights).toContain('Vetores gerados por modelos diferentes não são comparáveis.');
    // The card replaced page preview for this gesture: no second popover.
    expect(await host.page.locator('.hover-popover:not(.amn-card-popover)').count()).toBe(0);
    for (const theme of ['light', 'dark'] as const) {
      await host.setTheme(theme);
      await shootCard(host, `card-${theme}`, link);
    }
    await host.setTheme('light');
    await leave(host);

    // A plain hover is still page preview's.
    await host.hover(link);
    await host.page.locator('.hover-popover:not(.amn-card-popover)').waitFor({ timeout: 5000 });
    expect(await host.page.locator(CARD).count()).toBe(0);
    await leave(host);
  });

  test('Reading view: an unresolved [[Mixture of Experts]] suggests the notes that cover it', async () => {
    await host.openNote('Large Language Model.md', { mode: 'preview' });
    const link = '.markdown-preview-view a.internal-link.is-unresolved[data-href="Mixture of Experts"]';
    await host.hover(link, { mod: true });
    const card = host.page.locator(CARD);
    await card.locator('.amn-card-title').waitFor({ timeout: 5000 });
    expect(await card.locator('.amn-card-missing').textContent()).toBe('Mixture of Experts');
    expect(await card.locator('.amn-card-meta').textContent()).toBe('No note yet');
    const covering = await card.locator('.amn-card-covering-item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.path));
    console.log(`covering Mixture of Experts: ${covering.join(', ')}`);
    // The other note that mentions it; never the note the link is written in.
    expect(covering).toContain('Transformer (arquitetura).md');
    expect(covering).not.toContain('Large Language Model.md');
    const passage = (await card.locator('.amn-card-covering-item[data-path="Transformer (arquitetura).md"] .amn-card-text').textContent()) ?? '';
    expect(passage.toLowerCase()).toContain('mixture of experts');
    expect(await card.locator('.amn-card-create').textContent()).toBe('Create note linking to these');
    await host.screenshot('card-unresolved-light', { selector: CARD });
    await leave(host);
  });

  test('editor: Mod-hover on a [[link]] shows the card as a CodeMirror tooltip', async () => {
    await host.openNote(RAG, { mode: 'source' });
    const link = host.page.locator('.cm-content .cm-hmd-internal-link', { hasText: 'Busca vetorial' }).first();
    await host.page.mouse.move(5, 795);
    await host.page.keyboard.down('Control');
    try {
      await link.hover();
      const card = host.page.locator('.cm-tooltip .amn-card-tooltip');
      await card.locator('.amn-card-title').waitFor({ timeout: 5000 });
      expect(await card.locator('.amn-card-title').textContent()).toBe('Busca vetorial');
      expect(await card.locator('.amn-card-definition .amn-card-label').textContent()).toBe('Definição');
      await host.screenshot('card-editor-light', { selector: '.cm-tooltip' });
    } finally {
      await host.page.keyboard.up('Control');
    }
    await expectNothingEscaped(host);
  });
});
