/**
 * The parts of Obsidian's App, Workspace and Plugin the ask panel touches, over the stub's leaves
 * and views: enough to open the panel in the right sidebar, open notes at a line and insert into
 * an editor, and to record what happened.
 */
import type { App } from 'obsidian';
import { Events, MarkdownView, Plugin, TFile, WorkspaceLeaf, type View } from '../../stubs/obsidian';
import type { NotesEngine } from '../../../src/core/engine';
import type { PluginContext } from '../../../src/plugin-context';
import { DEFAULT_SETTINGS, type AskMyNotesSettings } from '../../../src/settings';

type ViewCreator = (leaf: WorkspaceLeaf) => View;

export class TestPlugin extends Plugin {
  readonly views = new Map<string, ViewCreator>();
  readonly ribbon: { icon: string; title: string; click: () => unknown }[] = [];
  readonly hoverSources = new Map<string, { display: string; defaultMod: boolean }>();
  /** What Obsidian's Plugin does with these, recorded. */
  registerView(type: string, creator: ViewCreator): void {
    this.views.set(type, creator);
  }
  addRibbonIcon(icon: string, title: string, click: () => unknown): HTMLElement {
    this.ribbon.push({ icon, title, click });
    return createDiv();
  }
  registerHoverLinkSource(id: string, info: { display: string; defaultMod: boolean }): void {
    this.hoverSources.set(id, info);
  }
}

class SidebarLeaf extends WorkspaceLeaf {
  constructor(app: unknown, private readonly plugin: TestPlugin) {
    super(app);
  }
  async setViewState(state: { type: string }): Promise<void> {
    const creator = this.plugin.views.get(state.type);
    if (!creator) throw new Error(`No view registered for ${state.type}`);
    await this.open(creator(this));
  }
}

export class TestWorkspace extends Events {
  readonly rightLeaves: SidebarLeaf[] = [];
  /** The main area: one leaf showing a note in the editor, or nothing. */
  mainLeaf: WorkspaceLeaf;
  activeFile: TFile | null = null;
  readonly hovers: { linktext: string; source: string }[] = [];

  constructor(private readonly app: unknown, private readonly plugin: TestPlugin) {
    super();
    this.mainLeaf = new WorkspaceLeaf(app);
    this.on('hover-link', (info) => void this.hovers.push(info as { linktext: string; source: string }));
  }
  getActiveFile(): TFile | null {
    return this.activeFile;
  }
  getRightLeaf(): WorkspaceLeaf {
    const leaf = new SidebarLeaf(this.app, this.plugin);
    this.rightLeaves.push(leaf);
    return leaf;
  }
  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return [...this.rightLeaves, this.mainLeaf].filter((l) => l.view?.getViewType() === type);
  }
  revealLeaf(): Promise<void> {
    return Promise.resolve();
  }
  getMostRecentLeaf(): WorkspaceLeaf {
    return this.mainLeaf;
  }
  getLeaf(): WorkspaceLeaf {
    return this.mainLeaf;
  }
  /** Test helper: a note open in the editor, with its text. */
  async openNote(path: string, text: string): Promise<MarkdownView> {
    const file = new TFile(path);
    const view = new MarkdownView(this.mainLeaf, file, text);
    await this.mainLeaf.open(view);
    this.activeFile = file;
    return view;
  }
}

export interface TestSetup {
  app: App;
  workspace: TestWorkspace;
  plugin: TestPlugin;
  ctx: PluginContext;
}

export function testSetup(engine: NotesEngine, settings: Partial<AskMyNotesSettings> = {}): TestSetup {
  const app = {} as { vault: unknown; metadataCache: unknown; workspace: TestWorkspace };
  const plugin = new TestPlugin(app, { id: 'ask-my-notes', name: 'Ask My Notes', version: '0.1.0' });
  const workspace = new TestWorkspace(app, plugin);
  app.workspace = workspace;
  app.vault = { getFileByPath: (path: string) => (engine.note(path) ? new TFile(path) : null) };
  app.metadataCache = { fileToLinktext: (file: TFile) => file.basename };
  const current = { ...DEFAULT_SETTINGS, ...settings };
  const ctx: PluginContext = {
    app: app as unknown as App,
    plugin: plugin as unknown as PluginContext['plugin'],
    settings: () => current,
    updateSettings: (patch) => {
      Object.assign(current, patch);
      return Promise.resolve();
    },
    onSettingsChange: () => () => undefined,
    engine,
    secrets: { get: () => null, set: () => undefined },
  };
  plugin.load();
  return { app: app as unknown as App, workspace, plugin, ctx };
}
