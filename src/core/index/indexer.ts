/**
 * Keeps the index in step with a vault: a startup diff (path, mtime, size, then content
 * hash), a debounced queue of vault events, batched embedding that re-embeds only chunks
 * whose content is new, periodic atomic commits, cancellation and progress. Every change
 * to the index runs through one serial queue.
 */
import { silentLogger, systemClock, type Clock, type Embedder, type IndexStorage, type Logger, type NoteSource, type NoteStat } from '../ports';
import { embedMissing } from './embed-batch';
import { createExclusionFilter, type ExclusionFilter, type ExclusionOptions } from './exclusions';
import type { IndexState } from './index-state';
import { LexicalIndex } from './lexical/lexical-index';
import { prepareNote, type Prepared } from './prepare-note';
import { INDEXER_DEFAULTS, type IndexerOptions } from './indexer-options';
import { SerialQueue } from './serial-queue';
import { planSync } from './sync-plan';
import { IndexStore, type IndexIdentity } from './storage/index-store';
import { createTimeSlicer, DEFAULT_SLICE_MS, noSlicing, type TimeSlicer } from './time-slicer';
import { macrotaskYield, systemTimers, type Timers } from './timers';
import type { IndexProgress, IndexStatus, LoadReport, NoteProcessor, NoteRecord, SkippedNote, SyncReport, VaultEvent } from './types';
import type { QuantizedVector } from './vectors/quantize';
import type { KernelChoice } from './vectors/vector-matrix';
import { WorkQueue, type WorkItem } from './work-queue';

export type ProgressListener = (progress: IndexProgress) => void;

interface RunStats extends IndexProgress {
  report: SyncReport;
}

export class Indexer {
  private readonly source: NoteSource;
  private readonly storage: IndexStorage;
  private readonly processor: NoteProcessor;
  private readonly processorVersion: string;
  private embedderRef: Embedder | null;
  private excluded: ExclusionFilter;
  private readonly settings: typeof INDEXER_DEFAULTS;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly yieldToEventLoop: () => Promise<void>;
  private readonly logger: Logger;
  private readonly kernel: KernelChoice;
  private readonly yieldWhileLoading: boolean;
  /** Cuts the synchronous work (parse, chunk, keyword index, encode) into slices between yields. */
  private readonly slicer: TimeSlicer;

  private store!: IndexStore;
  private current!: IndexState;
  private report!: LoadReport;
  private readonly serial = new SerialQueue();
  private readonly queue = new WorkQueue();
  private readonly listeners = new Set<ProgressListener>();
  private readonly excludedPaths = new Map<string, SkippedNote>();
  private timer: unknown = null;
  /**
   * Model switches in progress. Until a switch's own sync has listed and planned, no queued
   * work drains: the stopped pass leaves its remaining notes queued, and draining those first
   * put the notes indexed before the switch (the active note first of all) behind thousands
   * of others (hub vault: the active note was embedded 20 s after the model was ready).
   */
  private switching = 0;
  private timerDueAt = Infinity;
  private run: RunStats | null = null;
  private draining = false;
  private closed = false;
  /** Aborted on close and when the model switches, to stop a running indexing pass. */
  private epoch = new AbortController();
  private notesSinceFlush = 0;
  private lastFlushAt = 0;
  private lexicalChanges = 0;
  private lastLexicalSaveAt = 0;
  private lexicalLoad: Promise<void> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];
  /** One set per listing in progress: the paths vault events touched meanwhile. */
  private readonly listingWatchers = new Set<Set<string>>();

  private constructor(options: IndexerOptions) {
    this.source = options.source;
    this.storage = options.storage;
    this.processor = options.processor;
    this.processorVersion = options.processorVersion;
    this.embedderRef = options.embedder ?? null;
    this.excluded = createExclusionFilter(options.exclusions);
    this.settings = {
      maxNoteBytes: options.maxNoteBytes ?? INDEXER_DEFAULTS.maxNoteBytes,
      debounceMs: options.debounceMs ?? INDEXER_DEFAULTS.debounceMs,
      embedBatchSize: Math.max(1, options.embedBatchSize ?? INDEXER_DEFAULTS.embedBatchSize),
      embedGroupSize: Math.max(1, options.embedGroupSize ?? INDEXER_DEFAULTS.embedGroupSize),
      flushEveryNotes: Math.max(1, options.flushEveryNotes ?? INDEXER_DEFAULTS.flushEveryNotes),
      flushEveryMs: options.flushEveryMs ?? INDEXER_DEFAULTS.flushEveryMs,
      lexicalSnapshotEveryMs: options.lexicalSnapshotEveryMs ?? INDEXER_DEFAULTS.lexicalSnapshotEveryMs,
      lexicalSnapshotMinChanges: Math.max(1, options.lexicalSnapshotMinChanges ?? INDEXER_DEFAULTS.lexicalSnapshotMinChanges),
    };
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.yieldToEventLoop = options.yieldToEventLoop ?? macrotaskYield(this.timers);
    this.logger = options.logger ?? silentLogger;
    this.kernel = options.kernel ?? 'auto';
    this.yieldWhileLoading = options.yieldWhileLoading ?? true;
    this.slicer = createTimeSlicer(() => this.clock.now(), this.yieldToEventLoop, this.yieldWhileLoading ? (options.sliceMs ?? DEFAULT_SLICE_MS) : Infinity);
  }

  /**
   * Loads the stored index (vectors and notes first; the lexical index follows in the
   * background, see `lexicalReady`). Never throws for a damaged or outdated store: it is
   * rebuilt and `loadReport` says why. Call `sync()` next to catch up with the vault.
   */
  static async open(options: IndexerOptions): Promise<Indexer> {
    const indexer = new Indexer(options);
    await indexer.serial.run(() => indexer.openStore());
    indexer.lastFlushAt = indexer.clock.now();
    // The stored snapshot counts as just saved: the next one is due an interval from now.
    indexer.lastLexicalSaveAt = indexer.clock.now();
    return indexer;
  }

  /** The live in-memory index (replaced when the embedding model changes). */
  get state(): IndexState {
    return this.current;
  }

  get embedder(): Embedder | null {
    return this.embedderRef;
  }

  get loadReport(): LoadReport {
    return this.report;
  }

  /** Resolves once keyword search is available (loaded from its snapshot or rebuilt). */
  get lexicalReady(): Promise<void> {
    return this.lexicalLoad;
  }

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Brings the index in line with the vault: new and changed notes (by mtime and size, then
   * by content hash) are indexed, vanished and newly excluded notes removed. Resolves when
   * the work it found is done, or when `signal` aborts (committed work stays; the next call
   * continues where this one stopped).
   */
  async sync(options: { signal?: AbortSignal } = {}): Promise<SyncReport> {
    return this.runSync(options, () => undefined);
  }

  /** `sync`, calling `onListing` once the serial queue has let it in (before it lists). */
  private runSync(options: { signal?: AbortSignal }, onListing: () => void): Promise<SyncReport> {
    this.assertOpen();
    this.emit({ ...this.progressBase(), phase: 'scanning' });
    return this.serial.run(async () => {
      onListing();
      // Listed inside the serial queue: a listing taken before other work ran would be
      // older than the index it is compared with, and would delete notes created since and
      // re-queue ones deleted since (found by tests/faults/soak.test.ts). Events that arrive
      // while listing are newer than the listing, so they win over it.
      const touched = new Set<string>();
      this.listingWatchers.add(touched);
      let listing: NoteStat[];
      try {
        listing = await this.source.list();
      } finally {
        this.listingWatchers.delete(touched);
      }
      this.plan(listing, touched);
      return this.drain(options.signal, true);
    });
  }

  /** Queues a vault change; it is indexed after `debounceMs` of quiet for that note. */
  notify(event: VaultEvent): void {
    if (this.closed) return;
    for (const touched of this.listingWatchers) {
      touched.add(event.type === 'delete' ? event.path : event.stat.path);
      if (event.type === 'rename') touched.add(event.oldPath);
    }
    const dueAt = this.clock.now() + this.settings.debounceMs;
    if (event.type === 'delete') {
      this.queue.set({ path: event.path, kind: 'delete', dueAt });
    } else {
      if (event.type === 'rename') this.queue.set({ path: event.oldPath, kind: 'delete', dueAt });
      this.queue.set({ path: event.stat.path, kind: 'upsert', stat: event.stat, dueAt });
    }
    this.schedule();
  }

  /** Moves a pending note (e.g. the active one) to the front of the queue and starts on it. */
  prioritize(path: string): void {
    if (this.queue.prioritize(path, this.clock.now())) this.schedule();
  }

  /**
   * Notes to index before all others whenever they are queued, in this order: what the user
   * looks at (the active note, then its neighbours). Replaces the previous list; it outlives
   * passes, so a model switch or re-index embeds them first again. Each is embedded and
   * applied on its own (not in a group of 64 texts), so it becomes searchable at once.
   */
  setPriority(paths: readonly string[]): void {
    this.queue.setPreferred(paths);
  }

  /** Replaces the exclusion rules and re-syncs: newly excluded notes leave the index, newly included ones enter. */
  async setExclusions(options: ExclusionOptions): Promise<SyncReport> {
    this.excluded = createExclusionFilter(options);
    return this.sync();
  }

  /**
   * Switches the embedding model. A different model id or size rebuilds the index (every
   * note re-embedded); null keeps stored vectors but indexes new text lexically only.
   */
  async setEmbedder(embedder: Embedder | null, options: { signal?: AbortSignal } = {}): Promise<SyncReport> {
    this.assertOpen();
    // Stop the current pass (its committed work stays); the reopened store decides what to redo.
    this.epoch.abort();
    this.epoch = new AbortController();
    this.switching++;
    let held = true;
    const release = (): void => {
      if (held) this.switching--;
      held = false;
    };
    try {
      await this.lexicalLoad;
      await this.serial.run(async () => {
        if (this.closed) return; // close() got here first and committed everything; nothing to reopen
        await this.store.flush(this.current, this.clock.now());
        this.embedderRef = embedder;
        await this.openStore();
      });
      // Closed while switching (e.g. the plugin unloads): like a sync that close() cancels, not an
      // error the caller has to catch (found by tests/faults/soak.test.ts).
      if (this.closed) return { ...newRun().report, cancelled: true };
      return await this.runSync(options, release);
    } finally {
      release();
      this.schedule();
    }
  }

  /** Resolves when no work is pending or running (debounced events included). */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.serial.run(() => Promise.resolve());
      if (this.queue.size === 0 || this.closed) return;
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /** Commits whatever is not yet stored. */
  async flush(): Promise<void> {
    await this.serial.run(() => this.store.flush(this.current, this.clock.now()));
  }

  async status(): Promise<IndexStatus> {
    const state = this.current;
    const embedder = this.embedderRef;
    const status: IndexStatus = {
      state: this.draining || this.queue.size > 0 ? 'indexing' : 'idle',
      notesIndexed: state.noteCount,
      chunksIndexed: state.chunkCount,
      vectorsStored: state.vectorCount,
      pending: this.queue.size,
      skipped: [...this.store.skipped.values(), ...this.excludedPaths.values()],
      failed: [...this.store.failed.values()],
      modelId: state.dims > 0 ? this.store.storedModelId : null,
      dims: state.dims > 0 ? state.dims : null,
      lexicalReady: state.lexical !== null,
      sizeBytes: await this.store.sizeBytes(),
      lastUpdated: this.store.lastUpdated,
      load: this.report,
      kernel: state.matrix?.kernel ?? 'js',
    };
    if (!embedder) {
      status.lexicalOnlyReason = state.vectorCount > 0
        ? 'no embedding model is loaded: stored vectors are kept, new text is searchable by keywords only'
        : 'no embedding model is loaded: the index is keyword-only';
    }
    return status;
  }

  /** Stops timers and running work, commits what was done and saves the lexical snapshot. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.epoch.abort();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.lexicalLoad;
    await this.serial.run(async () => {
      await this.store.flush(this.current, this.clock.now());
      if (this.lexicalChanges > 0 && this.current.lexical) await this.saveLexical();
    });
  }

  // ---- internals ----

  private assertOpen(): void {
    if (this.closed) throw new Error('Indexer: already closed');
  }

  private identity(): IndexIdentity {
    const embedder = this.embedderRef;
    return { modelId: embedder ? embedder.info.modelId : null, dims: embedder ? embedder.info.dims : 0, processorVersion: this.processorVersion };
  }

  private async openStore(): Promise<void> {
    this.emit({ ...this.progressBase(), phase: 'loading' });
    const opened = await IndexStore.open(this.storage, this.identity(), () => this.clock.now(), this.kernel, this.slicer);
    this.store = opened.store;
    this.current = opened.state;
    this.report = opened.report;
    this.lexicalChanges = 0;
    if (opened.report.reason) this.logger.warn(`Index: ${opened.report.reason}`);
    this.lexicalLoad = this.loadLexical(opened.state);
    this.emit({ ...this.progressBase(), phase: 'idle' });
  }

  /** Loads the snapshot (or rebuilds from the notes), then brings it up to date with the notes and installs it. */
  private async loadLexical(state: IndexState): Promise<void> {
    let lexical = await this.store.loadLexical((reason) => this.logger.warn(`Index: ${reason}`), this.yieldWhileLoading, this.slicer);
    const rebuilt = lexical === null;
    if (!lexical) {
      lexical = new LexicalIndex();
      for (const note of [...state.notes()]) {
        if (state.note(note.path) !== note) continue; // replaced meanwhile; reconciled below
        lexical.setNote(note);
        await this.slicer.pause();
      }
    }
    if (this.current !== state) return; // the model changed while loading: the new state loads its own
    // Reconciled in slices while notes may still change; the last, synchronous pass catches those.
    let changed = await reconcileLexical(lexical, state, this.slicer);
    if (this.current !== state) return;
    changed += reconcileLexicalNow(lexical, state);
    state.lexical = lexical;
    this.lexicalChanges += changed + (rebuilt && state.noteCount > 0 ? state.noteCount : 0);
  }

  /** Queues what differs between the listing and the index; `touched` paths had events since the listing began, which decide for them. */
  private plan(listing: NoteStat[], touched: ReadonlySet<string>): void {
    const now = this.clock.now();
    const plan = planSync({
      listing,
      state: this.current,
      skipped: this.store.skipped,
      failed: this.store.failed,
      excluded: this.excluded,
      needsReprocessing: (note) => this.needsReprocessing(note),
    });
    this.excludedPaths.clear();
    for (const entry of plan.excluded) this.excludedPaths.set(entry.path, entry);
    for (const stat of plan.upserts) if (!touched.has(stat.path)) this.queue.set({ path: stat.path, kind: 'upsert', stat, dueAt: now });
    for (const path of plan.deletes) if (!touched.has(path)) this.queue.set({ path, kind: 'delete', dueAt: now });
  }

  /** Chunked by another processor version, or missing vectors that the current embedder can supply. */
  private needsReprocessing(note: NoteRecord): boolean {
    if (note.processor !== this.processorVersion) return true;
    return this.embedderRef !== null && this.missingVectors(note);
  }

  private missingVectors(note: NoteRecord): boolean {
    const state = this.current;
    if (!state.matrix) return false;
    return note.chunks.some((chunk) => (state.chunk(chunk.id)?.row ?? -1) < 0);
  }

  private schedule(): void {
    if (this.closed || this.draining || this.switching > 0) return;
    const dueAt = this.queue.nextDueAt();
    if (dueAt === undefined) return;
    if (this.timer !== null && this.timerDueAt <= dueAt) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.timerDueAt = Infinity;
      if (this.switching > 0) return; // the switch's own sync drains it (and schedules what stays)
      void this.serial.run(() => this.drain(undefined, false)).catch((error: unknown) => {
        this.logger.error('Index: background indexing failed', error);
      });
    }, Math.max(0, dueAt - this.clock.now()));
  }

  /**
   * Processes every due item. Items are prepared one by one (priority first) and applied in
   * groups after embedding; an item whose path is already in the group forces the group out
   * first, so each path's changes apply in order.
   */
  private async drain(signal: AbortSignal | undefined, ownRun: boolean): Promise<SyncReport> {
    try {
      return await this.drainQueue(signal, ownRun);
    } finally {
      this.schedule();
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async drainQueue(signal: AbortSignal | undefined, ownRun: boolean): Promise<SyncReport> {
    this.draining = true;
    const run = (this.run ??= newRun());
    const group: { item: WorkItem; prepared: Prepared & { type: 'note' } }[] = [];
    const groupPaths = new Set<string>();
    let groupTexts = 0;
    const [signals, unlink] = linkSignals(signal, this.epoch.signal);

    const applyGroup = async (): Promise<void> => {
      if (group.length === 0) return;
      const batch = group.splice(0, group.length);
      groupPaths.clear();
      groupTexts = 0;
      await applyBatch(batch);
    };
    const applyBatch = async (batch: { item: WorkItem; prepared: Prepared & { type: 'note' } }[]): Promise<void> => {
      try {
        await this.embedAndApply(batch.map((b) => b.prepared.note), run, signals);
      } catch (error) {
        if (signals.aborted) {
          for (const { item } of batch) this.queue.restore(item);
          throw error;
        }
        const reason = `embedding failed: ${error instanceof Error ? error.message : String(error)}`;
        this.logger.error(`Index: ${reason}`, error);
        for (const { item, prepared } of batch) {
          this.store.failed.set(item.path, { path: item.path, reason, mtime: prepared.note.mtime, size: prepared.note.size, at: this.clock.now() });
          run.report.failed++;
        }
        this.store.markMetaDirty();
      }
      run.notesDone += batch.length;
      this.emit(this.progressOf(run, 'indexing'));
      await this.maybeFlush(false);
    };

    let cancelled = false;
    try {
      for (;;) {
        await this.slicer.pause();
        if (signals.aborted) {
          cancelled = true;
          break;
        }
        const next = this.queue.takeNextRanked(this.clock.now());
        if (!next) break;
        const { item, preferred } = next;
        if (groupPaths.has(item.path)) await applyGroup();
        run.notesTotal = run.notesDone + group.length + 1 + this.queue.size;
        run.currentPath = item.path;
        this.emit(this.progressOf(run, 'indexing'));
        if (item.kind === 'upsert' && this.excluded(item.path)) {
          this.applyDelete(item.path, run);
          const stat = item.stat ?? { path: item.path, mtime: 0, size: 0 };
          this.excludedPaths.set(item.path, { path: item.path, reason: 'excluded', detail: 'matches an exclusion rule', mtime: stat.mtime, size: stat.size });
        } else if (item.kind === 'delete') {
          this.excludedPaths.delete(item.path);
          this.applyDelete(item.path, run);
        } else {
          const prepared = await this.prepare(item);
          if (prepared.type === 'note' && preferred) {
            // What the user looks at goes in alone: searchable after its own chunks, not a group's 64.
            run.chunksPending += prepared.note.chunks.length;
            await applyBatch([{ item, prepared }]);
            continue;
          }
          if (prepared.type === 'note') {
            group.push({ item, prepared });
            groupPaths.add(item.path);
            groupTexts += prepared.note.chunks.length;
            run.chunksPending += prepared.note.chunks.length;
            if (groupTexts >= this.settings.embedGroupSize) await applyGroup();
            continue;
          }
          this.applyPrepared(item.path, prepared, run);
        }
        run.notesDone++;
        await this.maybeFlush(false);
      }
      if (!cancelled) await applyGroup();
    } catch (error) {
      if (!signals.aborted) throw error;
      cancelled = true;
    } finally {
      if (cancelled) for (const { item } of group) this.queue.restore(item);
      this.draining = false;
      unlink();
    }

    this.emit(this.progressOf(run, 'saving'));
    await this.maybeFlush(true);
    await this.maybeSaveLexical(cancelled);
    run.report.cancelled = cancelled;
    const report = run.report;
    const finished = this.queue.nextDueAt() === undefined || cancelled || ownRun;
    if (finished) {
      this.run = null;
      this.emit({ ...this.progressOf(run, 'idle'), currentPath: undefined });
    }
    return { ...report };
  }

  private async prepare(item: WorkItem): Promise<Prepared> {
    const existing = this.current.note(item.path);
    const stat = item.stat ?? { path: item.path, mtime: existing?.mtime ?? 0, size: existing?.size ?? 0 };
    return prepareNote(stat, {
      source: this.source,
      processor: this.processor,
      processorVersion: this.processorVersion,
      maxNoteBytes: this.settings.maxNoteBytes,
      now: this.clock.now(),
      existing,
      missingVectors: existing !== undefined && this.embedderRef !== null && this.missingVectors(existing),
    });
  }

  private applyDelete(path: string, run: RunStats): void {
    if (this.current.removeNote(path)) {
      this.store.markDirty(path);
      this.lexicalChanges++;
      run.report.removed++;
    }
    if (this.store.skipped.delete(path) || this.store.failed.delete(path)) this.store.markMetaDirty();
    this.notesSinceFlush++;
  }

  private applyPrepared(path: string, prepared: Exclude<Prepared, { type: 'note' }>, run: RunStats): void {
    const store = this.store;
    if (prepared.type === 'unchanged') {
      this.current.touchNote(path, prepared.stat.mtime, prepared.stat.size);
      store.markDirty(path);
      run.report.unchanged++;
      if (store.failed.delete(path)) store.markMetaDirty();
    } else if (prepared.type === 'skipped') {
      if (this.current.removeNote(path)) {
        store.markDirty(path);
        this.lexicalChanges++;
      }
      store.skipped.set(path, prepared.entry);
      store.failed.delete(path);
      store.markMetaDirty();
      run.report.skipped++;
    } else {
      // A failed read or parse keeps whatever was indexed before.
      store.failed.set(path, prepared.entry);
      store.markMetaDirty();
      run.report.failed++;
      this.logger.warn(`Index: ${path} ${prepared.entry.reason}`);
    }
    this.notesSinceFlush++;
  }

  private async embedAndApply(notes: NoteRecord[], run: RunStats, signal: AbortSignal): Promise<void> {
    const state = this.current;
    const embedder = this.embedderRef;
    const vectorsByHash = embedder && state.matrix
      ? await embedMissing(
          notes.flatMap((n) => n.chunks),
          (hash) => state.vectorFor(hash),
          embedder,
          this.settings.embedBatchSize,
          signal,
          (count) => {
            run.chunksEmbedded += count;
            run.report.chunksEmbedded += count;
            this.emit(this.progressOf(run, 'indexing'));
          },
        )
      : new Map<string, QuantizedVector>();
    if (this.current !== state) return; // the store was reopened meanwhile (model switch)
    for (const note of notes) {
      await this.prepareLexical(state, note);
      // Between notes, never inside one: a search always sees whole notes.
      await this.slicer.pause();
      const vectors = state.matrix ? note.chunks.map((c) => vectorsByHash.get(c.hash) ?? state.vectorFor(c.hash)) : [];
      state.setNote(note, vectors);
      this.store.markDirty(note.path);
      if (this.store.skipped.delete(note.path) || this.store.failed.delete(note.path)) this.store.markMetaDirty();
      this.lexicalChanges++;
      this.notesSinceFlush++;
      run.report.indexed++;
      run.chunksPending = Math.max(0, run.chunksPending - note.chunks.length);
    }
  }

  /** Analyses the note (and the version it replaces) for the keyword index in slices, before the synchronous update. */
  private async prepareLexical(state: IndexState, note: NoteRecord): Promise<void> {
    const lexical = state.lexical;
    if (!lexical || !this.yieldWhileLoading || lexical.isCurrent(note)) return;
    const pause = (): Promise<void> => this.slicer.pause();
    await lexical.prepare(note, pause);
    const previous = state.note(note.path);
    if (previous) await lexical.prepare(previous, pause);
  }

  private async maybeFlush(force: boolean): Promise<void> {
    const now = this.clock.now();
    const due = this.notesSinceFlush >= this.settings.flushEveryNotes || now - this.lastFlushAt >= this.settings.flushEveryMs;
    if (!this.store.hasChanges || (!force && !due)) return;
    await this.store.flush(this.current, now);
    this.notesSinceFlush = 0;
    this.lastFlushAt = now;
  }

  private async maybeSaveLexical(cancelled: boolean): Promise<void> {
    const state = this.current;
    if (!state.lexical || this.lexicalChanges === 0 || cancelled) return;
    const now = this.clock.now();
    const firstSnapshot = !this.store.hasLexicalSnapshot;
    const due = this.lexicalChanges >= this.settings.lexicalSnapshotMinChanges && now - this.lastLexicalSaveAt >= this.settings.lexicalSnapshotEveryMs;
    if (firstSnapshot || due) await this.saveLexical();
  }

  private async saveLexical(): Promise<void> {
    const lexical = this.current.lexical;
    if (!lexical) return;
    await this.store.saveLexical(lexical, this.current, this.clock.now());
    this.lexicalChanges = 0;
    this.lastLexicalSaveAt = this.clock.now();
  }

  private progressBase(): IndexProgress {
    return { phase: 'idle', notesDone: 0, notesTotal: 0, chunksEmbedded: 0, chunksPending: 0 };
  }

  private progressOf(run: RunStats, phase: IndexProgress['phase']): IndexProgress {
    const progress: IndexProgress = {
      phase,
      notesDone: run.notesDone,
      notesTotal: Math.max(run.notesTotal, run.notesDone),
      chunksEmbedded: run.chunksEmbedded,
      chunksPending: run.chunksPending,
    };
    if (run.currentPath !== undefined) progress.currentPath = run.currentPath;
    return progress;
  }

  private emit(progress: IndexProgress): void {
    for (const listener of this.listeners) {
      try {
        listener(progress);
      } catch (error) {
        this.logger.error('Index: a progress listener threw', error);
      }
    }
  }
}

/** One signal that aborts when either does; `unlink` detaches it from the long-lived one. */
function linkSignals(own: AbortSignal | undefined, epoch: AbortSignal): [AbortSignal, () => void] {
  if (!own) return [epoch, () => undefined];
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (own.aborted || epoch.aborted) controller.abort();
  own.addEventListener('abort', abort);
  epoch.addEventListener('abort', abort);
  return [controller.signal, () => {
    own.removeEventListener('abort', abort);
    epoch.removeEventListener('abort', abort);
  }];
}

function newRun(): RunStats {
  return {
    phase: 'indexing',
    notesDone: 0,
    notesTotal: 0,
    chunksEmbedded: 0,
    chunksPending: 0,
    report: { indexed: 0, unchanged: 0, removed: 0, skipped: 0, failed: 0, chunksEmbedded: 0, cancelled: false },
  };
}

/**
 * Makes a loaded or rebuilt lexical index match the notes; returns how many notes it had to
 * change. With a slicer it pauses between notes, so notes may change meanwhile: follow it with
 * `reconcileLexicalNow` (cheap then) before installing the index.
 */
export async function reconcileLexical(lexical: LexicalIndex, state: IndexState, slicer: TimeSlicer = noSlicing): Promise<number> {
  let changed = 0;
  for (const path of [...lexical.entries().keys()]) {
    if (!state.note(path)) {
      lexical.removeNote(path);
      changed++;
    }
    await slicer.pause();
  }
  for (const note of [...state.notes()]) {
    if (state.note(note.path) === note && !lexical.isCurrent(note)) {
      lexical.setNote(note);
      changed++;
    }
    await slicer.pause();
  }
  // The stale entries above were discarded (their old records are gone): purge them now, or they skew BM25 scores.
  lexical.purgeDiscarded();
  return changed;
}

/** `reconcileLexical` in one synchronous pass: nothing can change in between. */
export function reconcileLexicalNow(lexical: LexicalIndex, state: IndexState): number {
  let changed = 0;
  for (const path of [...lexical.entries().keys()]) {
    if (!state.note(path)) {
      lexical.removeNote(path);
      changed++;
    }
  }
  for (const note of state.notes()) {
    if (!lexical.isCurrent(note)) {
      lexical.setNote(note);
      changed++;
    }
  }
  lexical.purgeDiscarded();
  return changed;
}
