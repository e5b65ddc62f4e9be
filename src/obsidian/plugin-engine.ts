/**
 * The NotesEngine inside Obsidian: the index in IndexedDB, kept in step with the vault's
 * events, and the embedding model's lifecycle (load, first-use download, failure, retry,
 * switch). Construction does nothing; `start()` runs after layout-ready. The stored index
 * opens first, so keyword search works at once; the model loads beside it, and until it is
 * ready new text is indexed for keyword search only (it is embedded when the model arrives).
 * Every change of the index set-up (reopen, rebuild, cancel) runs one at a time; syncs run
 * outside that lock and are stopped through their AbortSignal.
 */
import { Component, type App } from 'obsidian';
import { errorMessage, noEmbedder, type EmbedderResult } from '../core/embedding/embedder-result';
import type { DownloadProgress } from '../core/embedding/download-progress';
import type { EngineSnapshot, ModelState, NotesEngine } from '../core/engine';
import { LinkGraph } from '../core/graph/link-graph';
import type { IndexState } from '../core/index/index-state';
import { Indexer } from '../core/index/indexer';
import type { IndexerOptions } from '../core/index/indexer-options';
import { createNoteProcessor } from '../core/index/note-processor';
import type { Timers } from '../core/index/timers';
import type { IndexProgress, IndexStatus, LoadReport, NoteRecord, SyncReport, VaultEvent } from '../core/index/types';
import type { Embedder, Generator, HttpClient, Logger } from '../core/ports';
import { Searcher } from '../core/search/searcher';
import type { AskMyNotesSettings } from '../settings';
import { ChangeEmitter } from './change-emitter';
import type { EmbedderFactory } from './embedder-factory';
import { appliedConfig, configuredModelName, pendingChanges, processorVersionFor, type AppliedConfig, type PendingChange } from './engine-config';
import { obsidianExclusions } from './excluded-files';
import { LlmGeneratorCache } from './llm-generator';
import { LlmHttpClient } from './llm-http';
import { consoleLogger } from './logger';
import { indexPriority } from './index-priority';
import { cachingResolver, obsidianLinkResolver, type CachingResolver } from './obsidian-link-resolver';
import { openIndexStorage, windowIndexedDB, type OpenedStorage } from './open-index-storage';
import { createEvent, deleteEvent, modifyEvent, renameEvent } from './vault-events';
import { vaultStorageId } from './vault-id';
import { VaultNoteSource } from './vault-note-source';
import { windowTimers } from './window-timers';
import { yieldToMain } from './yield-to-main';

/** Things the user should hear about once, as a Notice (see ui/notices.ts). */
export type EngineAlert =
  | { kind: 'model-unavailable'; modelId: string; reason: string }
  | { kind: 'storage-memory'; reason: string }
  | { kind: 'index-rebuilt'; reason: string }
  | { kind: 'index-partial'; reason: string }
  | { kind: 'start-failed'; reason: string };

export interface PluginEngineSnapshot extends EngineSnapshot {
  /** False until layout-ready has started the engine. */
  started: boolean;
  /** Where the index lives; `memory` when IndexedDB could not be opened (nothing persists). */
  storage: 'indexeddb' | 'memory' | null;
  /** The user stopped indexing; the rest waits for "Re-index changed notes". */
  stopped: boolean;
}

export interface ModelDetails {
  modelId: string;
  backend: string;
  dims: number;
  maxTokens: number;
}

/** What the indexing commands, status bar and modals need beyond NotesEngine. */
export interface IndexControl {
  snapshot(): PluginEngineSnapshot;
  onChange(listener: (snapshot: PluginEngineSnapshot) => void): () => void;
  status(): Promise<IndexStatus | null>;
  modelDetails(): ModelDetails | null;
  lastSyncReport(): SyncReport | null;
  pendingChanges(): PendingChange[];
  isModelStored(modelId: string): Promise<boolean>;
  reindexChanged(): Promise<void>;
  rebuild(): Promise<void>;
  cancel(): Promise<void>;
  retryModel(): Promise<void>;
  switchModel(): Promise<void>;
  applySettings(): Promise<void>;
}

export interface PluginEngineOptions {
  app: App;
  settings: () => AskMyNotesSettings;
  /** Reads a secret by name from Obsidian's SecretStorage. */
  secret: (name: string) => string | null;
  embedders: EmbedderFactory;
  /** IndexedDB for the index; null when there is none. Default: the window's. */
  indexedDB?: IDBFactory | null;
  logger?: Logger;
  timers?: Timers;
  /** HttpClient for the answer LLM (default: fetch streaming with a requestUrl fallback). */
  llmHttp?: HttpClient;
  /** Indexer tuning (tests shorten the debounce). */
  indexer?: Partial<Pick<IndexerOptions, 'debounceMs' | 'embedBatchSize' | 'embedGroupSize' | 'flushEveryNotes' | 'flushEveryMs' | 'yieldToEventLoop'>>;
}

export class PluginEngine extends Component implements NotesEngine, IndexControl {
  private readonly logger: Logger;
  private readonly timers: Timers;
  private readonly emitter: ChangeEmitter<PluginEngineSnapshot>;
  private readonly alertListeners = new Set<(alert: EngineAlert) => void>();
  private readonly resolver: CachingResolver;
  private readonly generators: LlmGeneratorCache;

  private opened: OpenedStorage | null = null;
  private indexerRef: Indexer | null = null;
  private searcherRef: Searcher | null = null;
  private embedderRef: Embedder | null = null;
  private model: ModelState = { kind: 'idle' };
  private progress: IndexProgress | null = null;
  private lastReport: SyncReport | null = null;
  private startError: string | undefined;
  private applied: AppliedConfig;
  private started = false;
  private disposed = false;
  private stopped = false;
  private reopening = false;
  /**
   * Work was asked for and its run has not reported yet: the snapshot shows it as loading, so
   * the status never flashes "Notes indexed" between a reopen and the sync that follows.
   */
  private busy = false;
  /** The latest run asked for: only its end may clear `busy` (an older run ending says nothing). */
  private runToken = 0;
  /** A rebuild the user asked for (model switch, "Rebuild") is not news worth a Notice. */
  private quietLoad = false;
  /** The active note, indexed first once the running sync has queued it. */
  private priorityPath: string | null = null;
  /** The last active note: it and its neighbours are indexed before the rest in every pass. */
  private activePath: string | null = null;
  /** The state whose keyword index the priority list waits for (its keyword neighbours). */
  private priorityState: IndexState | null = null;
  private readonly buffered: VaultEvent[] = [];
  private exclusive: Promise<void> = Promise.resolve();
  private modelLoad: AbortController | null = null;
  private syncControl = new AbortController();
  private closing: Promise<void> | null = null;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private graphCache: { revision: number; graph: LinkGraph } | null = null;
  // The index state is replaced on reopen and model switch, and its revision restarts: the
  // engine's revision adds an offset so it only ever moves forward.
  private revisionState: IndexState | null = null;
  private revisionOffset = 0;
  private lastRevision = 0;

  constructor(private readonly options: PluginEngineOptions) {
    super();
    this.logger = options.logger ?? consoleLogger;
    this.timers = options.timers ?? windowTimers;
    this.applied = appliedConfig(options.settings());
    this.resolver = cachingResolver(obsidianLinkResolver(options.app.metadataCache));
    this.generators = new LlmGeneratorCache(options.llmHttp ?? new LlmHttpClient(), options.secret);
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    this.emitter = new ChangeEmitter(() => this.snapshot(), significantChange, this.timers, this.logger);
  }

  override onload(): void {
    // Unload cancels the work, commits what was done, closes the index and stops the workers.
    this.register(() => {
      this.closing ??= this.shutdown();
    });
  }

  /** Opens the index, starts the model and the first sync. Call once the layout is ready. */
  async start(): Promise<void> {
    if (this.started || this.disposed) return;
    this.started = true;
    const { app } = this.options;
    this.model = { kind: 'loading', modelId: configuredModelName(this.options.settings()) };
    try {
      this.opened = await openIndexStorage(vaultStorageId(app), this.options.indexedDB === undefined ? windowIndexedDB() : this.options.indexedDB);
      if (this.opened.kind === 'memory') {
        this.logger.warn(`IndexedDB unavailable (${this.opened.reason}); the index is kept in memory for this session`);
        this.alert({ kind: 'storage-memory', reason: this.opened.reason });
      }
      await this.runExclusive(() => this.openIndexer());
    } catch (error) {
      this.startError = `The index could not be opened: ${errorMessage(error)}`;
      this.logger.error(this.startError, error);
      this.alert({ kind: 'start-failed', reason: this.startError });
      this.resolveReady();
      this.emitter.changed();
      return;
    }
    if (this.disposed) return;
    this.registerAppEvents();
    this.resolveReady();
    this.emitter.changed();
    void this.loadModel(false);
    this.startSync();
    const active = app.workspace.getActiveFile();
    if (active) this.prioritize(active.path);
  }

  // ---- NotesEngine ----

  snapshot(): PluginEngineSnapshot {
    const snapshot: PluginEngineSnapshot = {
      revision: this.revision(),
      model: this.model,
      indexing: this.progress ?? (this.busy ? STARTING : null),
      indexReady: this.indexerRef !== null,
      started: this.started,
      storage: this.opened?.kind ?? null,
      stopped: this.stopped,
    };
    if (this.startError !== undefined) snapshot.error = this.startError;
    return snapshot;
  }

  onChange(listener: (snapshot: PluginEngineSnapshot) => void): () => void {
    return this.emitter.subscribe(listener);
  }

  onAlert(listener: (alert: EngineAlert) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  indexer(): Indexer | null {
    return this.indexerRef;
  }

  searcher(): Searcher | null {
    return this.searcherRef;
  }

  graph(): LinkGraph {
    const revision = this.revision();
    if (this.graphCache?.revision === revision) return this.graphCache.graph;
    const notes = this.indexerRef ? [...this.indexerRef.state.notes()] : [];
    const graph = new LinkGraph(notes.map((n) => ({ path: n.path, links: n.meta.links })), this.resolver.resolve);
    this.graphCache = { revision, graph };
    return graph;
  }

  resolveLink(linkpath: string, sourcePath: string): string | null {
    return this.resolver.resolve(linkpath, sourcePath);
  }

  note(path: string): NoteRecord | undefined {
    return this.indexerRef?.state.note(path);
  }

  generator(): Generator | null {
    return this.generators.get(this.options.settings());
  }

  prioritize(path: string): void {
    this.priorityPath = path;
    this.activePath = path;
    this.indexerRef?.prioritize(path);
    this.updatePriority();
  }

  status(): Promise<IndexStatus | null> {
    return this.indexerRef ? this.indexerRef.status() : Promise.resolve(null);
  }

  // ---- IndexControl ----

  modelDetails(): ModelDetails | null {
    const embedder = this.embedderRef;
    if (!embedder || this.model.kind !== 'ready') return null;
    return { modelId: embedder.info.modelId, backend: this.model.backend, dims: embedder.info.dims, maxTokens: embedder.info.maxTokens };
  }

  lastSyncReport(): SyncReport | null {
    return this.lastReport;
  }

  pendingChanges(): PendingChange[] {
    return this.started ? pendingChanges(this.applied, this.options.settings()) : [];
  }

  isModelStored(modelId: string): Promise<boolean> {
    return this.options.embedders.isStored(modelId);
  }

  /** Applies changed exclusions or chunk size, then indexes what changed since the last run. */
  async reindexChanged(): Promise<void> {
    if (!this.indexerRef) return;
    const now = appliedConfig(this.options.settings());
    if (now.processorVersion !== this.applied.processorVersion || now.exclusions !== this.applied.exclusions) {
      this.stopSyncs();
      this.busy = true;
      await this.runExclusive(() => this.reopenIndexer(false));
    }
    this.startSync();
  }

  /** Discards the stored index and indexes the vault again with the current settings. */
  async rebuild(): Promise<void> {
    if (!this.indexerRef) return;
    this.stopSyncs();
    this.quietLoad = true;
    this.busy = true;
    await this.runExclusive(() => this.reopenIndexer(true));
    const now = appliedConfig(this.options.settings());
    if (now.model !== this.applied.model || now.modelOptions !== this.applied.modelOptions || this.model.kind === 'unavailable') {
      void this.loadModel(true);
    }
    this.startSync();
  }

  /** Stops the running indexing; what was done stays, the rest waits for "Re-index changed notes". */
  async cancel(): Promise<void> {
    if (!this.indexerRef) return;
    this.stopSyncs();
    this.stopped = true;
    // A cancelled sync leaves its remaining notes queued, and the indexer would carry on with
    // them in the background; reopening drops the queue (committed work stays).
    await this.runExclusive(() => this.reopenIndexer(false));
    this.busy = false;
    this.emitter.changed();
  }

  retryModel(): Promise<void> {
    return this.loadModel(true);
  }

  /** Loads the model the settings name now; a different model rebuilds the index. */
  switchModel(): Promise<void> {
    return this.loadModel(true);
  }

  /** Applies every pending settings change (see pendingChanges). */
  async applySettings(): Promise<void> {
    const changes = this.pendingChanges();
    if (changes.some((c) => c.kind === 'chunking' || c.kind === 'exclusions')) await this.reindexChanged();
    if (changes.some((c) => c.kind === 'model' || c.kind === 'model-options')) await this.loadModel(true);
  }

  /** Resolves once unload has committed the index and stopped the workers. */
  whenClosed(): Promise<void> {
    return this.closing ?? Promise.resolve();
  }

  // ---- internals ----

  private async openIndexer(): Promise<void> {
    const settings = this.options.settings();
    const opened = this.opened;
    if (!opened) throw new Error('no index storage');
    const processorVersion = processorVersionFor(settings);
    const indexer = await Indexer.open({
      source: new VaultNoteSource(this.options.app.vault),
      storage: opened.storage,
      processor: createNoteProcessor({ tokenBudget: settings.chunkTokenBudget }),
      processorVersion,
      embedder: this.embedderRef,
      exclusions: { patterns: settings.excludePatterns, isExcluded: obsidianExclusions(this.options.app) },
      logger: this.logger,
      timers: this.timers,
      yieldToEventLoop: yieldToMain,
      ...this.options.indexer,
    });
    const now = appliedConfig(settings);
    this.applied = { ...this.applied, processorVersion: now.processorVersion, exclusions: now.exclusions };
    indexer.onProgress((progress) => this.onProgress(indexer, progress));
    this.indexerRef = indexer;
    this.searcherRef = new Searcher(indexer);
    this.progress = null;
    this.noteState(indexer);
    this.updatePriority();
    for (const event of this.buffered.splice(0)) indexer.notify(event);
    this.emitter.changed();
  }

  /**
   * The standing priority list: the active note and its neighbours, embedded before the rest
   * in every pass (see index-priority.ts). Recomputed for a new state once its keyword index
   * is ready, which adds the keyword neighbours.
   */
  private updatePriority(): void {
    const indexer = this.indexerRef;
    if (!indexer || this.activePath === null || this.disposed) return;
    indexer.setPriority(indexPriority(this.options.app.metadataCache, indexer.state, this.activePath));
    const state = indexer.state;
    if (this.priorityState !== state) {
      this.priorityState = state;
      indexer.lexicalReady.then(
        () => {
          if (this.indexerRef === indexer && indexer.state === state) this.updatePriority();
        },
        () => undefined, // a keyword index that failed to load is reported where it is awaited
      );
    }
  }

  private async reopenIndexer(clear: boolean): Promise<void> {
    const old = this.indexerRef;
    this.reopening = true;
    try {
      if (old) await old.close();
      if (clear) await this.opened?.storage.clear();
      if (this.disposed) return;
      await this.openIndexer();
    } catch (error) {
      this.startError = `The index could not be reopened: ${errorMessage(error)}`;
      this.logger.error(this.startError, error);
      this.alert({ kind: 'start-failed', reason: this.startError });
    } finally {
      this.reopening = false;
    }
  }

  private registerAppEvents(): void {
    const { vault, workspace } = this.options.app;
    // Creating, deleting or renaming any file (attachments too) can change where links point.
    const filesChanged = (): void => {
      this.resolver.clear();
      this.graphCache = null;
    };
    this.registerEvent(vault.on('create', (file) => {
      filesChanged();
      this.notify(createEvent(file));
    }));
    this.registerEvent(vault.on('modify', (file) => this.notify(modifyEvent(file))));
    this.registerEvent(vault.on('delete', (file) => {
      filesChanged();
      this.notify(deleteEvent(file));
    }));
    this.registerEvent(vault.on('rename', (file, oldPath) => {
      filesChanged();
      this.notify(renameEvent(file, oldPath));
    }));
    this.registerEvent(workspace.on('file-open', (file) => {
      if (file) this.prioritize(file.path);
    }));
    this.registerEvent(workspace.on('active-leaf-change', () => {
      const file = workspace.getActiveFile();
      if (file) this.prioritize(file.path);
    }));
  }

  private notify(event: VaultEvent | null): void {
    if (!event || this.disposed) return;
    if (this.reopening || !this.indexerRef) this.buffered.push(event);
    else this.indexerRef.notify(event);
  }

  private startSync(retryFailures = true): void {
    if (!this.indexerRef || this.disposed) return;
    this.stopped = false;
    this.busy = true;
    // After any reopen still in flight (a cancel's, say): a sync asked for meanwhile must run on
    // the reopened indexer, not the one being closed. A cancel in between stops it before it starts.
    const signal = this.syncControl.signal;
    void this.exclusive.then(() => {
      const indexer = this.indexerRef;
      if (!indexer || this.disposed || signal.aborted) return;
      this.track(indexer, indexer.sync({ signal }), retryFailures);
    });
  }

  private stopSyncs(): void {
    this.syncControl.abort();
    this.syncControl = new AbortController();
  }

  /**
   * Follows a sync. Notes that failed (typically embedding failures from a worker that crashed:
   * the worker client starts a fresh one on the next call) get one more run at once.
   */
  private track(indexer: Indexer, run: Promise<SyncReport>, retryFailures: boolean): void {
    const token = ++this.runToken;
    run.then(
      (report) => {
        if (indexer !== this.indexerRef || this.disposed) return;
        if (token === this.runToken) this.busy = false;
        this.lastReport = report;
        if (retryFailures && !report.cancelled && report.failed > 0) {
          this.logger.warn(`${report.failed} note(s) failed to index; trying them once more`);
          this.startSync(false);
        }
        this.emitter.changed();
      },
      (error: unknown) => {
        // A run of an indexer closed meanwhile (reopen, unload) ends this way; nothing is lost.
        if (indexer !== this.indexerRef || this.disposed) return;
        if (token === this.runToken) this.busy = false;
        this.logger.error('indexing failed', error);
        this.emitter.changed();
      },
    );
  }

  private async loadModel(quiet: boolean): Promise<void> {
    if (!this.started || this.disposed) return;
    this.modelLoad?.abort();
    const control = new AbortController();
    this.modelLoad = control;
    const settings = this.options.settings();
    const now = appliedConfig(settings);
    this.applied = { ...this.applied, model: now.model, modelOptions: now.modelOptions };
    const name = configuredModelName(settings);
    this.setModel({ kind: 'loading', modelId: name });
    const apiKey = settings.engine === 'remote' && settings.remoteEmbeddingKeySecret ? this.options.secret(settings.remoteEmbeddingKeySecret) : null;
    let result: EmbedderResult;
    try {
      result = await this.options.embedders.create({
        settings,
        apiKey,
        signal: control.signal,
        onDownloadProgress: (progress) => {
          if (this.modelLoad === control) this.setModel(downloadingState(progress));
        },
      });
    } catch (error) {
      result = noEmbedder(`${errorMessage(error)} Search uses keywords only.`);
    }
    if (this.modelLoad !== control || this.disposed) {
      if (result.ok) await result.embedder.dispose();
      return;
    }
    this.modelLoad = null;
    if (!result.ok) {
      this.setModel({ kind: 'unavailable', modelId: name, reason: result.reason });
      this.logger.warn(result.reason);
      this.alert({ kind: 'model-unavailable', modelId: name, reason: result.reason });
      // A previous model no longer matches the settings: keep its vectors, search by keywords.
      if (this.embedderRef) await this.installEmbedder(null);
      return;
    }
    this.quietLoad = quiet;
    if (this.indexerRef) this.busy = true;
    this.setModel({ kind: 'ready', modelId: result.embedder.info.modelId, backend: backendOf(result.embedder) });
    await this.installEmbedder(result.embedder);
  }

  private async installEmbedder(embedder: Embedder | null): Promise<void> {
    await this.runExclusive(async () => {
      const old = this.embedderRef;
      this.embedderRef = embedder;
      const indexer = this.indexerRef;
      if (indexer && !this.disposed) {
        this.stopped = false;
        this.busy = true;
        // setEmbedder stops the running pass synchronously, so the old embedder can go now.
        this.track(indexer, indexer.setEmbedder(embedder, { signal: this.syncControl.signal }), true);
      }
      if (old && old !== embedder) await disposeQuietly(old, this.logger);
    });
  }

  private onProgress(indexer: Indexer, progress: IndexProgress): void {
    if (indexer !== this.indexerRef) return;
    this.progress = progress.phase === 'idle' ? null : progress;
    // A run announces itself with 'scanning'; an older pass still winding down does not.
    if (progress.phase === 'scanning') {
      this.busy = false;
      this.updatePriority();
    }
    this.noteState(indexer);
    const wanted = this.priorityPath;
    if (wanted !== null && progress.phase === 'indexing') {
      if (progress.currentPath === wanted) this.priorityPath = null;
      else indexer.prioritize(wanted);
    }
    if (progress.phase === 'idle') this.priorityPath = null;
    this.emitter.changed();
  }

  /** Reports how a newly opened state was loaded (once per state). */
  private noteState(indexer: Indexer): void {
    if (indexer.state === this.revisionState) return;
    this.revision();
    const report = indexer.loadReport;
    const quiet = this.quietLoad;
    this.quietLoad = false;
    if (!quiet) this.reportLoad(report);
  }

  private reportLoad(report: LoadReport): void {
    if (!report.reason) return;
    if (report.outcome === 'rebuild') this.alert({ kind: 'index-rebuilt', reason: report.reason });
    else if (report.outcome === 'partial') this.alert({ kind: 'index-partial', reason: report.reason });
  }

  private revision(): number {
    const state = this.indexerRef?.state ?? null;
    if (state === null) return this.lastRevision;
    if (state !== this.revisionState) {
      this.revisionOffset = this.lastRevision + 1 - state.revision;
      this.revisionState = state;
    }
    this.lastRevision = this.revisionOffset + state.revision;
    return this.lastRevision;
  }

  private setModel(model: ModelState): void {
    this.model = model;
    this.emitter.changed();
  }

  private alert(alert: EngineAlert): void {
    for (const listener of [...this.alertListeners]) {
      try {
        listener(alert);
      } catch (error) {
        this.logger.error('an alert listener failed', error);
      }
    }
  }

  private runExclusive(work: () => Promise<void>): Promise<void> {
    const run = this.exclusive.then(work);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async shutdown(): Promise<void> {
    this.disposed = true;
    this.modelLoad?.abort();
    this.syncControl.abort();
    this.emitter.dispose();
    this.alertListeners.clear();
    this.resolveReady();
    await this.exclusive;
    try {
      await this.indexerRef?.close();
    } catch (error) {
      this.logger.error('closing the index failed', error);
    }
    const embedder = this.embedderRef;
    this.embedderRef = null;
    if (embedder) await disposeQuietly(embedder, this.logger);
    this.opened?.close();
  }
}

/** What the snapshot shows between asking for a run and its first report. */
const STARTING: IndexProgress = { phase: 'loading', notesDone: 0, notesTotal: 0, chunksEmbedded: 0, chunksPending: 0 };

function significantChange(next: PluginEngineSnapshot, previous: PluginEngineSnapshot): boolean {
  return (
    next.revision !== previous.revision ||
    next.model.kind !== previous.model.kind ||
    next.indexReady !== previous.indexReady ||
    (next.indexing === null) !== (previous.indexing === null) ||
    next.indexing?.phase !== previous.indexing?.phase ||
    next.error !== previous.error ||
    next.stopped !== previous.stopped ||
    next.started !== previous.started
  );
}

function downloadingState(progress: DownloadProgress): ModelState {
  const state: ModelState = { kind: 'downloading', modelId: progress.modelId, bytesDone: progress.bytesDone, file: progress.file };
  if (progress.bytesTotal !== undefined) state.bytesTotal = progress.bytesTotal;
  if (progress.percent !== undefined) state.percent = progress.percent;
  return state;
}

/** `wasm`/`webgpu` for the worker embedder, `remote` for an endpoint. */
function backendOf(embedder: Embedder): string {
  const backend = (embedder as { backend?: unknown }).backend;
  if (typeof backend === 'string' && backend) return backend;
  return embedder.info.modelId.startsWith('remote:') ? 'remote' : 'unknown';
}

async function disposeQuietly(embedder: Embedder, logger: Logger): Promise<void> {
  try {
    await embedder.dispose();
  } catch (error) {
    logger.warn('disposing the embedder failed', error);
  }
}
