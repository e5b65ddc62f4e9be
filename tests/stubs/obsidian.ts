/**
 * A minimal stand-in for the `obsidian` module, aliased in vitest.config.ts.
 * Keep it small: add only what the code under test touches, and keep behaviour honest
 * (no faked results). Views and UI tests use a DOM from happy-dom.
 */
type Callback = (...args: unknown[]) => unknown;

export class Events {
  private handlers = new Map<string, Set<Callback>>();
  on(name: string, callback: Callback): EventRef {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(callback);
    return { events: this, name, callback };
  }
  off(name: string, callback: Callback): void {
    this.handlers.get(name)?.delete(callback);
  }
  offref(ref: EventRef): void {
    this.off(ref.name, ref.callback);
  }
  trigger(name: string, ...args: unknown[]): void {
    for (const cb of [...(this.handlers.get(name) ?? [])]) cb(...args);
  }
}

export interface EventRef {
  events: Events;
  name: string;
  callback: Callback;
}

export class Component {
  private cleanups: (() => void)[] = [];
  private children: Component[] = [];
  _loaded = false;
  load(): void {
    this._loaded = true;
    this.onload();
    for (const c of this.children) c.load();
  }
  onload(): void {}
  unload(): void {
    for (const c of this.children.splice(0)) c.unload();
    for (const fn of this.cleanups.splice(0).reverse()) fn();
    this._loaded = false;
    this.onunload();
  }
  onunload(): void {}
  addChild<T extends Component>(child: T): T {
    this.children.push(child);
    if (this._loaded) child.load();
    return child;
  }
  removeChild<T extends Component>(child: T): T {
    const i = this.children.indexOf(child);
    if (i >= 0) this.children.splice(i, 1);
    child.unload();
    return child;
  }
  register(cb: () => unknown): void {
    this.cleanups.push(() => void cb());
  }
  registerEvent(ref: EventRef): void {
    this.register(() => ref.events.offref(ref));
  }
  registerDomEvent(el: EventTarget, type: string, cb: EventListener, options?: AddEventListenerOptions): void {
    el.addEventListener(type, cb, options);
    this.register(() => el.removeEventListener(type, cb, options));
  }
  registerInterval(id: number): number {
    this.register(() => clearInterval(id));
    return id;
  }
}

export class TAbstractFile {
  vault: unknown;
  path: string;
  name: string;
  parent: TFolder | null = null;
  constructor(path: string) {
    this.path = path;
    this.name = path.split('/').pop() ?? path;
  }
}

export class TFile extends TAbstractFile {
  stat = { ctime: 0, mtime: 0, size: 0 };
  basename: string;
  extension: string;
  constructor(path: string, stat?: Partial<TFile['stat']>) {
    super(path);
    const dot = this.name.lastIndexOf('.');
    this.basename = dot > 0 ? this.name.slice(0, dot) : this.name;
    this.extension = dot > 0 ? this.name.slice(dot + 1) : '';
    Object.assign(this.stat, stat);
  }
}

export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];
  isRoot(): boolean {
    return this.path === '/' || this.path === '';
  }
}

export class Notice {
  static shown: string[] = [];
  message: string;
  constructor(message: string | DocumentFragment, _duration?: number) {
    this.message = typeof message === 'string' ? message : (message.textContent ?? '');
    Notice.shown.push(this.message);
  }
  setMessage(message: string | DocumentFragment): this {
    this.message = typeof message === 'string' ? message : (message.textContent ?? '');
    return this;
  }
  hide(): void {}
}

export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
  p = p.replace(/\u00A0|\u202F/g, ' ');
  return p === '' ? '/' : p.normalize('NFC');
}

export interface Debouncer<T extends unknown[]> {
  (...args: T): Debouncer<T>;
  cancel(): Debouncer<T>;
  run(): void;
}

/** Like Obsidian's debounce, plus `run()` to fire a pending call synchronously in tests. */
export function debounce<T extends unknown[]>(cb: (...args: T) => unknown, timeout = 0, resetTimer = false): Debouncer<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: T | null = null;
  const fire = () => {
    timer = null;
    if (pending) {
      const args = pending;
      pending = null;
      cb(...args);
    }
  };
  const debounced = ((...args: T) => {
    pending = args;
    if (timer && resetTimer) clearTimeout(timer);
    if (!timer || resetTimer) timer = setTimeout(fire, timeout);
    return debounced;
  }) as Debouncer<T>;
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
    return debounced;
  };
  debounced.run = () => {
    if (timer) clearTimeout(timer);
    fire();
  };
  return debounced;
}

export const Platform = {
  isDesktop: true,
  isMobile: false,
  isDesktopApp: true,
  isMobileApp: false,
  isIosApp: false,
  isAndroidApp: false,
  isMacOS: false,
  isWin: false,
  isLinux: true,
};

export class Plugin extends Component {
  app: unknown;
  manifest: { id: string; name: string; version: string; dir?: string };
  private data: unknown = null;
  commands: { id: string; name: string; hotkeys?: unknown[] }[] = [];
  constructor(app: unknown, manifest: Plugin['manifest']) {
    super();
    this.app = app;
    this.manifest = manifest;
  }
  async loadData(): Promise<unknown> {
    return this.data;
  }
  async saveData(data: unknown): Promise<void> {
    this.data = structuredClone(data);
  }
  addCommand<T extends { id: string; name: string }>(command: T): T {
    this.commands.push(command);
    return command;
  }
}

export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  text: string;
  json: unknown;
}

/**
 * requestUrl performs a real request (tests point it at loopback servers) with Obsidian's
 * contract: the whole body at once, lower-case header names, and an error for status ≥ 400
 * unless `throw: false`.
 */
export async function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> {
  const r = typeof request === 'string' ? { url: request } : request;
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.contentType) headers['content-type'] = r.contentType;
  const response = await globalThis.fetch(r.url, { method: r.method ?? 'GET', headers, body: r.body });
  const arrayBuffer = await response.arrayBuffer();
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (outHeaders[name] = value));
  if (r.throw !== false && response.status >= 400) throw new Error(`Request failed, status ${response.status}`);
  const text = new TextDecoder().decode(arrayBuffer);
  return {
    status: response.status,
    headers: outHeaders,
    arrayBuffer,
    text,
    get json(): unknown {
      return JSON.parse(text) as unknown;
    },
  };
}

// ───── BEGIN related-notes view and concept cards (branch `related`) ─────
// Views, menus, modals, popovers and the editor field the related view and hover cards use.
// Behaviour follows obsidian.d.ts; tests build the `App` they need (tests/ui/related/fake-app.ts).
import { StateField } from '@codemirror/state';

export type PaneType = 'tab' | 'split' | 'window';

/** `Keymap.isModEvent`: Ctrl (Cmd on macOS) or a middle click opens a new tab, as in the app. */
export class Keymap {
  static isModEvent(evt?: { ctrlKey?: boolean; metaKey?: boolean; button?: number; altKey?: boolean; shiftKey?: boolean } | null): PaneType | boolean {
    if (!evt) return false;
    const mod = Boolean(Platform.isMacOS ? evt.metaKey : evt.ctrlKey);
    if (mod && evt.altKey && evt.shiftKey) return 'window';
    if (mod && evt.altKey) return 'split';
    if (mod || evt.button === 1) return 'tab';
    return false;
  }
  static isModifier(evt: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean }, modifier: 'Mod' | 'Ctrl' | 'Meta' | 'Shift' | 'Alt'): boolean {
    if (modifier === 'Mod') return Boolean(Platform.isMacOS ? evt.metaKey : evt.ctrlKey);
    if (modifier === 'Ctrl') return Boolean(evt.ctrlKey);
    if (modifier === 'Meta') return Boolean(evt.metaKey);
    if (modifier === 'Shift') return Boolean(evt.shiftKey);
    return Boolean(evt.altKey);
  }
}

/** Records the icon name, so tests can tell which icon an element shows. */
export function setIcon(el: HTMLElement, icon: string): void {
  el.setAttribute('data-icon', icon);
}

export class WorkspaceLeaf {
  view: View | null = null;
  readonly containerEl: HTMLElement = activeDocument.createElement('div');
  constructor(readonly app: unknown) {}
  async setViewState(state: { type: string; active?: boolean }): Promise<void> {
    void state;
  }
  async loadIfDeferred(): Promise<void> {}
  detach(): void {
    this.view?.unload();
    this.containerEl.remove();
  }
}

export abstract class View extends Component {
  app: unknown;
  leaf: WorkspaceLeaf;
  containerEl: HTMLElement;
  navigation = false;
  constructor(leaf: WorkspaceLeaf) {
    super();
    this.leaf = leaf;
    this.app = leaf.app;
    this.containerEl = leaf.containerEl;
  }
  abstract getViewType(): string;
  abstract getDisplayText(): string;
  getIcon(): string {
    return 'document';
  }
  async onOpen(): Promise<void> {}
  async onClose(): Promise<void> {}
  /** What the app does when it opens a view in a leaf. */
  async open(): Promise<void> {
    this.load();
    await this.onOpen();
  }
  async close(): Promise<void> {
    await this.onClose();
    this.unload();
  }
}

export abstract class ItemView extends View {
  contentEl: HTMLElement;
  readonly actionsEl: HTMLElement;
  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.actionsEl = this.containerEl.createDiv('view-actions');
    this.contentEl = this.containerEl.createDiv('view-content');
  }
  addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.actionsEl.createEl('a', { cls: 'view-action clickable-icon', attr: { 'aria-label': title } });
    setIcon(el, icon);
    el.addEventListener('click', (evt) => void callback(evt));
    return el;
  }
}

/** Only what `instanceof` checks and the editor actions need; tests give it a file and an editor. */
export class MarkdownView extends ItemView {
  file: TFile | null = null;
  editor: unknown = null;
  getViewType(): string {
    return 'markdown';
  }
  getDisplayText(): string {
    return this.file?.basename ?? '';
  }
  getMode(): 'source' | 'preview' {
    return 'source';
  }
}

export class MenuItem {
  title = '';
  icon: string | null = null;
  section: string | null = null;
  disabled = false;
  private handler: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;
  setTitle(title: string | DocumentFragment): this {
    this.title = typeof title === 'string' ? title : (title.textContent ?? '');
    return this;
  }
  setIcon(icon: string | null): this {
    this.icon = icon;
    return this;
  }
  setSection(section: string): this {
    this.section = section;
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
  onClick(handler: (evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.handler = handler;
    return this;
  }
  /** Test helper: what a click on the item does (nothing when disabled). */
  click(): void {
    if (!this.disabled) void this.handler?.(new MouseEvent('click'));
  }
}

export class Menu extends Component {
  /** The menu shown last, for tests. */
  static lastShown: Menu | null = null;
  readonly items: MenuItem[] = [];
  addItem(cb: (item: MenuItem) => unknown): this {
    const item = new MenuItem();
    cb(item);
    this.items.push(item);
    return this;
  }
  addSeparator(): this {
    return this;
  }
  showAtMouseEvent(_evt: MouseEvent): this {
    Menu.lastShown = this;
    return this;
  }
  showAtPosition(_position: { x: number; y: number }): this {
    Menu.lastShown = this;
    return this;
  }
  hide(): this {
    if (Menu.lastShown === this) Menu.lastShown = null;
    return this;
  }
}

export class Modal {
  /** Modals open now, for tests. */
  static open: Modal[] = [];
  readonly containerEl: HTMLElement;
  readonly modalEl: HTMLElement;
  readonly titleEl: HTMLElement;
  readonly contentEl: HTMLElement;
  constructor(readonly app: unknown) {
    this.containerEl = activeDocument.createElement('div');
    this.containerEl.className = 'modal-container';
    this.modalEl = this.containerEl.createDiv('modal');
    this.titleEl = this.modalEl.createDiv('modal-title');
    this.contentEl = this.modalEl.createDiv('modal-content');
  }
  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }
  open(): void {
    activeDocument.body.appendChild(this.containerEl);
    Modal.open.push(this);
    this.onOpen();
  }
  close(): void {
    this.containerEl.remove();
    Modal.open = Modal.open.filter((m) => m !== this);
    this.onClose();
  }
  onOpen(): void {}
  onClose(): void {}
}

export interface HoverParent {
  hoverPopover: HoverPopover | null;
}

/** Shows at once (no wait) in the document body; `hide()` removes it, as the app's popover does. */
export class HoverPopover extends Component {
  readonly hoverEl: HTMLElement;
  state: 'shown' | 'hidden' = 'shown';
  constructor(
    readonly parent: HoverParent,
    readonly targetEl: HTMLElement | null,
    readonly waitTime?: number,
  ) {
    super();
    parent.hoverPopover?.hide();
    parent.hoverPopover = this;
    this.hoverEl = activeDocument.createElement('div');
    this.hoverEl.className = 'popover hover-popover';
    activeDocument.body.appendChild(this.hoverEl);
    this.load();
  }
  hide(): void {
    this.state = 'hidden';
    this.hoverEl.remove();
    if (this.parent.hoverPopover === this) this.parent.hoverPopover = null;
    this.unload();
  }
}

/** The editor's file, as Obsidian exposes it to CodeMirror extensions. */
export const editorInfoField = StateField.define<{ file: TFile | null } | null>({
  create: () => null,
  update: (value) => value,
});
// ───── END related-notes view and concept cards ─────
