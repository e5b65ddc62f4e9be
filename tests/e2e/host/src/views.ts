/**
 * `View`, `ItemView`, `FileView`, `TextFileView` and `MarkdownView`. A MarkdownView has both
 * modes in its DOM: `.markdown-source-view` (CodeMirror, wrapped as `editor`) and
 * `.markdown-reading-view` (rendered, `previewMode.containerEl`); `getMode()` says which shows.
 * Edits are saved to the vault after a short pause, like Obsidian's autosave.
 */
import type { EditorView } from '@codemirror/view';
import { Component } from './events';
import { reportError } from './errors';
import { Editor, createEditorView } from './editor';
import { renderMarkdown } from './render';
import { setIcon } from './ui';
import { Keymap } from './util';
import { TFile, type TAbstractFile } from './vault';
import type { App } from './app';
import type { HoverPopover } from './hover';
import type { WorkspaceLeaf } from './workspace';

export abstract class View extends Component {
  app: App;
  leaf: WorkspaceLeaf;
  containerEl: HTMLElement;
  icon = 'document';
  navigation = false;
  scope = null;
  hoverPopover: HoverPopover | null = null;

  constructor(leaf: WorkspaceLeaf) {
    super();
    this.leaf = leaf;
    this.app = leaf.app;
    this.containerEl = createDiv('workspace-leaf-content');
  }
  abstract getViewType(): string;
  abstract getDisplayText(): string;
  getIcon(): string {
    return this.icon;
  }
  getState(): Record<string, unknown> {
    return {};
  }
  async setState(_state: unknown, _result: { history: boolean }): Promise<void> {}
  getEphemeralState(): Record<string, unknown> {
    return {};
  }
  setEphemeralState(_state: unknown): void {}
  async onOpen(): Promise<void> {}
  async onClose(): Promise<void> {}
  onResize(): void {}
  onPaneMenu(_menu: unknown, _source: string): void {}

  /** Called by the leaf: attach, load (registers run from here), then onOpen. */
  async open(parentEl: HTMLElement): Promise<void> {
    this.containerEl.setAttr('data-type', this.getViewType());
    parentEl.appendChild(this.containerEl);
    this.load();
    await this.onOpen();
  }
  async close(): Promise<void> {
    try {
      await this.onClose();
    } catch (e) {
      reportError(`${this.getViewType()}.onClose`, e);
    }
    this.unload();
    this.containerEl.detach();
  }
}

export class EmptyView extends View {
  getViewType(): string {
    return 'empty';
  }
  getDisplayText(): string {
    return 'New tab';
  }
}

export abstract class ItemView extends View {
  contentEl: HTMLElement;
  headerEl: HTMLElement;
  titleEl: HTMLElement;
  private actionsEl: HTMLElement;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.headerEl = this.containerEl.createDiv('view-header');
    this.titleEl = this.headerEl.createDiv('view-header-title-container').createDiv('view-header-title');
    this.actionsEl = this.headerEl.createDiv('view-actions');
    this.contentEl = this.containerEl.createDiv('view-content');
  }
  addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.actionsEl.createEl('a', { cls: 'clickable-icon view-action', attr: { 'aria-label': title } });
    setIcon(el, icon);
    el.addEventListener('click', callback);
    return el;
  }
}

export abstract class FileView extends ItemView {
  file: TFile | null = null;
  allowNoFile = false;
  override navigation = true;

  override getDisplayText(): string {
    return this.file?.basename ?? 'No file';
  }
  override getState(): Record<string, unknown> {
    return { file: this.file?.path ?? null };
  }
  override async setState(state: { file?: string }, result: { history: boolean }): Promise<void> {
    const file = state.file ? this.app.vault.getFileByPath(state.file) : null;
    if (file && file !== this.file) {
      if (this.file) await this.onUnloadFile(this.file);
      this.file = file;
      await this.onLoadFile(file);
    }
    await super.setState(state, result);
  }
  async onLoadFile(_file: TFile): Promise<void> {}
  async onUnloadFile(_file: TFile): Promise<void> {}
  override onload(): void {
    this.registerEvent(this.app.vault.on('rename', (f: TAbstractFile) => f === this.file && this.leaf.updateHeader()));
    this.registerEvent(this.app.vault.on('delete', (f: TAbstractFile) => f === this.file && void this.leaf.setViewState({ type: 'empty' })));
  }
}

export abstract class TextFileView extends FileView {
  data = '';
  private saveTimer = 0;

  abstract getViewData(): string;
  abstract setViewData(data: string, clear: boolean): void;
  abstract clear(): void;

  override async onLoadFile(file: TFile): Promise<void> {
    this.data = await this.app.vault.read(file);
    this.setViewData(this.data, true);
  }
  override async onUnloadFile(_file: TFile): Promise<void> {
    await this.save();
  }
  requestSave(): void {
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => void this.save(), 300);
  }
  async save(_clear?: boolean): Promise<void> {
    window.clearTimeout(this.saveTimer);
    const data = this.getViewData();
    if (!this.file || data === this.data) return;
    this.data = data;
    await this.app.vault.modify(this.file, data);
  }
  override onload(): void {
    super.onload();
    // A change from elsewhere (another view, a plugin, sync) reloads this view's text.
    this.registerEvent(
      this.app.vault.on('modify', (f: TAbstractFile) => {
        if (f !== this.file || !(f instanceof TFile)) return;
        void this.app.vault.cachedRead(f).then((text) => {
          if (text === this.data) return;
          this.data = text;
          this.setViewData(text, false);
        });
      }),
    );
  }
  override async onClose(): Promise<void> {
    await this.save();
  }
}

export class MarkdownView extends TextFileView {
  editor: Editor;
  previewMode: { containerEl: HTMLElement; rerender: (full?: boolean) => void };
  currentMode: { type: 'source' | 'preview' };
  private sourceEl: HTMLElement;
  private readingEl: HTMLElement;
  private mode: 'source' | 'preview' = 'source';
  private loadingText = false;
  private renderChild = new Component();

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.sourceEl = this.contentEl.createDiv('markdown-source-view cm-s-obsidian mod-cm6');
    this.readingEl = this.contentEl.createDiv('markdown-reading-view');
    const previewEl = this.readingEl.createDiv('markdown-preview-view markdown-rendered');
    this.previewMode = { containerEl: previewEl, rerender: () => void this.renderPreview() };
    this.currentMode = { type: 'source' };
    const cm: EditorView = createEditorView({
      parent: this.sourceEl,
      extensions: leaf.app.workspace.editorExtensions,
      onDocChanged: () => {
        if (this.loadingText) return;
        this.app.workspace.trigger('editor-change', this.editor, this);
        this.requestSave();
      },
      onLinkHover: (event, targetEl, linktext) => this.hoverLink(event, 'editor', targetEl, linktext),
    });
    this.editor = new Editor(cm);
    this.setMode('source');
    previewEl.addEventListener('click', (evt) => {
      const a = (evt.target as HTMLElement).closest<HTMLAnchorElement>('a.internal-link');
      if (!a) return;
      evt.preventDefault();
      void this.app.workspace.openLinkText(a.dataset.href ?? '', this.file?.path ?? '', Keymap.isModEvent(evt));
    });
    previewEl.addEventListener('mouseover', (evt) => {
      const a = (evt.target as HTMLElement).closest<HTMLAnchorElement>('a.internal-link');
      if (a && !a.contains(evt.relatedTarget as Node)) this.hoverLink(evt, 'preview', a, a.dataset.href ?? '');
    });
  }

  private hoverLink(event: MouseEvent, source: string, targetEl: HTMLElement, linktext: string): void {
    this.app.workspace.trigger('hover-link', { event, source, hoverParent: this, targetEl, linktext, sourcePath: this.file?.path ?? '' });
  }

  getViewType(): string {
    return 'markdown';
  }
  override getIcon(): string {
    return 'document';
  }
  getMode(): 'source' | 'preview' {
    return this.mode;
  }
  setMode(mode: 'source' | 'preview'): void {
    this.mode = mode;
    this.currentMode = { type: mode };
    this.sourceEl.toggle(mode === 'source');
    this.readingEl.toggle(mode === 'preview');
  }
  override getState(): Record<string, unknown> {
    return { ...super.getState(), mode: this.mode, source: false };
  }
  override async setState(state: { file?: string; mode?: 'source' | 'preview' }, result: { history: boolean }): Promise<void> {
    if (state.mode) this.setMode(state.mode);
    await super.setState(state, result);
  }
  getViewData(): string {
    return this.editor.getValue();
  }
  setViewData(data: string, _clear: boolean): void {
    this.loadingText = true;
    this.editor.setValue(data);
    this.loadingText = false;
    void this.renderPreview();
  }
  clear(): void {
    this.setViewData('', true);
  }
  override async save(clear?: boolean): Promise<void> {
    await super.save(clear);
    void this.renderPreview();
  }

  private async renderPreview(): Promise<void> {
    this.removeChild(this.renderChild);
    this.renderChild = this.addChild(new Component());
    const el = this.previewMode.containerEl;
    el.empty();
    const sizer = el.createDiv('markdown-preview-sizer markdown-preview-section');
    if (this.file) sizer.createDiv('inline-title').setText(this.file.basename);
    await renderMarkdown(this.app, this.editor.getValue(), sizer, this.file?.path ?? '', this.renderChild, true);
  }

  /**
   * Moves the cursor (source) or scrolls (preview) to a `#Heading` subpath, or to a 0-based
   * `line` (what Obsidian's search and backlinks pass in `eState`; a subpath wins over a line).
   */
  override setEphemeralState(state: { subpath?: string; line?: number }): void {
    if (!state.subpath && typeof state.line === 'number') {
      const line = Math.max(0, Math.min(state.line, this.editor.lastLine()));
      this.editor.setCursor(line, 0);
      this.editor.scrollIntoView({ from: { line, ch: 0 }, to: { line, ch: 0 } }, true);
      return;
    }
    const heading = state.subpath?.replace(/^#/, '');
    const cache = heading && this.file ? this.app.metadataCache.getFileCache(this.file) : null;
    const h = cache?.headings.find((x) => x.heading === heading);
    if (!h) return;
    this.editor.setCursor(h.position.start.line, 0);
    this.editor.scrollIntoView({ from: { line: h.position.start.line, ch: 0 }, to: { line: h.position.start.line, ch: 0 } }, true);
    const el = Array.from(this.previewMode.containerEl.querySelectorAll('h1,h2,h3,h4,h5,h6')).find((e) => e.textContent === heading);
    el?.scrollIntoView();
  }
}
