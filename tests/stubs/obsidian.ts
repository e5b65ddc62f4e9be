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
