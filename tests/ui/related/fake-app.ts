/**
 * TEST HELPER: the slice of Obsidian's App the related view and the cards use, over a real
 * NotesEngine: a workspace that opens views from registered creators and records what was
 * opened, a vault whose files are the indexed notes, and a PluginContext around them.
 */
import { Events, Plugin, TFile, TFolder, WorkspaceLeaf, type View } from '../../stubs/obsidian';
import type { NotesEngine } from '../../../src/core/engine';
import type { PluginContext } from '../../../src/plugin-context';
import { DEFAULT_SETTINGS, type AskMyNotesSettings } from '../../../src/settings';

type ViewCreator = (leaf: WorkspaceLeaf) => View;

export class FakeLeaf extends WorkspaceLeaf {
  constructor(private readonly fake: FakeApp) {
    super(fake);
  }
  /** Creates the view from its registered creator and opens it, as the app does. */
  async setViewState(state: { type: string }): Promise<void> {
    const create = this.fake.viewCreators.get(state.type);
    if (!create) throw new Error(`no view registered for ${state.type}`);
    await this.open(create(this));
  }
}

export class FakeWorkspace extends Events {
  activeFile: TFile | null = null;
  activeView: View | null = null;
  recentLeaf: WorkspaceLeaf | null = null;
  readonly leaves: FakeLeaf[] = [];
  readonly opened: { linktext: string; sourcePath: string; newLeaf: unknown; state: unknown }[] = [];
  constructor(private readonly fake: FakeApp) {
    super();
  }
  getActiveFile(): TFile | null {
    return this.activeFile;
  }
  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.leaves.filter((l) => l.view?.getViewType() === type);
  }
  getRightLeaf(): WorkspaceLeaf {
    const leaf = new FakeLeaf(this.fake);
    this.leaves.push(leaf);
    return leaf;
  }
  async revealLeaf(): Promise<void> {}
  async openLinkText(linktext: string, sourcePath: string, newLeaf?: unknown, state?: unknown): Promise<void> {
    this.opened.push({ linktext, sourcePath, newLeaf, state });
  }
  getActiveViewOfType<T>(type: abstract new (...args: never[]) => T): T | null {
    return this.activeView instanceof type ? (this.activeView) : null;
  }
  getMostRecentLeaf(): WorkspaceLeaf | null {
    return this.recentLeaf;
  }
  /** Makes `path` the active note, as opening it does. */
  openNote(path: string | null): void {
    this.activeFile = path ? new TFile(path) : null;
    this.trigger('file-open', this.activeFile);
    this.trigger('active-leaf-change', null);
  }
}

export class FakeApp {
  readonly viewCreators = new Map<string, ViewCreator>();
  readonly workspace = new FakeWorkspace(this);
  readonly created: { path: string; text: string }[] = [];
  readonly vault = {
    getFileByPath: (path: string): TFile | null => (this.engine.note(path) || this.created.some((c) => c.path === path) ? new TFile(path) : null),
    create: async (path: string, text: string): Promise<TFile> => {
      if (this.vault.getFileByPath(path)) throw new Error(`File already exists: ${path}`);
      this.created.push({ path, text });
      return new TFile(path);
    },
  };
  readonly fileManager = {
    generateMarkdownLink: (file: TFile, _sourcePath: string): string => `[[${file.basename}]]`,
    getNewFileParent: (_sourcePath: string): TFolder => new TFolder(''),
  };
  constructor(readonly engine: NotesEngine) {}
}

export class TestPlugin extends Plugin {
  readonly hoverSources = new Map<string, { display: string; defaultMod: boolean }>();
  readonly ribbon: { icon: string; title: string; callback: () => unknown }[] = [];
  readonly editorExtensions: unknown[] = [];
  constructor(readonly fake: FakeApp) {
    super(fake, { id: 'ask-my-notes', name: 'Ask My Notes', version: '0.0.0' });
  }
  registerView(type: string, creator: ViewCreator): void {
    if (this.fake.viewCreators.has(type)) throw new Error(`view type ${type} registered twice`);
    this.fake.viewCreators.set(type, creator);
  }
  registerHoverLinkSource(id: string, info: { display: string; defaultMod: boolean }): void {
    this.hoverSources.set(id, info);
  }
  addRibbonIcon(icon: string, title: string, callback: () => unknown): HTMLElement {
    this.ribbon.push({ icon, title, callback });
    return createDiv();
  }
  registerEditorExtension(extension: unknown): void {
    this.editorExtensions.push(extension);
  }
  command(id: string): { id: string; name: string; callback?: () => unknown; editorCheckCallback?: (checking: boolean, editor: unknown, info: unknown) => boolean | void } {
    const found = this.commands.filter((c) => c.id === id);
    if (found.length !== 1) throw new Error(`command ${id} registered ${found.length} times`);
    return found[0] as never;
  }
}

export interface TestContext {
  app: FakeApp;
  plugin: TestPlugin;
  ctx: PluginContext;
  settingsChanges: Partial<AskMyNotesSettings>[];
}

export function testContext(engine: NotesEngine, settings: Partial<AskMyNotesSettings> = {}): TestContext {
  const app = new FakeApp(engine);
  const plugin = new TestPlugin(app);
  let current: AskMyNotesSettings = { ...DEFAULT_SETTINGS, ...settings };
  const listeners = new Set<(now: AskMyNotesSettings, before: AskMyNotesSettings) => void>();
  const settingsChanges: Partial<AskMyNotesSettings>[] = [];
  const ctx: PluginContext = {
    app: app as never,
    plugin: plugin as never,
    settings: () => current,
    updateSettings: async (patch) => {
      settingsChanges.push(patch);
      const before = current;
      current = { ...current, ...patch };
      for (const l of listeners) l(current, before);
    },
    onSettingsChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    engine,
    secrets: { get: () => null, set: () => undefined },
  };
  return { app, plugin, ctx, settingsChanges };
}

/** Lets pending promises and the view's short debounce run. */
export async function settle(ms = 80): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
