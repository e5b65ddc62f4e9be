// @vitest-environment happy-dom
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotesEngine, StaticNotesEngine } from '../../../src/core/engine';
import { registerRelatedFeature, RELATED_COMMANDS } from '../../../src/ui/related/register-related';
import { RelatedView, VIEW_TYPE_RELATED } from '../../../src/ui/related/related-view';
import { MarkdownView, Menu, WorkspaceLeaf } from '../../stubs/obsidian';
import { openExampleEngine } from '../../helpers/example-engine';
import { FakeEmbedder } from '../../helpers/fake-embedder';
import { openMemoryEngine } from '../../core/retrieval/memory-engine';
import { FakeEditor } from './fake-editor';
import { settle, testContext, type TestContext } from './fake-app';

const RAG = 'RAG (Retrieval Augmented Generation).md';

let engine: StaticNotesEngine;
beforeAll(async () => {
  engine = await openExampleEngine({ model: new FakeEmbedder(64) });
});

beforeEach(() => {
  document.body.empty();
  Menu.lastShown = null;
});

async function openView(t: TestContext): Promise<RelatedView> {
  await t.plugin.command(RELATED_COMMANDS.open).callback!();
  await settle();
  const view = t.app.workspace.getLeavesOfType(VIEW_TYPE_RELATED)[0]?.view;
  if (!(view instanceof RelatedView)) throw new Error('the related view did not open');
  return view;
}

function setup(e: NotesEngine = engine, settings = {}): TestContext {
  const t = testContext(e, settings);
  registerRelatedFeature(t.ctx);
  return t;
}

const rows = (view: RelatedView): HTMLElement[] => [...view.contentEl.querySelectorAll<HTMLElement>('.amn-related-row')];
const titles = (view: RelatedView): string[] => rows(view).map((r) => r.querySelector('.amn-related-title')!.textContent);
const text = (view: RelatedView): string => view.contentEl.textContent ?? '';

describe('the related notes view', () => {
  it('lists the notes related to the active note with score, why and link badge', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    expect(view.contentEl.querySelector('.amn-related-heading-text')?.textContent).toBe('Related to RAG (Retrieval Augmented Generation)');
    expect(rows(view)).toHaveLength(10);
    expect(titles(view)).toContain('Busca vetorial');
    const busca = rows(view).find((r) => r.dataset.path === 'Busca vetorial.md')!;
    expect(busca.querySelector('.amn-related-badge')?.textContent).toBe('Already linked');
    expect(busca.querySelector('.amn-related-links')?.textContent).toContain('Linked both ways');
    expect(busca.querySelector('.amn-related-snippet')?.textContent?.length).toBeGreaterThan(10);
    const meter = busca.querySelector('meter')!;
    expect(Number(meter.getAttribute('value'))).toBeGreaterThan(0);
    expect(rows(view).some((r) => r.querySelector('.amn-related-badge')?.textContent === 'Not linked yet')).toBe(true);
    expect(view.contentEl.querySelector('[style]')).toBeNull();
  });

  it('opens the note at the matching passage on click, in a new tab on Mod-click', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    const row = rows(view)[0]!;
    const result = engine.note(row.dataset.path!)!;
    row.querySelector('.amn-related-snippet')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const opened = t.app.workspace.opened[0]!;
    expect(opened.linktext.startsWith(result.path)).toBe(true);
    expect(opened.sourcePath).toBe(RAG);
    expect(opened.newLeaf).toBe(false);
    const line = (opened.state as { eState: { line: number } }).eState.line;
    expect(result.chunks.some((c) => c.startLine === line)).toBe(true);
    row.dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    expect(t.app.workspace.opened[1]!.newLeaf).toBe('tab');
  });

  it('hides already linked notes when the toggle is switched off, and remembers it', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    const toggle = view.contentEl.querySelector<HTMLInputElement>('.amn-related-toggle input')!;
    expect(toggle.checked).toBe(true);
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    await settle();
    expect(t.settingsChanges).toEqual([{ showLinkedNotes: false }]);
    expect(rows(view).length).toBeGreaterThan(0);
    expect(rows(view).every((r) => r.querySelector('.amn-related-badge')?.textContent === 'Not linked yet')).toBe(true);
    expect(titles(view)).not.toContain('Busca vetorial');
  });

  it('follows the active note', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    t.app.workspace.openNote('Fundamentos/Overfitting.md');
    await settle();
    expect(view.contentEl.querySelector('.amn-related-heading-text')?.textContent).toBe('Related to Overfitting');
  });

  it('leaves the list alone when nothing it shows has changed', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    const first = rows(view)[0];
    t.app.workspace.trigger('layout-change');
    await view.refresh();
    await view.refresh(false);
    expect(rows(view)[0]).toBe(first);
  });

  it('asks page preview to show the row on hover', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    const events: { source: string; linktext: string; sourcePath: string; targetEl: HTMLElement }[] = [];
    t.app.workspace.on('hover-link', (e) => events.push(e as never));
    const row = rows(view)[1]!;
    row.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: VIEW_TYPE_RELATED, linktext: row.dataset.path, sourcePath: RAG, targetEl: row });
    expect(t.plugin.hoverSources.get(VIEW_TYPE_RELATED)).toEqual({ display: 'Ask My Notes: related notes', defaultMod: true });
  });

  it('inserts a link into the note being edited from the context menu', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    const editor = new FakeEditor('Texto sobre ', { line: 0, ch: 12 });
    const markdown = new MarkdownView(new WorkspaceLeaf(t.app), t.app.workspace.activeFile);
    markdown.editor = editor as never;
    t.app.workspace.recentLeaf = markdown.leaf;
    markdown.leaf.view = markdown;
    const row = rows(view).find((r) => r.dataset.path === 'Banco de dados vetorial.md') ?? rows(view)[0]!;
    row.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    const item = Menu.lastShown!.items.find((i) => i.title === 'Insert link into the note')!;
    expect(item.disabled).toBe(false);
    item.click();
    expect(editor.getValue()).toBe(`Texto sobre [[${engine.note(row.dataset.path!)!.meta.title}]]`);
  });

  it('drags a row as a [[link]]', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    const row = rows(view)[0]!;
    const data = new Map<string, string>();
    const evt = new Event('dragstart', { bubbles: true }) as DragEvent;
    Object.defineProperty(evt, 'dataTransfer', { value: { setData: (type: string, value: string) => data.set(type, value) } });
    row.dispatchEvent(evt);
    expect(data.get('text/plain')).toBe(`[[${engine.note(row.dataset.path!)!.meta.title}]]`);
    expect(row.getAttribute('draggable')).toBe('true');
  });

  it('shows the selection query and goes back to the note', async () => {
    const t = setup();
    t.app.workspace.openNote(RAG);
    await openView(t);
    const editor = new FakeEditor('vetores e busca por similaridade', { line: 0, ch: 32 }, { line: 0, ch: 0 });
    const command = t.plugin.command(RELATED_COMMANDS.fromSelection);
    expect(command.editorCheckCallback!(true, editor, { file: t.app.workspace.activeFile })).toBe(true);
    expect(command.editorCheckCallback!(true, new FakeEditor('nothing selected'), { file: t.app.workspace.activeFile })).toBe(false);
    command.editorCheckCallback!(false, editor, { file: t.app.workspace.activeFile });
    await settle();
    const view = t.app.workspace.getLeavesOfType(VIEW_TYPE_RELATED)[0]!.view as unknown as RelatedView;
    expect(text(view)).toContain('Related to the selection');
    expect(text(view)).toContain('vetores e busca por similaridade');
    expect(rows(view).length).toBeGreaterThan(0);
    view.contentEl.querySelector<HTMLButtonElement>('.amn-related-back')!.click();
    await settle();
    expect(text(view)).toContain('Related to RAG');
  });
});

describe('empty and error states', () => {
  it('no note open', async () => {
    const t = setup();
    const view = await openView(t);
    expect(text(view)).toBe('Open a note to see the notes related to it.');
  });

  it('index still loading, and engine failure with the way to settings', async () => {
    const loading = setup({ ...engine, snapshot: () => ({ ...engine.snapshot(), indexReady: false }), onChange: () => () => undefined } as unknown as NotesEngine);
    loading.app.workspace.openNote(RAG);
    expect(text(await openView(loading))).toBe('Loading the index…');
    const failed = setup({ ...engine, snapshot: () => ({ ...engine.snapshot(), error: 'IndexedDB is not available' }), onChange: () => () => undefined } as unknown as NotesEngine);
    failed.app.workspace.openNote(RAG);
    const view = await openView(failed);
    expect(text(view)).toContain('Related notes are unavailable: IndexedDB is not available');
    expect(view.contentEl.querySelector('button')?.textContent).toBe('Open settings');
  });

  it('excluded note, empty note, and a note with nothing related', async () => {
    const memory = await openMemoryEngine(
      { 'Private/Diary.md': '# Diary\n\nToday.\n', 'Empty.md': '', 'Alone.md': '# Alone\n\nZebra quokka.\n' },
      new FakeEmbedder(16),
      { exclude: ['Private/'] },
    );
    const t = setup(memory);
    t.app.workspace.openNote('Private/Diary.md');
    const view = await openView(t);
    expect(text(view)).toContain('Diary is excluded from the index');
    expect(view.contentEl.querySelector('button')?.textContent).toBe('Open settings');
    t.app.workspace.openNote('Empty.md');
    await settle();
    expect(text(view)).toBe('This note is empty. Write something, and related notes will appear here.');
  });

  it('no model: related by keywords, and says so', async () => {
    const keywords = await openExampleEngine({ model: null });
    const t = setup(keywords);
    t.app.workspace.openNote(RAG);
    const view = await openView(t);
    expect(view.contentEl.querySelector('.amn-related-notice')?.textContent).toContain('No embedding model (no model in this test): related by keywords and links instead.');
    expect(view.contentEl.querySelector('.amn-related-notice button')?.textContent).toBe('Choose a model');
    expect(rows(view).length).toBeGreaterThan(0);
  });
});

describe('commands', () => {
  it('registers every command once, with no hotkeys', () => {
    const t = setup();
    const ids = t.plugin.commands.map((c) => c.id);
    expect(ids.sort()).toEqual(Object.values(RELATED_COMMANDS).sort());
    expect(t.plugin.commands.every((c) => c.hotkeys === undefined)).toBe(true);
    expect(t.plugin.ribbon.map((r) => r.title)).toEqual(['Open related notes']);
  });

  it('inserts links to related notes not linked yet, at the cursor or as a section', async () => {
    const t = setup();
    t.app.workspace.openNote('Busca vetorial.md');
    const info = { file: t.app.workspace.activeFile };
    const atCursor = new FakeEditor('# Busca vetorial\n\n', { line: 2, ch: 0 });
    const insert = t.plugin.command(RELATED_COMMANDS.insertAtCursor);
    expect(insert.editorCheckCallback!(true, atCursor, { file: null })).toBe(false);
    expect(insert.editorCheckCallback!(true, atCursor, info)).toBe(true);
    insert.editorCheckCallback!(false, atCursor, info);
    await settle();
    const inserted = atCursor.getValue().split('\n').slice(2);
    expect(inserted.length).toBe(5);
    expect(inserted.every((l) => /^- \[\[.+\]\]$/.test(l))).toBe(true);
    expect(atCursor.getValue()).not.toContain('[[Chunking]]'); // already linked from Busca vetorial

    const section = new FakeEditor('# Busca vetorial\n\nTexto.');
    t.plugin.command(RELATED_COMMANDS.insertSection).editorCheckCallback!(false, section, info);
    await settle();
    expect(section.getValue()).toMatch(/^# Busca vetorial\n\nTexto\.\n\n## Related\n(- \[\[.+\]\]\n){5}$/);
  });
});
