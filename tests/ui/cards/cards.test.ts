// @vitest-environment happy-dom
import { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaticNotesEngine } from '../../../src/core/engine';
import { conceptCard } from '../../../src/core/retrieval/card';
import type { CardAnchor, NoteCard, UnresolvedCard } from '../../../src/core/retrieval/card-types';
import { cardActions } from '../../../src/ui/cards/card-actions';
import { markedSegments, renderCard, type CardActions } from '../../../src/ui/cards/card-render';
import { cardWanted } from '../../../src/ui/cards/card-trigger';
import { cardTooltipSource } from '../../../src/ui/cards/editor-cards';
import { CARD_COMMANDS, registerCardFeature } from '../../../src/ui/cards/register-cards';
import { wikilinkAt } from '../../../src/ui/cards/wikilink-at';
import type { HoverCardMode } from '../../../src/settings';
import { TFile, editorInfoField } from '../../stubs/obsidian';
import { openExampleEngine } from '../../helpers/example-engine';
import { FakeEditor } from '../related/fake-editor';
import { settle, testContext } from '../related/fake-app';

const RAG = 'RAG (Retrieval Augmented Generation).md';

let engine: StaticNotesEngine;
beforeAll(async () => {
  engine = await openExampleEngine();
});
beforeEach(() => {
  document.body.empty();
});

function recordingActions(): CardActions & { opened: { path: string; anchor: CardAnchor | null }[]; tags: string[]; created: UnresolvedCard[] } {
  const opened: { path: string; anchor: CardAnchor | null }[] = [];
  const tags: string[] = [];
  const created: UnresolvedCard[] = [];
  return { opened, tags, created, open: (path, anchor) => opened.push({ path, anchor }), searchTag: (t) => tags.push(t), create: (c) => created.push(c) };
}

describe('the card of a note', () => {
  it('shows the definition with its highlight marked, highlights, tags, related notes and backlinks; all clickable', async () => {
    const card = (await conceptCard(engine, 'Embeddings', RAG)) as NoteCard;
    const el = createDiv();
    const actions = recordingActions();
    renderCard(el, card, actions);
    expect(el.querySelector('.amn-card-title')?.textContent).toBe('Embeddings');
    expect(el.querySelector('.amn-card-meta')?.textContent).toBe(`${card.backlinks} backlinks`);
    const definition = el.querySelector<HTMLElement>('.amn-card-definition')!;
    expect(definition.querySelector('.amn-card-label')?.textContent).toBe('Definição');
    expect(definition.textContent).toContain('Um embedding é um vetor de números');
    expect(definition.querySelector('mark')?.textContent).toBe('Textos com sentidos parecidos recebem vetores próximos, mesmo que não usem as mesmas palavras.');
    definition.click();
    expect(actions.opened[0]).toEqual({ path: 'Embeddings.md', anchor: expect.objectContaining({ line: 7 }) as unknown });
    const related = [...el.querySelectorAll<HTMLElement>('.amn-card-related-link')];
    expect(related).toHaveLength(3);
    related[0]!.click();
    expect(actions.opened[1]!.path).toBe(related[0]!.dataset.path);
    const tag = el.querySelector<HTMLElement>('.amn-card-tag')!;
    expect(tag.textContent).toBe('#inteligência_artificial');
    tag.click();
    expect(actions.tags).toEqual(['#inteligência_artificial']);
    const highlight = el.querySelector<HTMLElement>('.amn-card-highlight')!;
    expect(highlight.textContent).toBe('Vetores gerados por modelos diferentes não são comparáveis.');
    highlight.click();
    expect(actions.opened[2]).toMatchObject({ path: 'Embeddings.md', anchor: { heading: 'Comparando embeddings' } });
    expect(el.querySelector('[style]')).toBeNull();
  });

  it('shows tags as plain text when the app has no search to open', async () => {
    const card = (await conceptCard(engine, 'Embeddings', RAG)) as NoteCard;
    const el = createDiv();
    renderCard(el, card, { open: () => undefined, create: () => undefined });
    expect(el.querySelector('.amn-card-tag')?.tagName).toBe('SPAN');
  });
});

describe('the card of a link to a missing note', () => {
  it('lists the notes covering it and creates the note with links to them, only on click', async () => {
    const card = (await conceptCard(engine, 'Busca híbrida', RAG)) as UnresolvedCard;
    const t = testContext(engine);
    const el = createDiv();
    let closed = 0;
    renderCard(el, card, cardActions(t.app as never, RAG, () => closed++));
    expect(el.querySelector('.amn-card-title')?.textContent).toBe('Busca híbrida');
    expect(el.querySelector('.amn-card-meta')?.textContent).toBe('No note yet');
    const items = [...el.querySelectorAll<HTMLElement>('.amn-card-covering-item')];
    expect(items.slice(0, 2).map((i) => i.querySelector('.amn-card-badge')?.textContent)).toEqual(['Links to it', 'Links to it']);
    expect(t.app.created).toEqual([]);
    el.querySelector<HTMLButtonElement>('.amn-card-create')!.click();
    await settle(20);
    expect(closed).toBe(1);
    expect(t.app.created).toHaveLength(1);
    expect(t.app.created[0]!.path).toBe('Busca híbrida.md');
    expect(t.app.created[0]!.text).toMatch(/^# Busca híbrida\n\n## Related\n- \[\[BM25 \(busca lexical\)\]\]\n- \[\[Busca vetorial\]\]\n/);
    expect(t.app.workspace.opened.at(-1)).toMatchObject({ linktext: 'Busca híbrida.md', sourcePath: RAG });
    items[0]!.click();
    expect(t.app.workspace.opened.at(-1)!.linktext.startsWith(items[0]!.dataset.path!)).toBe(true);
  });
});

describe('hover in Reading view', () => {
  function readingView(): { link: HTMLElement; previewRequests: number[] } {
    const view = document.body.createDiv('markdown-preview-view');
    const link = view.createEl('a', { cls: 'internal-link', text: 'Embeddings', attr: { 'data-href': 'Embeddings', href: 'Embeddings' } });
    const previewRequests: number[] = [];
    // What the view does on hover: ask page preview (bubble phase, on the view).
    view.addEventListener('mouseover', () => previewRequests.push(1));
    return { link, previewRequests };
  }

  it.each<[HoverCardMode, boolean, 'card' | 'page preview']>([
    ['replace', false, 'card'],
    ['replace', true, 'page preview'],
    ['mod-hover', false, 'page preview'],
    ['mod-hover', true, 'card'],
    ['off', false, 'page preview'],
    ['off', true, 'page preview'],
  ])('mode %s, Mod %s: %s', async (mode, mod, expected) => {
    const t = testContext(engine, { hoverCardMode: mode });
    t.app.workspace.activeFile = new TFile(RAG);
    registerCardFeature(t.ctx);
    const { link, previewRequests } = readingView();
    link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, ctrlKey: mod }));
    await settle();
    const popover = document.querySelector('.hover-popover.amn-card-popover');
    if (expected === 'card') {
      expect(previewRequests).toEqual([]);
      expect(popover?.querySelector('.amn-card-title')?.textContent).toBe('Embeddings');
    } else {
      expect(previewRequests).toEqual([1]);
      expect(popover).toBeNull();
    }
    t.plugin.unload();
  });
});

describe('hover in the editor', () => {
  const doc = 'Texto com [[Embeddings|vetores]] e [[Busca híbrida]].';
  const view = (): EditorView => {
    const state = EditorState.create({ doc, extensions: [editorInfoField.init(() => ({ file: new TFile(RAG) }))] });
    return { state, dispatch: () => undefined } as unknown as EditorView;
  };

  it('gives a card tooltip over a link, per mode and modifier', async () => {
    const t = testContext(engine, { hoverCardMode: 'replace' });
    const on = doc.indexOf('Embeddings') + 3;
    const tooltip = cardTooltipSource(t.ctx, () => false)(view(), on);
    expect(tooltip).toMatchObject({ pos: doc.indexOf('[['), end: doc.indexOf(']]') + 2 });
    expect(cardTooltipSource(t.ctx, () => false)(view(), 2)).toBeNull();
    expect(cardTooltipSource(t.ctx, () => true)(view(), on)).toBeNull();
    const dom = (tooltip!.create(view()) as { dom: HTMLElement }).dom;
    await settle();
    expect(dom.querySelector('.amn-card-title')?.textContent).toBe('Embeddings');
    const missing = cardTooltipSource(t.ctx, () => false)(view(), doc.indexOf('híbrida'));
    const missingDom = (missing!.create(view()) as { dom: HTMLElement }).dom;
    await settle();
    expect(missingDom.querySelector('.amn-card-meta')?.textContent).toBe('No note yet');
    const modOnly = testContext(engine, { hoverCardMode: 'mod-hover' });
    expect(cardTooltipSource(modOnly.ctx, () => false)(view(), on)).toBeNull();
    expect(cardTooltipSource(modOnly.ctx, () => true)(view(), on)).not.toBeNull();
  });
});

describe('the show-concept-card command', () => {
  it('is available only on a link, and shows the card in a modal', async () => {
    const t = testContext(engine);
    registerCardFeature(t.ctx);
    const command = t.plugin.command(CARD_COMMANDS.show);
    expect(t.plugin.commands.filter((c) => c.id === CARD_COMMANDS.show)).toHaveLength(1);
    expect(t.plugin.commands.every((c) => c.hotkeys === undefined)).toBe(true);
    expect(t.plugin.editorExtensions).toHaveLength(1);
    const info = { file: new TFile(RAG) };
    expect(command.editorCheckCallback!(true, new FakeEditor('sem links aqui', { line: 0, ch: 3 }), info)).toBe(false);
    const editor = new FakeEditor('ver [[Chunking#Strategies|estratégias]] depois', { line: 0, ch: 8 });
    expect(command.editorCheckCallback!(true, editor, info)).toBe(true);
    command.editorCheckCallback!(false, editor, info);
    await settle();
    const modal = document.querySelector('.modal-container .modal-content')!;
    expect(modal.querySelector('.amn-card-title')?.textContent).toBe('Chunking');
    expect(modal.querySelector('.amn-card-section .amn-card-label')?.textContent).toBe('Strategies');
    t.plugin.unload();
  });
});

describe('pure parts', () => {
  it('cardWanted: the card and page preview never take the same gesture', () => {
    for (const mod of [false, true]) {
      expect(cardWanted('off', mod)).toBe(false);
      expect(cardWanted('replace', mod)).not.toBe(cardWanted('mod-hover', mod));
    }
  });

  it('wikilinkAt finds the link around a column', () => {
    const line = 'a [[One|alias]] b ![[Two#H]] c [[]] d';
    expect(wikilinkAt(line, 0)).toBeNull();
    expect(wikilinkAt(line, 2)).toEqual({ linktext: 'One', from: 2, to: 15 });
    expect(wikilinkAt(line, 15)).toEqual({ linktext: 'One', from: 2, to: 15 });
    expect(wikilinkAt(line, 16)).toBeNull();
    expect(wikilinkAt(line, 22)).toEqual({ linktext: 'Two#H', from: 18, to: 28 });
    expect(wikilinkAt(line, 32)).toBeNull();
  });

  it('wikilinkAt: any column inside a link finds exactly that link', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z ]{0,6}$/), { minLength: 1, maxLength: 5 }), fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,8}$/), fc.nat(), (parts, name, pick) => {
        const before = parts.join(' ');
        const line = `${before}[[${name}]]${parts[0]}`;
        const from = before.length;
        const ch = from + (pick % (name.length + 5));
        expect(wikilinkAt(line, ch)).toEqual({ linktext: name.trim(), from, to: from + name.length + 4 });
      }),
    );
  });

  it('markedSegments keeps the text and marks every highlight', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }), (text, highlights) => {
        const segments = markedSegments(text, highlights);
        expect(segments.map((s) => s.text).join('')).toBe(text);
        const wanted = highlights.map((h) => h.replace(/\s+/g, ' ').trim()).filter(Boolean);
        for (const s of segments) if (s.marked) expect(wanted).toContain(s.text);
      }),
    );
    expect(markedSegments('a ==b== c b', ['b'])).toEqual([
      { text: 'a ==', marked: false },
      { text: 'b', marked: true },
      { text: '== c ', marked: false },
      { text: 'b', marked: true },
    ]);
  });
});
