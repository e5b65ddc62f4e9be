/** `App`, its command registry and secret storage, and `Plugin` with everything it registers. */
import type { Extension } from '@codemirror/state';
import { Component, Events } from './events';
import { reportError } from './errors';
import { PagePreview, type HoverLinkSource } from './hover';
import { MetadataCache } from './metadata';
import { codeBlockProcessors, postProcessors, type MarkdownPostProcessorContext } from './render';
import { SettingsModal, type PluginSettingTab } from './settings-ui';
import { setIcon } from './ui';
import { normalizePath } from './util';
import { MarkdownView, type View } from './views';
import { FileManager, Vault } from './vault';
import { Workspace, type WorkspaceLeaf } from './workspace';
import type { Editor } from './editor';

export interface Command {
  id: string;
  name: string;
  icon?: string;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
  editorCallback?: (editor: Editor, ctx: MarkdownView) => unknown;
  editorCheckCallback?: (checking: boolean, editor: Editor, ctx: MarkdownView) => boolean | void;
  hotkeys?: unknown[];
}

/** `app.commands` (not public API in Obsidian, but what `executeCommandById` lives on). */
export class Commands {
  commands: Record<string, Command> = {};
  constructor(private app: App) {}

  addCommand(command: Command): void {
    this.commands[command.id] = command;
  }
  removeCommand(id: string): void {
    delete this.commands[id];
  }
  findCommand(id: string): Command | undefined {
    return this.commands[id];
  }
  listCommands(): Command[] {
    return Object.values(this.commands);
  }
  executeCommandById(id: string): boolean {
    const command = this.commands[id];
    return command ? this.executeCommand(command) : false;
  }
  /** Returns false, without running it, when the command is unavailable in the current state. */
  executeCommand(command: Command): boolean {
    const view = this.app.workspace.activeEditor;
    if (command.editorCheckCallback) {
      if (!view || !command.editorCheckCallback(true, view.editor, view)) return false;
      command.editorCheckCallback(false, view.editor, view);
      return true;
    }
    if (command.editorCallback) {
      if (!view) return false;
      void Promise.resolve(command.editorCallback(view.editor, view)).catch((e: unknown) => reportError(`command ${command.id}`, e));
      return true;
    }
    if (command.checkCallback) {
      if (!command.checkCallback(true)) return false;
      command.checkCallback(false);
      return true;
    }
    if (command.callback) {
      void Promise.resolve(command.callback()).catch((e: unknown) => reportError(`command ${command.id}`, e));
      return true;
    }
    return false;
  }
}

/** Obsidian keeps secrets per device, outside the vault; the host keeps them in localStorage. */
export class SecretStorage extends Events {
  private key = 'e2e-host-secrets';
  private read(): Record<string, string> {
    return JSON.parse(localStorage.getItem(this.key) ?? '{}') as Record<string, string>;
  }
  setSecret(id: string, secret: string): void {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`Invalid secret id "${id}": use lowercase letters, digits and dashes.`);
    localStorage.setItem(this.key, JSON.stringify({ ...this.read(), [id]: secret }));
  }
  getSecret(id: string): string | null {
    return this.read()[id] ?? null;
  }
  listSecrets(): string[] {
    return Object.keys(this.read());
  }
}

export class App {
  vault: Vault;
  workspace: Workspace;
  metadataCache: MetadataCache;
  fileManager: FileManager;
  secretStorage = new SecretStorage();
  commands = new Commands(this);
  setting = new SettingsModal();
  pagePreview: PagePreview;
  statusBarEl: HTMLElement;
  plugins: { plugins: Record<string, Plugin>; enabledPlugins: Set<string> } = { plugins: {}, enabledPlugins: new Set() };
  keymap = {};
  scope = null;
  lastEvent: UIEvent | null = null;

  constructor(root: HTMLElement) {
    const main = root.createDiv('horizontal-main-container');
    this.vault = new Vault();
    this.metadataCache = new MetadataCache(this.vault);
    this.fileManager = new FileManager(this.vault);
    this.workspace = new Workspace(this, main);
    this.statusBarEl = root.createDiv('status-bar');
    this.pagePreview = new PagePreview(this);
    for (const type of ['mousedown', 'keydown']) window.addEventListener(type, (e) => (this.lastEvent = e as UIEvent), true);
  }

  loadLocalStorage(key: string): unknown {
    const v = localStorage.getItem(`e2e-vault-${key}`);
    return v === null ? null : (JSON.parse(v) as unknown);
  }
  saveLocalStorage(key: string, data: unknown): void {
    if (data === null || data === undefined) localStorage.removeItem(`e2e-vault-${key}`);
    else localStorage.setItem(`e2e-vault-${key}`, JSON.stringify(data));
  }
}

export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  minAppVersion: string;
  author?: string;
  description?: string;
  dir?: string;
  isDesktopOnly?: boolean;
}

type PostProcessor = ((el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void) & { sortOrder?: number };

export class Plugin extends Component {
  app: App;
  manifest: PluginManifest;

  constructor(app: App, manifest: PluginManifest) {
    super();
    this.app = app;
    this.manifest = manifest;
  }

  /** Obsidian awaits an async onload before it considers the plugin enabled. */
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the boot awaits it; Component.load stays sync for views
  override async load(): Promise<void> {
    if (this._loaded) return;
    this._loaded = true;
    await (this.onload() as unknown as Promise<void> | void);
  }

  private get dataPath(): string {
    return normalizePath(`${this.manifest.dir}/data.json`);
  }
  async loadData(): Promise<unknown> {
    const adapter = this.app.vault.adapter;
    return (await adapter.exists(this.dataPath)) ? (JSON.parse(await adapter.read(this.dataPath)) as unknown) : null;
  }
  async saveData(data: unknown): Promise<void> {
    await this.app.vault.adapter.write(this.dataPath, JSON.stringify(data, null, 2));
  }
  onExternalSettingsChange(): void {}

  addCommand(command: Command): Command {
    command.id = `${this.manifest.id}:${command.id}`;
    command.name = `${this.manifest.name}: ${command.name}`;
    this.app.commands.addCommand(command);
    this.register(() => this.app.commands.removeCommand(command.id));
    return command;
  }
  removeCommand(commandId: string): void {
    this.app.commands.removeCommand(`${this.manifest.id}:${commandId}`);
  }

  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.app.workspace.leftRibbonEl.createDiv({ cls: 'clickable-icon side-dock-ribbon-action', attr: { 'aria-label': title, 'data-tooltip-position': 'right' } });
    setIcon(el, icon);
    el.addEventListener('click', (evt) => callback(evt));
    this.register(() => el.detach());
    return el;
  }
  addStatusBarItem(): HTMLElement {
    const el = this.app.statusBarEl.createDiv(`status-bar-item plugin-${this.manifest.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`);
    this.register(() => el.detach());
    return el;
  }
  addSettingTab(tab: PluginSettingTab): void {
    this.app.setting.addSettingTab(tab);
    this.register(() => this.app.setting.removeSettingTab(tab));
  }

  /** On unload Obsidian detaches the plugin's leaves as well as forgetting the type. */
  registerView(type: string, viewCreator: (leaf: WorkspaceLeaf) => View): void {
    const registry = this.app.workspace.viewRegistry;
    if (registry.has(type)) throw new Error(`Attempting to register an existing view type "${type}"`);
    registry.set(type, viewCreator);
    this.register(() => {
      this.app.workspace.detachLeavesOfType(type);
      registry.delete(type);
    });
  }
  registerExtensions(_extensions: string[], _viewType: string): void {}

  registerHoverLinkSource(id: string, info: HoverLinkSource): void {
    this.app.pagePreview.sources.set(id, info);
    this.register(() => this.app.pagePreview.sources.delete(id));
  }

  registerEditorExtension(extension: Extension): void {
    const ws = this.app.workspace;
    ws.editorExtensions.push(extension);
    ws.updateOptions();
    this.register(() => {
      ws.editorExtensions.remove(extension);
      ws.updateOptions();
    });
  }

  registerMarkdownPostProcessor(postProcessor: PostProcessor, sortOrder?: number): PostProcessor {
    if (sortOrder !== undefined) postProcessor.sortOrder = sortOrder;
    postProcessors.push(postProcessor);
    this.register(() => postProcessors.remove(postProcessor));
    return postProcessor;
  }
  registerMarkdownCodeBlockProcessor(language: string, handler: (source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void): void {
    codeBlockProcessors.set(language, handler);
    this.register(() => codeBlockProcessors.delete(language));
  }
  registerObsidianProtocolHandler(_action: string, _handler: (params: unknown) => unknown): void {}
}

export { MarkdownView };
