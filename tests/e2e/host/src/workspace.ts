/**
 * `Workspace` and `WorkspaceLeaf` in Obsidian's layout: a root split holding note tabs, left and
 * right sidebars holding tab groups (one visible leaf each), views created from the registry.
 * Events: active-leaf-change, file-open, layout-change, editor-change, hover-link.
 */
import type { Extension } from '@codemirror/state';
import { Events } from './events';
import { pluginExtensions } from './editor';
import { setIcon } from './ui';
import { getLinkpath, parseLinktext } from './util';
import { EmptyView, FileView, MarkdownView, type View } from './views';
import { TFile } from './vault';
import type { App } from './app';

export type ViewCreator = (leaf: WorkspaceLeaf) => View;
export interface ViewState {
  type: string;
  state?: Record<string, unknown>;
  active?: boolean;
  pinned?: boolean;
}
export type Side = 'left' | 'right';

/** A split with one tab strip; only the selected leaf is shown. */
export class TabGroup {
  containerEl: HTMLElement;
  private headerEl: HTMLElement;
  private bodyEl: HTMLElement;
  leaves: WorkspaceLeaf[] = [];
  selected: WorkspaceLeaf | null = null;
  collapsed = false;

  constructor(
    parent: HTMLElement,
    cls: string,
    public kind: 'root' | Side,
  ) {
    this.containerEl = parent.createDiv(`workspace-split ${cls}`);
    const tabs = this.containerEl.createDiv('workspace-tabs mod-top');
    this.headerEl = tabs.createDiv('workspace-tab-header-container').createDiv('workspace-tab-header-container-inner');
    this.bodyEl = tabs.createDiv('workspace-tab-container');
  }

  add(leaf: WorkspaceLeaf): void {
    leaf.group = this;
    this.leaves.push(leaf);
    this.headerEl.appendChild(leaf.tabHeaderEl);
    this.bodyEl.appendChild(leaf.containerEl);
    if (!this.selected) this.select(leaf);
    else leaf.containerEl.hide();
  }
  remove(leaf: WorkspaceLeaf): void {
    this.leaves.remove(leaf);
    leaf.tabHeaderEl.detach();
    leaf.containerEl.detach();
    if (this.selected === leaf) {
      this.selected = null;
      if (this.leaves[0]) this.select(this.leaves[this.leaves.length - 1]!);
    }
  }
  select(leaf: WorkspaceLeaf): void {
    this.selected = leaf;
    for (const l of this.leaves) {
      l.containerEl.toggle(l === leaf);
      l.tabHeaderEl.toggleClass('is-active', l === leaf);
    }
  }
  setCollapsed(collapsed: boolean): void {
    this.collapsed = collapsed;
    this.containerEl.toggleClass('is-collapsed', collapsed);
  }
  expand(): void {
    this.setCollapsed(false);
  }
  collapse(): void {
    this.setCollapsed(true);
  }
  toggle(): void {
    this.setCollapsed(!this.collapsed);
  }
}

let leafCounter = 0;

export class WorkspaceLeaf extends Events {
  id = `leaf-${++leafCounter}`;
  app: App;
  view: View;
  group!: TabGroup;
  containerEl = createDiv('workspace-leaf');
  tabHeaderEl = createDiv('workspace-tab-header');
  hoverPopover = null;
  pinned = false;
  private tabIconEl: HTMLElement;
  private tabTitleEl: HTMLElement;

  constructor(app: App) {
    super();
    this.app = app;
    const inner = this.tabHeaderEl.createDiv('workspace-tab-header-inner');
    this.tabIconEl = inner.createDiv('workspace-tab-header-inner-icon');
    this.tabTitleEl = inner.createDiv('workspace-tab-header-inner-title');
    this.tabHeaderEl.addEventListener('click', () => this.app.workspace.setActiveLeaf(this, { focus: true }));
    this.containerEl.addEventListener('mousedown', () => this.app.workspace.setActiveLeaf(this), true);
    this.view = new EmptyView(this);
    void this.view.open(this.containerEl);
    this.updateHeader();
  }

  /** The root tab group or the sidebar holding this leaf (Obsidian returns a WorkspaceSplit). */
  getRoot(): TabGroup {
    return this.group;
  }

  updateHeader(): void {
    const text = this.view.getDisplayText();
    this.tabTitleEl.setText(text);
    this.tabHeaderEl.setAttr('aria-label', text);
    this.tabHeaderEl.setAttr('data-type', this.view.getViewType());
    setIcon(this.tabIconEl, this.view.getIcon());
    const title = this.view.containerEl.querySelector('.view-header-title');
    if (title) title.textContent = text;
  }

  async setViewState(viewState: ViewState, eState?: unknown): Promise<void> {
    if (viewState.type !== this.view.getViewType()) {
      const creator = this.app.workspace.viewRegistry.get(viewState.type);
      await this.view.close();
      this.view = creator ? creator(this) : viewState.type === 'markdown' ? new MarkdownView(this) : new EmptyView(this);
      await this.view.open(this.containerEl);
    }
    if (viewState.pinned !== undefined) this.pinned = viewState.pinned;
    await this.view.setState(viewState.state ?? {}, { history: false });
    if (eState) this.view.setEphemeralState(eState);
    this.updateHeader();
    if (viewState.active) this.app.workspace.setActiveLeaf(this, { focus: true });
    else if (this.app.workspace.activeLeaf === this) this.app.workspace.updateActiveFile();
    this.app.workspace.trigger('layout-change');
  }

  getViewState(): ViewState {
    return { type: this.view.getViewType(), state: this.view.getState(), active: this.app.workspace.activeLeaf === this, pinned: this.pinned };
  }
  getEphemeralState(): unknown {
    return this.view.getEphemeralState();
  }
  setEphemeralState(state: unknown): void {
    this.view.setEphemeralState(state);
  }

  async openFile(file: TFile, openState?: { state?: Record<string, unknown>; eState?: unknown; active?: boolean }): Promise<void> {
    const type = file.extension === 'md' ? 'markdown' : 'empty';
    await this.setViewState({ type, state: { ...openState?.state, file: file.path }, active: openState?.active ?? true }, openState?.eState);
  }

  getDisplayText(): string {
    return this.view.getDisplayText();
  }
  getIcon(): string {
    return this.view.getIcon();
  }
  setPinned(pinned: boolean): void {
    this.pinned = pinned;
  }
  togglePinned(): void {
    this.pinned = !this.pinned;
  }
  /** The host restores no saved layout, so no leaf is ever deferred. */
  get isDeferred(): boolean {
    return false;
  }
  async loadIfDeferred(): Promise<void> {}

  detach(): void {
    void this.view.close();
    this.app.workspace.removeLeaf(this);
  }
}

export class Workspace extends Events {
  containerEl: HTMLElement;
  leftRibbonEl: HTMLElement;
  leftSplit: TabGroup;
  rootSplit: TabGroup;
  rightSplit: TabGroup;
  activeLeaf: WorkspaceLeaf | null = null;
  layoutReady = false;
  viewRegistry = new Map<string, ViewCreator>();
  /** Extensions from registerEditorExtension, shared by every editor through a compartment. */
  editorExtensions: Extension[] = [];
  private layoutReadyCallbacks: (() => unknown)[] = [];
  private lastActiveFile: TFile | null = null;
  private lastRootLeaf: WorkspaceLeaf | null = null;
  private recentFiles: string[] = [];

  constructor(
    public app: App,
    parent: HTMLElement,
  ) {
    super();
    this.containerEl = parent.createDiv('workspace');
    this.leftRibbonEl = this.containerEl.createDiv('workspace-ribbon side-dock-ribbon mod-left').createDiv('side-dock-actions');
    this.leftSplit = new TabGroup(this.containerEl, 'mod-horizontal mod-sidedock mod-left-split', 'left');
    this.leftSplit.collapse();
    this.rootSplit = new TabGroup(this.containerEl, 'mod-vertical mod-root', 'root');
    this.rightSplit = new TabGroup(this.containerEl, 'mod-horizontal mod-sidedock mod-right-split', 'right');
  }

  private allLeaves(): WorkspaceLeaf[] {
    return [...this.leftSplit.leaves, ...this.rootSplit.leaves, ...this.rightSplit.leaves];
  }

  private newLeaf(group: TabGroup): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this.app);
    group.add(leaf);
    this.trigger('layout-change');
    return leaf;
  }

  removeLeaf(leaf: WorkspaceLeaf): void {
    leaf.group.remove(leaf);
    if (this.lastRootLeaf === leaf) this.lastRootLeaf = this.rootSplit.leaves[this.rootSplit.leaves.length - 1] ?? null;
    if (this.activeLeaf === leaf) this.setActiveLeaf(this.lastRootLeaf ?? null);
    this.trigger('layout-change');
  }

  /** Root leaf to open things in: the active one unless pinned or `newLeaf`, else a new tab. */
  getLeaf(newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
    if (!newLeaf) {
      const current = this.activeLeaf?.group === this.rootSplit ? this.activeLeaf : this.lastRootLeaf;
      if (current && !current.pinned) return current;
    }
    return this.newLeaf(this.rootSplit);
  }
  getRightLeaf(_split: boolean): WorkspaceLeaf {
    return this.newLeaf(this.rightSplit);
  }
  getLeftLeaf(_split: boolean): WorkspaceLeaf {
    return this.newLeaf(this.leftSplit);
  }
  async ensureSideLeaf(type: string, side: Side, options: { active?: boolean; split?: boolean; reveal?: boolean; state?: Record<string, unknown> } = {}): Promise<WorkspaceLeaf> {
    const group = side === 'right' ? this.rightSplit : this.leftSplit;
    let leaf = group.leaves.find((l) => l.view.getViewType() === type);
    if (!leaf) {
      leaf = this.newLeaf(group);
      await leaf.setViewState({ type, state: options.state, active: options.active });
    }
    if (options.reveal ?? true) await this.revealLeaf(leaf);
    return leaf;
  }
  getMostRecentLeaf(): WorkspaceLeaf | null {
    return this.lastRootLeaf;
  }
  getLeafById(id: string): WorkspaceLeaf | null {
    return this.allLeaves().find((l) => l.id === id) ?? null;
  }
  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.allLeaves().filter((l) => l.view.getViewType() === type);
  }
  detachLeavesOfType(type: string): void {
    for (const leaf of this.getLeavesOfType(type)) leaf.detach();
  }
  iterateAllLeaves(cb: (leaf: WorkspaceLeaf) => unknown): void {
    this.allLeaves().forEach(cb);
  }
  iterateRootLeaves(cb: (leaf: WorkspaceLeaf) => unknown): void {
    this.rootSplit.leaves.forEach(cb);
  }

  async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    leaf.group.expand();
    leaf.group.select(leaf);
  }

  setActiveLeaf(leaf: WorkspaceLeaf | null, _params?: { focus?: boolean }): void {
    if (leaf) leaf.group.select(leaf);
    if (leaf === this.activeLeaf) return this.updateActiveFile();
    this.activeLeaf?.containerEl.removeClass('mod-active');
    this.activeLeaf = leaf;
    leaf?.containerEl.addClass('mod-active');
    if (leaf?.group === this.rootSplit) this.lastRootLeaf = leaf;
    this.trigger('active-leaf-change', leaf);
    this.updateActiveFile();
  }

  /** 'file-open' fires when the file the user is looking at changes; a sidebar leaf does not change it. */
  updateActiveFile(): void {
    const leaf = this.activeLeaf;
    if (leaf && leaf.group !== this.rootSplit && !(leaf.view instanceof FileView)) return;
    const file = leaf?.view instanceof FileView ? leaf.view.file : null;
    if (file === this.lastActiveFile) return;
    this.lastActiveFile = file;
    if (file) this.recentFiles = [file.path, ...this.recentFiles.filter((p) => p !== file.path)].slice(0, 10);
    this.trigger('file-open', file);
  }

  getActiveFile(): TFile | null {
    return this.lastActiveFile && this.app.vault.getFileByPath(this.lastActiveFile.path) ? this.lastActiveFile : null;
  }
  getLastOpenFiles(): string[] {
    return [...this.recentFiles];
  }
  getActiveViewOfType<T extends View>(type: abstract new (...args: any[]) => T): T | null {
    const view = this.activeLeaf?.view;
    return view instanceof type ? view : null;
  }
  /** The active Markdown editor, or null when the active view has none (e.g. a sidebar view). */
  get activeEditor(): MarkdownView | null {
    return this.getActiveViewOfType(MarkdownView);
  }

  /** Opens the note a link points to; like Obsidian, an unresolved link creates the note first. */
  async openLinkText(linktext: string, sourcePath: string, newLeaf?: boolean | 'tab' | 'split' | 'window', openViewState?: { state?: Record<string, unknown>; eState?: Record<string, unknown>; active?: boolean }): Promise<void> {
    const { subpath } = parseLinktext(linktext);
    const linkpath = getLinkpath(linktext);
    let file = this.app.metadataCache.getFirstLinkpathDest(linkpath, sourcePath);
    if (!file) {
      if (!linkpath) return;
      file = await this.app.vault.create(linkpath.endsWith('.md') ? linkpath : `${linkpath}.md`, '');
    }
    await this.getLeaf(newLeaf).openFile(file, { ...openViewState, eState: { ...openViewState?.eState, subpath } });
  }

  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReady) callback();
    else this.layoutReadyCallbacks.push(callback);
  }
  /** Called once by the boot after the vault, metadata and the plugin are loaded. */
  setLayoutReady(): void {
    this.layoutReady = true;
    for (const cb of this.layoutReadyCallbacks.splice(0)) cb();
    this.trigger('layout-ready');
  }

  updateOptions(): void {
    for (const leaf of this.getLeavesOfType('markdown')) {
      const view = leaf.view as MarkdownView;
      view.editor.cm.dispatch({ effects: pluginExtensions.reconfigure(this.editorExtensions) });
    }
  }
  requestSaveLayout(): void {}
}
