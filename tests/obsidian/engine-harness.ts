/**
 * A PluginEngine in a fake app: the stub's in-memory Vault and Workspace, fake-indexeddb, and
 * an embedder factory the test scripts (succeed with a FakeEmbedder, fail, report download
 * progress, or wait until released).
 */
import { IDBFactory } from 'fake-indexeddb';
import type { App as ObsidianApp } from 'obsidian';
import { App, Component, Plugin, Vault } from '../stubs/obsidian';
import { vi } from 'vitest';
import { createExclusionFilter } from '../../src/core/index/exclusions';
import type { DownloadProgress } from '../../src/core/embedding/download-progress';
import { embedderReady, noEmbedder, type EmbedderResult } from '../../src/core/embedding/embedder-result';
import type { EmbedderFactory, EmbedderRequest } from '../../src/obsidian/embedder-factory';
import { PluginEngine } from '../../src/obsidian/plugin-engine';
import { migrateSettings, type AskMyNotesSettings } from '../../src/settings';
import { CollectingLogger } from '../helpers/collecting-logger';
import { FakeEmbedder } from '../helpers/fake-embedder';

/** What the next `create` call does. */
export type ModelScript =
  | { kind: 'ready'; embedder?: FakeEmbedder }
  | { kind: 'fail'; reason: string }
  | { kind: 'download'; steps: DownloadProgress[]; then?: Promise<void>; embedder?: FakeEmbedder };

export class ScriptedEmbedders implements EmbedderFactory {
  readonly requests: EmbedderRequest[] = [];
  readonly created: FakeEmbedder[] = [];
  readonly disposed: FakeEmbedder[] = [];
  /** Scripts for the next calls; when empty, every call succeeds with a fresh FakeEmbedder. */
  readonly scripts: ModelScript[] = [];
  stored = new Set<string>();

  async create(request: EmbedderRequest): Promise<EmbedderResult> {
    this.requests.push(request);
    const script = this.scripts.shift() ?? { kind: 'ready' };
    if (script.kind === 'fail') return noEmbedder(script.reason);
    if (script.kind === 'download') {
      for (const step of script.steps) request.onDownloadProgress(step);
      await script.then;
    }
    const embedder = script.embedder ?? new FakeEmbedder(16, request.settings.modelId);
    const dispose = embedder.dispose.bind(embedder);
    embedder.dispose = () => {
      this.disposed.push(embedder);
      return dispose();
    };
    this.created.push(embedder);
    this.stored.add(request.settings.modelId);
    return embedderReady(embedder, 'test');
  }

  isStored(modelId: string): Promise<boolean> {
    return Promise.resolve(this.stored.has(modelId));
  }
}

export interface EngineHarnessOptions {
  files?: Record<string, string>;
  settings?: Partial<AskMyNotesSettings>;
  /** Shared between harnesses to simulate a restart; null for "no IndexedDB". */
  indexedDB?: IDBFactory | null;
  embedders?: ScriptedEmbedders;
  vault?: Vault;
  /** Indexer tuning on top of the harness defaults (short debounce and flush interval). */
  indexer?: ConstructorParameters<typeof PluginEngine>[0]['indexer'];
}

export class EngineHarness {
  readonly app: App;
  readonly vault: Vault;
  readonly plugin: Plugin;
  readonly embedders: ScriptedEmbedders;
  readonly logger = new CollectingLogger();
  readonly indexedDB: IDBFactory | null;
  readonly engine: PluginEngine;
  settingsValue: AskMyNotesSettings;
  readonly secrets = new Map<string, string>();

  constructor(options: EngineHarnessOptions = {}) {
    this.vault = options.vault ?? new Vault().seed(options.files ?? {});
    this.app = new App(this.vault);
    this.plugin = new Plugin(this.app, { id: 'ask-my-notes', name: 'Ask My Notes', version: '0.0.0' });
    this.embedders = options.embedders ?? new ScriptedEmbedders();
    this.indexedDB = options.indexedDB === undefined ? new IDBFactory() : options.indexedDB;
    this.settingsValue = migrateSettings(options.settings ?? {});
    this.engine = new PluginEngine({
      app: this.app as unknown as ObsidianApp,
      settings: () => this.settingsValue,
      secret: (name) => this.secrets.get(name) ?? null,
      embedders: this.embedders,
      indexedDB: this.indexedDB,
      logger: this.logger,
      indexer: { debounceMs: 10, flushEveryMs: 50, ...options.indexer },
    });
    this.plugin.load();
    this.plugin.addChild(this.engine as unknown as Component);
  }

  /** The app's layout-ready moment: what main.ts hooks `engine.start()` to. */
  async layoutReady(): Promise<void> {
    this.app.workspace.onLayoutReady(() => void this.engine.start());
    this.app.workspace.setLayoutReady();
    await this.engine.whenReady();
  }

  /** Waits until nothing is pending: model settled, no run, every chunk with a vector (if a model is ready). */
  async settled(): Promise<void> {
    await vi.waitFor(
      async () => {
        const snapshot = this.engine.snapshot();
        if (snapshot.model.kind === 'loading' || snapshot.model.kind === 'downloading') throw new Error(`model ${snapshot.model.kind}`);
        if (snapshot.indexing) throw new Error(`still ${snapshot.indexing.phase}`);
        const indexer = this.engine.indexer();
        if (!indexer) throw new Error('no indexer');
        await indexer.whenIdle();
        const status = await this.engine.status();
        if (!status || status.state !== 'idle' || status.pending > 0) throw new Error('indexer busy');
        const excluded = createExclusionFilter({ patterns: this.settingsValue.excludePatterns });
        const notes = this.vault.getMarkdownFiles().filter((f) => !excluded(f.path)).length;
        if (status.notesIndexed + status.skipped.filter((n) => n.reason !== 'excluded').length + status.failed.length < notes) throw new Error(`${status.notesIndexed} of ${notes} notes`);
        if (snapshot.model.kind === 'ready' && status.vectorsStored < status.chunksIndexed) throw new Error('vectors missing');
      },
      { timeout: 20_000, interval: 20 },
    );
  }

  async unload(): Promise<void> {
    this.plugin.unload();
    await this.engine.whenClosed();
  }

  async update(patch: Partial<AskMyNotesSettings>): Promise<void> {
    this.settingsValue = migrateSettings({ ...this.settingsValue, ...patch });
    return Promise.resolve();
  }
}

/** `count` notes in `folder`, each linking to the next and sharing a few words. */
export function notes(count: number, folder = 'notes'): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const id = String(i).padStart(3, '0');
    files[`${folder}/${id}.md`] = `# Note ${id}\n\nThis note talks about topic${i % 5} and gardening ${id}.\n\nSee [[${String((i + 1) % count).padStart(3, '0')}]].\n`;
  }
  return files;
}
