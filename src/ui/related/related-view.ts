/**
 * The right-sidebar view: notes related to the active note, each with why, whether it is
 * linked, and the passage that matches. It refreshes from stored vectors (nothing is
 * embedded) when the active note changes or the index moves, and renders only when it is
 * visible and what it would show has changed (Dataview's refreshable-view pattern).
 */
import { ItemView, Keymap, Menu, debounce, type HoverParent, type HoverPopover, type PaneType, type WorkspaceLeaf } from 'obsidian';
import type { Passage } from '../../core/retrieval/types';
import { snippetOf } from '../../core/retrieval/related-passage';
import type { RelatedResult } from '../../core/retrieval/related-types';
import type { PluginContext } from '../../plugin-context';
import { insertAtCursor, lastMarkdownView, linkTo, openAtPassage } from './note-links';
import { renderRows } from './related-rows';
import { renderModelNotice, renderNoResults, renderState, type StateActions } from './related-states';
import { relatedViewState, type RelatedViewState } from './related-view-state';
import { openPluginSettings } from './plugin-settings';
import { yieldToMain } from '../../obsidian/yield-to-main';

export const VIEW_TYPE_RELATED = 'ask-my-notes-related';
export const RELATED_ICON = 'network';

/** While the index moves (a long indexing run), the list refreshes at most this often. */
const ENGINE_REFRESH_MS = 1500;

type Shown = RelatedViewState | { kind: 'query'; text: string; sourcePath: string; results: RelatedResult[] };

export class RelatedView extends ItemView implements HoverParent {
  hoverPopover: HoverPopover | null = null;
  private query: { text: string; sourcePath: string } | null = null;
  /** What the last refresh was computed from, and a signature of what is on screen. */
  private computedKey = '';
  private renderedSignature = '';
  private generation = 0;
  private rows: RelatedResult[] = [];
  private rowsSourcePath = '';
  private readonly refreshSoon = debounce(() => void this.refresh(), 50, true);
  private readonly refreshAfterEngine = debounce(() => void this.refresh(), ENGINE_REFRESH_MS, false);

  constructor(
    leaf: WorkspaceLeaf,
    private readonly ctx: PluginContext,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return VIEW_TYPE_RELATED;
  }

  getDisplayText(): string {
    return 'Related notes';
  }

  override getIcon(): string {
    return RELATED_ICON;
  }

  override async onOpen(): Promise<void> {
    this.contentEl.addClass('amn-related-view');
    const workspace = this.ctx.app.workspace;
    this.registerEvent(workspace.on('active-leaf-change', () => this.refreshSoon()));
    this.registerEvent(workspace.on('file-open', () => this.refreshSoon()));
    // Becoming visible again (sidebar expanded, tab selected) shows as a layout change.
    this.registerEvent(workspace.on('layout-change', () => this.refreshSoon()));
    this.register(this.ctx.engine.onChange(() => this.refreshAfterEngine()));
    this.register(
      this.ctx.onSettingsChange((now, before) => {
        if (now.relatedCount !== before.relatedCount || now.showLinkedNotes !== before.showLinkedNotes) void this.refresh(true);
      }),
    );
    this.registerDomEvent(this.contentEl, 'click', (evt) => this.onRowEvent(evt, (r) => this.openResult(r, Keymap.isModEvent(evt))));
    this.registerDomEvent(this.contentEl, 'auxclick', (evt) => {
      if (evt.button === 1) this.onRowEvent(evt, (r) => this.openResult(r, 'tab'));
    });
    this.registerDomEvent(this.contentEl, 'keydown', (evt) => {
      if (evt.key === 'Enter') this.onRowEvent(evt, (r) => this.openResult(r, Keymap.isModEvent(evt)));
    });
    this.registerDomEvent(this.contentEl, 'mouseover', (evt) => this.onHover(evt));
    this.registerDomEvent(this.contentEl, 'contextmenu', (evt) => this.onRowEvent(evt, (r) => this.showMenu(r, evt)));
    this.registerDomEvent(this.contentEl, 'dragstart', (evt) => this.onRowEvent(evt, (r) => this.onDragStart(r, evt)));
    await this.refresh(true);
  }

  override async onClose(): Promise<void> {
    this.refreshSoon.cancel();
    this.refreshAfterEngine.cancel();
  }

  /** Shows the notes related to a piece of text (the "find related to selection" command) until the active note changes. */
  async showQuery(text: string, sourcePath: string): Promise<void> {
    this.query = { text, sourcePath };
    await this.refresh(true);
  }

  /**
   * Recomputes what to show if its inputs changed (active note, index revision, settings,
   * query) and re-renders if the result differs. Skipped while hidden: the next
   * layout or leaf change brings it up to date.
   */
  async refresh(force = false): Promise<void> {
    if (!force && !this.containerEl.isShown()) return;
    const path = this.activePath();
    if (this.query && path !== this.query.sourcePath) this.query = null;
    const settings = this.ctx.settings();
    const snapshot = this.ctx.engine.snapshot();
    const key = JSON.stringify([path, snapshot.revision, snapshot.indexReady, snapshot.model.kind, snapshot.indexing !== null, settings.relatedCount, settings.showLinkedNotes, this.query]);
    if (!force && key === this.computedKey) return;
    this.computedKey = key;
    const generation = ++this.generation;
    let shown: Shown;
    try {
      shown = this.query
        ? { kind: 'query', ...this.query, results: await this.queryResults(this.query.text, this.query.sourcePath, settings.relatedCount) }
        : await relatedViewState(this.ctx.engine, { path, limit: settings.relatedCount, includeLinked: settings.showLinkedNotes, yieldBetweenSteps: yieldToMain });
    } catch (error) {
      shown = { kind: 'engine-error', message: error instanceof Error ? error.message : String(error) };
    }
    if (generation !== this.generation) return;
    const signature = signatureOf(shown, settings.showLinkedNotes);
    if (!force && signature === this.renderedSignature) return;
    this.renderedSignature = signature;
    this.render(shown);
  }

  private activePath(): string | null {
    const file = this.ctx.app.workspace.getActiveFile();
    return file && file.extension === 'md' ? file.path : null;
  }

  private render(shown: Shown): void {
    const el = this.contentEl;
    el.empty();
    this.rows = [];
    const actions: StateActions = { openSettings: () => openPluginSettings(this.ctx.app, this.ctx.plugin.manifest.id) };
    const header = el.createDiv('amn-related-header');
    if (shown.kind === 'query') {
      header.createDiv({ cls: 'amn-related-heading-text', text: 'Related to the selection' });
      header.createDiv({ cls: 'amn-related-query', text: snippetOf(shown.text, 120) });
      const back = header.createEl('button', { cls: 'amn-related-back', text: 'Back to related notes' });
      back.addEventListener('click', () => {
        this.query = null;
        void this.refresh(true);
      });
      this.showRows(el, shown.results, shown.sourcePath);
      if (shown.results.length === 0) renderNoResults(el, true);
      return;
    }
    if (shown.kind !== 'results') {
      renderState(el, shown, actions);
      return;
    }
    header.createDiv({ cls: 'amn-related-heading-text', text: `Related to ${titleOf(shown.path)}` });
    this.renderLinkedToggle(header);
    if (shown.model) renderModelNotice(el, shown.model, actions);
    if (shown.results.length === 0) renderNoResults(el, this.ctx.settings().showLinkedNotes);
    else this.showRows(el, shown.results, shown.path);
  }

  private showRows(el: HTMLElement, results: RelatedResult[], sourcePath: string): void {
    this.rows = results;
    this.rowsSourcePath = sourcePath;
    renderRows(el, results);
  }

  private renderLinkedToggle(header: HTMLElement): void {
    const label = header.createEl('label', { cls: 'amn-related-toggle' });
    const box = label.createEl('input', { attr: { type: 'checkbox' } });
    box.checked = this.ctx.settings().showLinkedNotes;
    label.appendText('Show linked notes');
    box.addEventListener('change', () => void this.ctx.updateSettings({ showLinkedNotes: box.checked }));
  }

  private async queryResults(text: string, sourcePath: string, limit: number): Promise<RelatedResult[]> {
    const searcher = this.ctx.engine.searcher();
    if (!searcher) return [];
    const hits = await searcher.searchNotes(text, { limit, filter: { excludePaths: [sourcePath] } });
    const top = hits[0]?.score ?? 1;
    const graph = this.ctx.engine.graph();
    return hits.map((hit) => {
      const out = graph.outgoing(sourcePath).has(hit.path);
      const back = graph.backlinks(sourcePath).has(hit.path);
      const best: Passage | undefined = hit.passages[0];
      return {
        path: hit.path,
        title: hit.title,
        score: top > 0 ? Math.max(0, Math.min(1, hit.score / top)) : 0,
        linked: out || back,
        linkRelation: out && back ? 'both' : out ? 'linked-from-here' : back ? 'links-here' : 'none',
        sharedLinks: graph.sharedTargets(sourcePath, hit.path).map((p) => this.ctx.engine.note(p)?.meta.title ?? p),
        sharedBacklinks: [],
        twoHop: false,
        twoHopVia: [],
        passage: best ? { heading: best.headingTrail.at(-1) ?? null, line: best.startLine, snippet: snippetOf(best.text), chunkId: best.chunkId } : null,
        basis: best?.dense !== undefined ? 'semantic' : 'lexical',
        components: { semantic: best?.dense ?? 0, graph: 0, ...(best?.lexical !== undefined ? { lexical: best.lexical } : {}) },
      } satisfies RelatedResult;
    });
  }

  private rowOf(evt: Event): { el: HTMLElement; result: RelatedResult } | null {
    const target = evt.target;
    if (!(target instanceof Element)) return null;
    const el = target.closest<HTMLElement>('.amn-related-row');
    const result = el ? this.rows[Number(el.dataset.index)] : undefined;
    return el && result ? { el, result } : null;
  }

  private onRowEvent(evt: Event, act: (r: RelatedResult) => void): void {
    const row = this.rowOf(evt);
    if (!row) return;
    if (evt.type !== 'dragstart' && evt.type !== 'keydown') evt.preventDefault();
    act(row.result);
  }

  private openResult(result: RelatedResult, newLeaf: PaneType | boolean): void {
    void openAtPassage(this.ctx.app, { path: result.path, line: result.passage?.line, heading: result.passage?.heading ?? null }, this.rowsSourcePath, newLeaf);
  }

  /** Obsidian's page preview (and anything else listening to `hover-link`) for the row's note. */
  private onHover(evt: MouseEvent): void {
    const row = this.rowOf(evt);
    if (!row) return;
    const from = evt.relatedTarget;
    if (from instanceof Node && row.el.contains(from)) return;
    this.ctx.app.workspace.trigger('hover-link', {
      event: evt,
      source: VIEW_TYPE_RELATED,
      hoverParent: this,
      targetEl: row.el,
      linktext: row.result.path,
      sourcePath: this.rowsSourcePath,
    });
  }

  private showMenu(result: RelatedResult, evt: MouseEvent): void {
    const menu = new Menu();
    const editorView = lastMarkdownView(this.ctx.app);
    menu.addItem((item) =>
      item
        .setTitle('Insert link into the note')
        .setIcon('link')
        .setDisabled(!editorView)
        .onClick(() => {
          const view = lastMarkdownView(this.ctx.app);
          if (view?.file) insertAtCursor(view.editor, linkTo(this.ctx.app, result.path, view.file.path));
        }),
    );
    menu.addItem((item) => item.setTitle('Open in new tab').setIcon('file-plus').onClick(() => this.openResult(result, 'tab')));
    menu.addItem((item) => item.setTitle('Open to the right').setIcon('separator-vertical').onClick(() => this.openResult(result, 'split')));
    menu.showAtMouseEvent(evt);
  }

  /** Dragging a row into a note drops a link to it, as dragging a file from the file explorer does. */
  private onDragStart(result: RelatedResult, evt: DragEvent): void {
    const app = this.ctx.app;
    const file = app.vault.getFileByPath(result.path);
    const source = lastMarkdownView(app)?.file?.path ?? this.rowsSourcePath;
    evt.dataTransfer?.setData('text/plain', linkTo(app, result.path, source));
    const dragManager = (app as unknown as { dragManager?: DragManager }).dragManager;
    if (file && dragManager?.dragFile && dragManager.onDragStart) dragManager.onDragStart(evt, dragManager.dragFile(evt, file));
  }
}

/** Obsidian's internal drag manager (not in the public API; used only when present). */
interface DragManager {
  dragFile?(evt: DragEvent, file: unknown): unknown;
  onDragStart?(evt: DragEvent, data: unknown): void;
}

/** What the user would see, so an unchanged refresh touches no DOM. */
function signatureOf(shown: Shown, showLinked: boolean): string {
  if (shown.kind === 'results' || shown.kind === 'query') {
    const rows = shown.results.map((r) => [r.path, Math.round(r.score * 100), r.linkRelation, r.passage?.chunkId, r.sharedLinks.join('|'), r.twoHopVia.join('|')]);
    return JSON.stringify([shown.kind, shown.kind === 'results' ? [shown.path, shown.basis, shown.model] : shown.text, showLinked, rows]);
  }
  if (shown.kind === 'indexing') return JSON.stringify([shown.kind, shown.path, shown.progress?.notesDone, shown.progress?.notesTotal]);
  return JSON.stringify(shown);
}

function titleOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}
