/**
 * A minimal stand-in for the `obsidian` module, aliased in vitest.config.ts.
 * Keep it small: add only what the code under test touches, and keep behaviour honest
 * (no faked results). Views and UI tests use a DOM from happy-dom.
 */
import MarkdownIt from 'markdown-it';

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
  /** Every notice created, to check which are still visible. */
  static instances: Notice[] = [];
  message: string;
  hidden = false;
  constructor(message: string | DocumentFragment, _duration?: number) {
    this.message = typeof message === 'string' ? message : (message.textContent ?? '');
    Notice.shown.push(this.message);
    Notice.instances.push(this);
  }
  setMessage(message: string | DocumentFragment): this {
    this.message = typeof message === 'string' ? message : (message.textContent ?? '');
    return this;
  }
  hide(): void {
    this.hidden = true;
  }
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
  /** Status bar items and setting tabs this plugin added (Obsidian integration tests). */
  statusBarItems: HTMLElement[] = [];
  settingTabs: unknown[] = [];
  addStatusBarItem(): HTMLElement {
    const item = createDiv('status-bar-item');
    this.statusBarItems.push(item);
    this.register(() => item.remove());
    return item;
  }
  addSettingTab(tab: unknown): void {
    this.settingTabs.push(tab);
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

// ==== Ask my notes panel (src/ui/ask): View/ItemView/WorkspaceLeaf, MarkdownView with a text
// Editor, MarkdownRenderer, setIcon, setTooltip, Keymap. Follows obsidian.d.ts; test helpers are
// marked as such. Rendering needs a DOM (happy-dom). ====

export class WorkspaceLeaf {
  view: View | null = null;
  /** Test helper: every `openFile` call, in order. */
  readonly opened: { path: string; eState?: unknown; active?: boolean }[] = [];
  constructor(readonly app: unknown) {}

  /** Test helper: attaches a view the way Obsidian does (DOM, load, then onOpen). */
  async open(view: View): Promise<View> {
    this.view = view;
    document.body.appendChild(view.containerEl);
    view.load();
    await view.onOpen();
    return view;
  }

  /** Views here are never deferred (related view: `loadIfDeferred` before `instanceof`). */
  async loadIfDeferred(): Promise<void> {}

  async openFile(file: TFile, openState?: { eState?: unknown; active?: boolean }): Promise<void> {
    this.opened.push({ path: file.path, ...(openState?.eState !== undefined ? { eState: openState.eState } : {}), ...(openState?.active !== undefined ? { active: openState.active } : {}) });
    return Promise.resolve();
  }

  detach(): void {
    const view = this.view;
    this.view = null;
    if (!view) return;
    void view.onClose();
    view.unload();
    view.containerEl.remove();
  }
}

export abstract class View extends Component {
  app: unknown;
  icon = '';
  navigation = false;
  leaf: WorkspaceLeaf;
  containerEl: HTMLElement;
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
  async onOpen(): Promise<void> {}
  async onClose(): Promise<void> {}
}

export abstract class ItemView extends View {
  contentEl: HTMLElement;
  private readonly actionsEl: HTMLElement;
  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.actionsEl = this.containerEl.createDiv('view-header').createDiv('view-actions');
    this.contentEl = this.containerEl.createDiv('view-content');
  }
  addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.actionsEl.createEl('a', { cls: 'clickable-icon view-action', attr: { 'aria-label': title } });
    setIcon(el, icon);
    el.addEventListener('click', (evt) => void callback(evt));
    return el;
  }
}

export interface EditorPosition {
  line: number;
  ch: number;
}

/** A plain-text editor with one selection, enough for commands that read and replace the selection. */
export class Editor {
  private lines: string[];
  private anchor: EditorPosition = { line: 0, ch: 0 };
  private head: EditorPosition = { line: 0, ch: 0 };
  constructor(text = '') {
    this.lines = text.split('\n');
  }
  getValue(): string {
    return this.lines.join('\n');
  }
  setValue(text: string): void {
    this.lines = text.split('\n');
    this.setCursor(0, 0);
  }
  getCursor(which: 'from' | 'to' | 'head' | 'anchor' = 'head'): EditorPosition {
    const [from, to] = this.ordered();
    return { ...(which === 'from' ? from : which === 'to' ? to : which === 'anchor' ? this.anchor : this.head) };
  }
  setCursor(pos: EditorPosition | number, ch = 0): void {
    this.anchor = this.head = typeof pos === 'number' ? { line: pos, ch } : { ...pos };
  }
  setSelection(anchor: EditorPosition, head: EditorPosition = anchor): void {
    this.anchor = { ...anchor };
    this.head = { ...head };
  }
  somethingSelected(): boolean {
    return this.offset(this.anchor) !== this.offset(this.head);
  }
  getSelection(): string {
    const [from, to] = this.ordered();
    return this.getValue().slice(this.offset(from), this.offset(to));
  }
  replaceSelection(replacement: string): void {
    const [from, to] = this.ordered();
    const text = this.getValue();
    const start = this.offset(from);
    const next = text.slice(0, start) + replacement + text.slice(this.offset(to));
    this.lines = next.split('\n');
    this.setCursor(this.position(start + replacement.length));
  }
  private ordered(): [EditorPosition, EditorPosition] {
    return this.offset(this.anchor) <= this.offset(this.head) ? [this.anchor, this.head] : [this.head, this.anchor];
  }
  private offset(pos: EditorPosition): number {
    let offset = 0;
    for (let i = 0; i < pos.line; i++) offset += (this.lines[i] ?? '').length + 1;
    return offset + pos.ch;
  }
  private position(offset: number): EditorPosition {
    let rest = offset;
    for (let line = 0; line < this.lines.length; line++) {
      const length = (this.lines[line] ?? '').length;
      if (rest <= length) return { line, ch: rest };
      rest -= length + 1;
    }
    return { line: this.lines.length - 1, ch: (this.lines[this.lines.length - 1] ?? '').length };
  }
}

export class MarkdownView extends ItemView {
  editor: Editor;
  file: TFile | null;
  constructor(leaf: WorkspaceLeaf, file: TFile | null = null, text = '') {
    super(leaf);
    this.file = file;
    this.editor = new Editor(text);
  }
  getViewType(): string {
    return 'markdown';
  }
  getDisplayText(): string {
    return this.file?.basename ?? '';
  }
}

export function setIcon(parent: HTMLElement, iconId: string): void {
  parent.empty();
  parent.setAttribute('data-icon', iconId);
}

/** Obsidian shows the tooltip from `aria-label` on hover. */
export function setTooltip(el: HTMLElement, tooltip: string, options?: { placement?: string }): void {
  el.setAttribute('aria-label', tooltip);
  if (options?.placement) el.setAttribute('data-tooltip-position', options.placement);
}

export const Keymap = {
  isModEvent(evt?: { ctrlKey?: boolean; metaKey?: boolean } | null): false | 'tab' {
    return evt?.ctrlKey || evt?.metaKey ? 'tab' : false;
  },
  /** Mod is Ctrl here (Linux), as in the app off macOS (related view and hover cards). */
  isModifier(evt: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; altKey?: boolean }, modifier: 'Mod' | 'Ctrl' | 'Meta' | 'Shift' | 'Alt'): boolean {
    const pressed = { Mod: evt.ctrlKey, Ctrl: evt.ctrlKey, Meta: evt.metaKey, Shift: evt.shiftKey, Alt: evt.altKey }[modifier];
    return Boolean(pressed);
  },
};

/**
 * Rendering as Obsidian's reading view does it, as far as the panel relies on it: Markdown with
 * HTML allowed, `[[target|alias]]` as `a.internal-link[data-href]`, and HTML sanitised so that no
 * script or inline handler of a note or an LLM answer can run. The e2e host
 * (tests/e2e/host/src/render.ts) sanitises with DOMPurify in a real browser; DOMPurify 3.5 cannot
 * run on happy-dom 21 (it reads nodes through `Node.prototype` getters, which happy-dom does not
 * implement for elements: it kept `<script>` and `onerror` when tried), so this stub sanitises
 * with the allowlist below, parsing in an inert document where nothing loads or runs.
 */
const markdown = new MarkdownIt({ html: true, linkify: true, breaks: true });
markdown.inline.ruler.before('link', 'wikilink', (state, silent) => {
  if (!state.src.startsWith('[[', state.pos)) return false;
  const end = state.src.indexOf(']]', state.pos + 2);
  if (end < 0) return false;
  const inner = state.src.slice(state.pos + 2, end);
  if (!inner.trim() || inner.includes('\n')) return false;
  if (!silent) {
    const bar = inner.indexOf('|');
    const token = state.push('wikilink', '', 0);
    token.meta = { target: (bar < 0 ? inner : inner.slice(0, bar)).trim(), alias: bar < 0 ? null : inner.slice(bar + 1).trim() };
  }
  state.pos = end + 2;
  return true;
});
markdown.renderer.rules.wikilink = (tokens, idx) => {
  const { target, alias } = tokens[idx]!.meta as { target: string; alias: string | null };
  const href = markdown.utils.escapeHtml(target);
  return `<a data-href="${href}" href="${href}" class="internal-link" target="_blank" rel="noopener nofollow">${markdown.utils.escapeHtml(alias ?? target)}</a>`;
};

/** Removed with everything inside them. */
const DROPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'TEMPLATE', 'NOSCRIPT', 'LINK', 'META', 'BASE', 'FORM', 'SVG', 'MATH']);
/** Kept as they are (attributes filtered); any other element is replaced by its content. */
const KEPT_ELEMENTS = new Set(
  'P BR HR A B STRONG I EM U S DEL INS MARK CODE PRE BLOCKQUOTE UL OL LI DL DT DD H1 H2 H3 H4 H5 H6 TABLE THEAD TBODY TFOOT TR TH TD IMG SPAN DIV SUP SUB SMALL KBD DETAILS SUMMARY FIGURE FIGCAPTION ABBR CITE Q INPUT'.split(' '),
);
const KEPT_ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'class', 'target', 'rel', 'width', 'height', 'colspan', 'rowspan', 'start', 'dir', 'checked', 'disabled', 'type']);
const SAFE_URL = /^(?:https?:|mailto:|obsidian:|app:|#|\/|\.{0,2}\/|[^:]*$)/i;

/** Browsers ignore spaces and control characters inside a URL scheme ("java\tscript:"). */
function withoutControls(value: string): string {
  return [...value].filter((c) => c.charCodeAt(0) > 0x20).join('');
}

function sanitize(root: ParentNode & Node): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!root.contains(el)) continue;
    if (DROPPED_ELEMENTS.has(el.nodeName.toUpperCase())) {
      el.remove();
      continue;
    }
    if (!KEPT_ELEMENTS.has(el.nodeName.toUpperCase()) || (el.nodeName === 'INPUT' && el.getAttribute('type') !== 'checkbox')) {
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const allowed = KEPT_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-');
      const url = name === 'href' || name === 'src';
      if (!allowed || (url && !SAFE_URL.test(withoutControls(attr.value)))) el.removeAttribute(attr.name);
    }
  }
}

export class MarkdownRenderer extends Component {
  /** Test helper: how many times `render` ran. */
  static renders = 0;
  static async render(_app: unknown, source: string, el: HTMLElement, _sourcePath: string, _component: Component): Promise<void> {
    MarkdownRenderer.renders++;
    // A parsed document is inert: nothing in it loads or runs until it is sanitised and moved.
    const parsed = new DOMParser().parseFromString(markdown.render(source), 'text/html');
    sanitize(parsed.body);
    el.append(...Array.from(parsed.body.childNodes));
    return Promise.resolve();
  }
}
// ==== end of the Ask my notes panel block ====

// ==== Obsidian integration (plugin engine, settings tab, status, modals): App, Vault, MetadataCache,
// Workspace, SecretStorage, Modal, Setting and its components, PluginSettingTab. Test helpers are
// marked as such; everything else follows obsidian.d.ts. Modal/Setting need a DOM (happy-dom). ====

// ---- Vault, metadata, workspace, app ----

export class Vault extends Events {
  configDir = '.obsidian';
  adapter = {};
  private readonly files = new Map<string, { file: TFile; text: string }>();
  private tick = 1000;

  constructor(private readonly name = 'Test vault') {
    super();
  }

  getName(): string {
    return this.name;
  }

  /** Test helper: the files present at startup (no events, as before layout-ready). */
  seed(files: Record<string, string>): this {
    for (const [path, text] of Object.entries(files)) this.put(path, text);
    return this;
  }

  getFiles(): TFile[] {
    return [...this.files.values()].map((e) => e.file);
  }

  getMarkdownFiles(): TFile[] {
    return this.getFiles().filter((f) => f.extension === 'md');
  }

  getAbstractFileByPath(path: string): TFile | null {
    return this.files.get(path)?.file ?? null;
  }

  getFileByPath(path: string): TFile | null {
    return this.getAbstractFileByPath(path);
  }

  cachedRead(file: TFile): Promise<string> {
    const entry = this.files.get(file.path);
    return entry ? Promise.resolve(entry.text) : Promise.reject(new Error(`ENOENT: ${file.path}`));
  }

  read(file: TFile): Promise<string> {
    return this.cachedRead(file);
  }

  async create(path: string, text: string): Promise<TFile> {
    if (this.files.has(path)) throw new Error(`File already exists: ${path}`);
    const file = this.put(path, text);
    this.trigger('create', file);
    return Promise.resolve(file);
  }

  async modify(file: TFile, text: string): Promise<void> {
    const entry = this.files.get(file.path);
    if (!entry) throw new Error(`ENOENT: ${file.path}`);
    entry.text = text;
    Object.assign(file.stat, { mtime: this.tick++, size: byteLength(text) });
    this.trigger('modify', file);
    return Promise.resolve();
  }

  /** Keeps the same TFile object and its mtime, as Obsidian does. */
  async rename(file: TFile, newPath: string): Promise<void> {
    const entry = this.files.get(file.path);
    if (!entry) throw new Error(`ENOENT: ${file.path}`);
    const oldPath = file.path;
    this.files.delete(oldPath);
    const renamed = new TFile(newPath);
    Object.assign(file, { path: renamed.path, name: renamed.name, basename: renamed.basename, extension: renamed.extension });
    this.files.set(newPath, entry);
    this.trigger('rename', file, oldPath);
    return Promise.resolve();
  }

  async delete(file: TFile): Promise<void> {
    if (!this.files.delete(file.path)) throw new Error(`ENOENT: ${file.path}`);
    this.trigger('delete', file);
    return Promise.resolve();
  }

  private put(path: string, text: string): TFile {
    const mtime = this.tick++;
    const file = new TFile(path, { ctime: mtime, mtime, size: byteLength(text) });
    file.vault = this;
    this.files.set(path, { file, text });
    return file;
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export class MetadataCache extends Events {
  constructor(private readonly vault: Vault) {
    super();
  }

  /** Exact path (with or without `.md`), else a file of that name: same folder first, then the shortest path. */
  getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
    const files = this.vault.getFiles();
    const wanted = linkpath.toLowerCase();
    const exact = files.find((f) => f.path.toLowerCase() === wanted || f.path.toLowerCase() === `${wanted}.md`);
    if (exact) return exact;
    const name = wanted.split('/').pop() ?? wanted;
    const folder = sourcePath.includes('/') ? sourcePath.slice(0, sourcePath.lastIndexOf('/')) : '';
    const matches = files
      .filter((f) => f.name.toLowerCase() === name || f.basename.toLowerCase() === name)
      .sort((a, b) => Number(parentOf(b) === folder) - Number(parentOf(a) === folder) || a.path.length - b.path.length);
    return matches[0] ?? null;
  }
}

function parentOf(file: TFile): string {
  return file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
}

export class Workspace extends Events {
  layoutReady = false;
  private readonly readyCallbacks: (() => unknown)[] = [];
  private activeFile: TFile | null = null;

  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReady) callback();
    else this.readyCallbacks.push(callback);
  }

  /** Test helper: the app finished loading the layout. */
  setLayoutReady(): void {
    this.layoutReady = true;
    for (const callback of this.readyCallbacks.splice(0)) callback();
  }

  getActiveFile(): TFile | null {
    return this.activeFile;
  }

  /** Test helper: the user opens a note in the active leaf. */
  openFile(file: TFile | null): void {
    this.activeFile = file;
    this.trigger('file-open', file);
    this.trigger('active-leaf-change', null);
  }
}

export class SecretStorage extends Events {
  private readonly secrets = new Map<string, string>();

  setSecret(id: string, secret: string): void {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`Invalid secret id: ${id}`);
    this.secrets.set(id, secret);
  }

  getSecret(id: string): string | null {
    return this.secrets.get(id) ?? null;
  }

  listSecrets(): string[] {
    return [...this.secrets.keys()];
  }
}

export class App {
  readonly metadataCache: MetadataCache;
  readonly workspace = new Workspace();
  readonly secretStorage = new SecretStorage();

  constructor(readonly vault: Vault = new Vault()) {
    this.metadataCache = new MetadataCache(vault);
  }
}

export function requireApiVersion(version: string): boolean {
  const have = [1, 11, 4];
  const want = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  return true;
}

// ---- UI: modals, settings and their components (need a DOM: happy-dom) ----

export class Modal {
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;

  constructor(readonly app: App) {
    this.containerEl = createDiv('modal-container');
    this.modalEl = this.containerEl.createDiv('modal');
    this.titleEl = this.modalEl.createDiv('modal-title');
    this.contentEl = this.modalEl.createDiv('modal-content');
  }

  open(): void {
    document.body.appendChild(this.containerEl);
    void this.onOpen();
  }

  close(): void {
    if (!this.containerEl.isConnected) return;
    this.containerEl.remove();
    this.onClose();
  }

  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }

  onOpen(): void | Promise<void> {}
  onClose(): void {}
}

abstract class BaseComponent {
  disabled = false;
  then(callback: (component: this) => unknown): this {
    callback(this);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
}

abstract class ValueComponent<T> extends BaseComponent {
  protected changeHandler: ((value: T) => unknown) | null = null;
  onChange(callback: (value: T) => unknown): this {
    this.changeHandler = callback;
    return this;
  }
  abstract getValue(): T;
  abstract setValue(value: T): this;
  /** Like Obsidian: the user's edit (an `input` or `change` event on the element) calls onChange. */
  protected listen(el: HTMLElement): void {
    const fire = () => void this.changeHandler?.(this.getValue());
    el.addEventListener('input', fire);
    el.addEventListener('change', fire);
  }
}

export class TextComponent extends ValueComponent<string> {
  inputEl: HTMLInputElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.inputEl = containerEl.createEl('input', { type: 'text' });
    this.listen(this.inputEl);
  }
  getValue(): string {
    return this.inputEl.value;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  setPlaceholder(placeholder: string): this {
    this.inputEl.placeholder = placeholder;
    return this;
  }
}

export class TextAreaComponent extends ValueComponent<string> {
  inputEl: HTMLTextAreaElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.inputEl = containerEl.createEl('textarea');
    this.listen(this.inputEl);
  }
  getValue(): string {
    return this.inputEl.value;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  setPlaceholder(placeholder: string): this {
    this.inputEl.placeholder = placeholder;
    return this;
  }
}

export class ToggleComponent extends ValueComponent<boolean> {
  toggleEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.toggleEl = containerEl.createDiv('checkbox-container');
    this.toggleEl.addEventListener('click', () => {
      this.setValue(!this.getValue());
      void this.changeHandler?.(this.getValue());
    });
  }
  getValue(): boolean {
    return this.toggleEl.hasClass('is-enabled');
  }
  setValue(on: boolean): this {
    this.toggleEl.toggleClass('is-enabled', on);
    return this;
  }
}

export class DropdownComponent extends ValueComponent<string> {
  selectEl: HTMLSelectElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.selectEl = containerEl.createEl('select', { cls: 'dropdown' });
    this.listen(this.selectEl);
  }
  addOption(value: string, display: string): this {
    this.selectEl.createEl('option', { value, text: display });
    return this;
  }
  addOptions(options: Record<string, string>): this {
    for (const [value, display] of Object.entries(options)) this.addOption(value, display);
    return this;
  }
  getValue(): string {
    return this.selectEl.value;
  }
  setValue(value: string): this {
    this.selectEl.value = value;
    return this;
  }
}

export class SliderComponent extends ValueComponent<number> {
  sliderEl: HTMLInputElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.sliderEl = containerEl.createEl('input', { type: 'range', cls: 'slider' });
    this.listen(this.sliderEl);
  }
  setLimits(min: number, max: number, step: number): this {
    Object.assign(this.sliderEl, { min: String(min), max: String(max), step: String(step) });
    return this;
  }
  setDynamicTooltip(): this {
    return this;
  }
  getValue(): number {
    return Number(this.sliderEl.value);
  }
  setValue(value: number): this {
    this.sliderEl.value = String(value);
    return this;
  }
}

export class ButtonComponent extends BaseComponent {
  buttonEl: HTMLButtonElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.buttonEl = containerEl.createEl('button');
  }
  setButtonText(text: string): this {
    this.buttonEl.setText(text);
    return this;
  }
  setCta(): this {
    this.buttonEl.addClass('mod-cta');
    return this;
  }
  setWarning(): this {
    this.buttonEl.addClass('mod-warning');
    return this;
  }
  override setDisabled(disabled: boolean): this {
    this.buttonEl.disabled = disabled;
    return super.setDisabled(disabled);
  }
  onClick(callback: (event: MouseEvent) => unknown): this {
    this.buttonEl.addEventListener('click', (event) => void callback(event));
    return this;
  }
}

/** Obsidian's secret picker: its value is the secret's name, never the secret. */
export class SecretComponent extends ValueComponent<string> {
  private value = '';
  constructor(
    readonly app: App,
    containerEl: HTMLElement,
  ) {
    super();
    containerEl.createDiv('secret-component');
  }
  getValue(): string {
    return this.value;
  }
  setValue(value: string): this {
    this.value = value;
    return this;
  }
}

export class Setting {
  settingEl: HTMLElement;
  infoEl: HTMLElement;
  nameEl: HTMLElement;
  descEl: HTMLElement;
  controlEl: HTMLElement;
  /** Test helper: the components added to this row, in order. */
  components: BaseComponent[] = [];

  constructor(containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv('setting-item');
    this.infoEl = this.settingEl.createDiv('setting-item-info');
    this.nameEl = this.infoEl.createDiv('setting-item-name');
    this.descEl = this.infoEl.createDiv('setting-item-description');
    this.controlEl = this.settingEl.createDiv('setting-item-control');
  }

  setName(name: string | DocumentFragment): this {
    this.nameEl.empty();
    if (typeof name === 'string') this.nameEl.setText(name);
    else this.nameEl.appendChild(name);
    return this;
  }

  setDesc(desc: string | DocumentFragment): this {
    this.descEl.empty();
    if (typeof desc === 'string') this.descEl.setText(desc);
    else this.descEl.appendChild(desc);
    return this;
  }

  setClass(cls: string): this {
    this.settingEl.addClass(cls);
    return this;
  }

  setHeading(): this {
    this.settingEl.addClass('setting-item-heading');
    return this;
  }

  addText(cb: (c: TextComponent) => unknown): this {
    return this.add(new TextComponent(this.controlEl), cb);
  }
  addTextArea(cb: (c: TextAreaComponent) => unknown): this {
    return this.add(new TextAreaComponent(this.controlEl), cb);
  }
  addToggle(cb: (c: ToggleComponent) => unknown): this {
    return this.add(new ToggleComponent(this.controlEl), cb);
  }
  addDropdown(cb: (c: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(this.controlEl), cb);
  }
  addSlider(cb: (c: SliderComponent) => unknown): this {
    return this.add(new SliderComponent(this.controlEl), cb);
  }
  addButton(cb: (c: ButtonComponent) => unknown): this {
    return this.add(new ButtonComponent(this.controlEl), cb);
  }
  addComponent<T extends BaseComponent>(cb: (el: HTMLElement) => T): this {
    this.components.push(cb(this.controlEl));
    return this;
  }

  private add<T extends BaseComponent>(component: T, cb: (c: T) => unknown): this {
    this.components.push(component);
    cb(component);
    return this;
  }
}

export abstract class PluginSettingTab {
  containerEl: HTMLElement;
  constructor(
    readonly app: App,
    readonly plugin: Plugin,
  ) {
    this.containerEl = createDiv('vertical-tab-content');
  }
  abstract display(): void;
  hide(): void {
    this.containerEl.empty();
  }
}
// ==== end of the Obsidian integration block ====

// ==== Related notes view and concept cards (src/ui/related, src/ui/cards): Menu, HoverPopover,
// editorInfoField. Follows obsidian.d.ts; test helpers are marked as such. ====
import { StateField } from '@codemirror/state';

export type PaneType = 'tab' | 'split' | 'window';

export class MenuItem {
  title = '';
  icon: string | null = null;
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
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
  onClick(handler: (evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.handler = handler;
    return this;
  }
  /** Test helper: what choosing the item does (nothing when disabled). */
  click(): void {
    if (!this.disabled) void this.handler?.(new MouseEvent('click'));
  }
}

export class Menu extends Component {
  /** Test helper: the menu shown last. */
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
  hide(): this {
    if (Menu.lastShown === this) Menu.lastShown = null;
    return this;
  }
}

export interface HoverParent {
  hoverPopover: HoverPopover | null;
}

/** Shows at once (no wait) in the document body; the app's popover waits `waitTime` first. */
export class HoverPopover extends Component {
  readonly hoverEl: HTMLElement;
  constructor(
    readonly parent: HoverParent,
    readonly targetEl: HTMLElement | null,
    readonly waitTime?: number,
  ) {
    super();
    parent.hoverPopover?.unload();
    parent.hoverPopover = this;
    this.hoverEl = createDiv('popover hover-popover');
    document.body.appendChild(this.hoverEl);
    this.load();
  }
  override onunload(): void {
    this.hoverEl.remove();
    if (this.parent.hoverPopover === this) this.parent.hoverPopover = null;
  }
}

/** The editor's file, as Obsidian exposes it to CodeMirror extensions. */
export const editorInfoField = StateField.define<{ file: TFile | null } | null>({
  create: () => null,
  update: (value) => value,
});
// ==== end of the related notes and cards block ====
