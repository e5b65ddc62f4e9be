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
