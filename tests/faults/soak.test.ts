/**
 * Model-based soak: a long seeded run of vault operations (creates, edits, the same note
 * twice in a row, rename chains A→B→A, renames onto paths that existed before, delete then
 * recreate, edits while a sync is in flight, exclusion rules and the embedding model
 * switched while syncs run, graceful restarts and kills mid-commit) against
 * the incremental Indexer with the production parser + chunker, the real glove-en-100d
 * pipeline and a FileStorage in a temp dir. At checkpoints the index must equal a
 * from-scratch rebuild of the vault at that moment: same notes, chunks, vectors (exactly:
 * GloVe's q8 lookup has no activation quantization, so a text's vector does not depend on
 * its batch; see ../shared/models/README.md) and lexical results; no ghosts, nothing stale,
 * nothing failed; and what is stored reloads to the same thing.
 *
 * Replay: SOAK_SEED=<seed> (printed on failure); length: SOAK_OPS (default 1000).
 *
 * Determinism: the vault, the clock and FileStorage's file operations resolve as microtasks,
 * so the only macrotask is the real embedder's computation, and the test lets it finish only
 * at explicit points ("embed" ops, awaited syncs, restarts, checkpoints). The same seed
 * therefore replays the same interleaving.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hash64 } from '../../src/core/index/hash';
import { createExclusionFilter } from '../../src/core/index/exclusions';
import { Indexer } from '../../src/core/index/indexer';
import type { IndexerOptions } from '../../src/core/index/indexer-options';
import { createNoteProcessor, noteProcessorVersion } from '../../src/core/index/note-processor';
import type { SyncReport } from '../../src/core/index/types';
import { FileStorage } from '../../src/node/file-storage';
import { FakeTimers } from '../helpers/fake-timers';
import { GloveEmbedder } from '../helpers/glove-embedder';
import { settle } from '../helpers/indexer-harness';
import { MemorySource } from '../helpers/memory-source';
import { MemoryStorage } from '../helpers/memory-storage';
import { CollectingLogger } from '../helpers/collecting-logger';
import { indexContent, integrityProblems, lexicalDifferences, lexicalResults, vaultDifferences } from './support/index-content';
import { editText, NOTE_PATHS, noteText, PROBE_QUERIES } from './support/markdown-gen';
import { ProcessTimers } from './support/process-timers';
import { intFromEnv, Prng, seedFromEnv } from './support/prng';
import { quiesce } from './support/quiesce';
import { syncFileOps, type KillableFileOps } from './support/sync-file-ops';
import { TrackingEmbedder } from './support/tracking-embedder';

const OPS = intFromEnv('SOAK_OPS', 1000);
const SEED = seedFromEnv('SOAK_SEED');
const CHECKPOINTS = 4;
/** The folder the "exclusions" operation adds to and removes from the user's exclusion patterns. */
const EXCLUDED_FOLDER = 'Daily/';

const processor = createNoteProcessor();
const processorVersion = noteProcessorVersion();

/** Small batches, groups and flush intervals, so every run crosses many batch and commit boundaries. */
const TUNING: Partial<IndexerOptions> = {
  debounceMs: 1000,
  embedBatchSize: 3,
  embedGroupSize: 5,
  flushEveryNotes: 4,
  flushEveryMs: 5000,
  lexicalSnapshotEveryMs: 20_000,
  lexicalSnapshotMinChanges: 15,
  kernel: 'js',
  yieldWhileLoading: false,
  yieldToEventLoop: () => Promise.resolve(),
};

/** One running plugin process: its indexer and everything that dies with it. */
interface Process {
  indexer: Indexer;
  embedder: TrackingEmbedder;
  ops: KillableFileOps;
  timers: ProcessTimers;
  logger: CollectingLogger;
  syncs: Promise<SyncReport>[];
}

let glove: GloveEmbedder;
const tempDirs: string[] = [];

beforeAll(async () => {
  glove = await GloveEmbedder.create('glove-en-100d');
});
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

class Soak {
  readonly rng: Prng;
  readonly vault = new MemorySource();
  readonly clock = new FakeTimers();
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-soak-'));
  /** Paths that existed at some point, to rename and recreate onto. */
  readonly former = new Set<string>();
  readonly log: string[] = [];
  readonly problems: string[] = [];
  readonly counts: Record<string, number> = {};
  /** The user's exclusion patterns (toggled during the run; a new process starts with them). */
  exclusions: string[] = [];
  /** Whether the embedding model is loaded (toggled: the index works keyword-only meanwhile). */
  modelOn = true;
  proc!: Process;

  constructor(seed: number) {
    this.rng = new Prng(seed);
    tempDirs.push(this.dir);
  }

  async start(): Promise<void> {
    this.proc = await this.spawn();
    await this.proc.indexer.sync();
  }

  async spawn(): Promise<Process> {
    const ops = syncFileOps();
    const timers = new ProcessTimers(this.clock);
    const embedder = new TrackingEmbedder(glove);
    const logger = new CollectingLogger();
    const indexer = await Indexer.open({
      ...TUNING,
      source: this.vault,
      storage: await FileStorage.open(this.dir, { ops }),
      processor,
      processorVersion,
      embedder: this.modelOn ? embedder : null,
      exclusions: { patterns: this.exclusions },
      clock: this.clock,
      timers,
      logger,
    });
    const outcome = indexer.loadReport.outcome;
    if (outcome !== 'stored' && outcome !== 'empty') this.problem(`reopen after a restart loaded "${outcome}": ${indexer.loadReport.reason ?? ''}`);
    return { indexer, embedder, ops, timers, logger, syncs: [] };
  }

  problem(text: string): void {
    this.problems.push(`after op ${this.log.length}: ${text}`);
  }

  existing(): string[] {
    return [...this.vault.files.keys()];
  }

  /** A free path, half the time one that existed before. */
  freePath(): string {
    const formerFree = [...this.former].filter((p) => !this.vault.files.has(p));
    if (formerFree.length > 0 && this.rng.chance(0.5)) return this.rng.pick(formerFree);
    const free = NOTE_PATHS.filter((p) => !this.vault.files.has(p));
    return this.rng.pick(free);
  }

  write(p: string, text: string): void {
    this.former.add(p);
    this.proc.indexer.notify(this.vault.write(p, text));
  }

  rename(from: string, to: string): void {
    this.former.add(to);
    this.proc.indexer.notify(this.vault.rename(from, to));
  }

  remove(p: string): void {
    this.proc.indexer.notify(this.vault.delete(p));
  }

  async step(): Promise<void> {
    const rng = this.rng;
    const existing = this.existing();
    const full = existing.length >= NOTE_PATHS.length - 2;
    const kind = existing.length < 3
      ? 'create'
      : rng.weighted([
          [full ? 0 : 10, 'create'],
          [12, 'modify'],
          [4, 'modify-twice'],
          [2, 'same-content'],
          [2, 'touch'],
          [full ? 0 : 6, 'rename'],
          [full ? 0 : 3, 'rename-chain'],
          [6, 'delete'],
          [3, 'delete-recreate'],
          [14, 'advance'],
          [6, 'embed'],
          [3, 'sync-start'],
          [2, 'sync-await'],
          [1, 'prioritize'],
          [0.7, 'exclusions'],
          [0.7, 'model'],
          [0.6, 'restart'],
          [0.6, 'crash'],
          [0.6, 'crash-mid-commit'],
        ] as const);
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    const target = existing.length > 0 ? rng.pick(existing) : '';
    let description: string = kind;
    switch (kind) {
      case 'create': {
        const p = this.freePath();
        this.write(p, noteText(rng));
        description += ` ${p}`;
        break;
      }
      case 'modify':
        this.write(target, rng.chance(0.7) ? editText(rng, this.vault.files.get(target)!.text) : noteText(rng));
        description += ` ${target}`;
        break;
      case 'modify-twice':
        this.write(target, editText(rng, this.vault.files.get(target)!.text));
        this.write(target, editText(rng, this.vault.files.get(target)!.text));
        description += ` ${target}`;
        break;
      case 'same-content':
        this.write(target, this.vault.files.get(target)!.text);
        description += ` ${target}`;
        break;
      case 'touch':
        this.proc.indexer.notify(this.vault.touch(target));
        description += ` ${target}`;
        break;
      case 'rename': {
        const to = this.freePath();
        this.rename(target, to);
        description += ` ${target} -> ${to}`;
        break;
      }
      case 'rename-chain': {
        const via = this.freePath();
        this.rename(target, via);
        if (rng.chance(0.3)) {
          this.clock.advance(rng.int(0, 1500));
          await settle(rng.int(0, 20));
        }
        this.rename(via, target);
        description += ` ${target} -> ${via} -> ${target}`;
        break;
      }
      case 'delete':
        this.remove(target);
        description += ` ${target}`;
        break;
      case 'delete-recreate': {
        const old = this.vault.files.get(target)!.text;
        this.remove(target);
        if (rng.chance(0.3)) await settle(rng.int(0, 10));
        this.write(target, rng.chance(0.5) ? old : noteText(rng));
        description += ` ${target}`;
        break;
      }
      case 'advance': {
        const ms = rng.int(0, 2500);
        this.clock.advance(ms);
        await settle(rng.int(0, 40));
        description += ` ${ms} ms`;
        break;
      }
      case 'embed':
        // Lets the embedding call in flight (if any) finish, and the indexer run on a little.
        await this.proc.embedder.finishInFlight();
        await settle(rng.int(0, 40));
        break;
      case 'sync-start':
        this.proc.syncs.push(this.proc.indexer.sync());
        break;
      case 'sync-await':
        await this.awaitSyncs();
        break;
      case 'prioritize':
        this.proc.indexer.prioritize(target);
        description += ` ${target}`;
        break;
      case 'exclusions':
        // Settings change while events flow: the re-sync it starts is left in flight.
        this.exclusions = this.exclusions.length > 0 ? [] : [EXCLUDED_FOLDER];
        this.proc.syncs.push(this.proc.indexer.setExclusions({ patterns: this.exclusions }));
        description += ` [${this.exclusions.join(', ')}]`;
        break;
      case 'model':
        await this.toggleModel();
        description += this.modelOn ? ' on' : ' off';
        break;
      case 'restart':
        await this.restart();
        break;
      case 'crash':
        await this.crash();
        break;
      case 'crash-mid-commit': {
        const at = rng.int(1, 6);
        description += ` at file operation ${at}`;
        await this.crashMidCommit(at);
        break;
      }
    }
    this.log.push(description);
  }

  /** Unloads or reloads the embedding model (setEmbedder), leaving the re-sync in flight. */
  async toggleModel(): Promise<void> {
    this.modelOn = !this.modelOn;
    this.proc.syncs.push(this.proc.indexer.setEmbedder(this.modelOn ? this.proc.embedder : null));
    await settle(this.rng.int(0, 20));
  }

  async awaitSyncs(): Promise<void> {
    const syncs = this.proc.syncs.splice(0);
    const results = await Promise.allSettled(syncs);
    for (const r of results) if (r.status === 'rejected') this.problem(`a sync rejected: ${String(r.reason)}`);
  }

  /** Quit and start again: close() (even mid-sync), then the startup sync. */
  async restart(): Promise<void> {
    const old = this.proc;
    await old.indexer.close();
    await this.awaitSyncs();
    this.checkLogs(old);
    this.proc = await this.spawn();
    await this.proc.indexer.sync();
  }

  /** The process dies wherever it is (possibly between two file operations of a commit). */
  async crash(): Promise<void> {
    const old = this.proc;
    old.ops.kill();
    old.timers.kill();
    old.embedder.kill();
    for (const sync of old.syncs) sync.catch(() => undefined);
    this.proc = await this.spawn();
    await this.proc.indexer.sync();
  }

  /** Lets the indexer work until its at-th file operation from now, which dies with the process. */
  async crashMidCommit(at: number): Promise<void> {
    const { ops, embedder } = this.proc;
    ops.killAt(at);
    for (let round = 0; round < 20 && !ops.killed; round++) {
      this.clock.advance(1500);
      await embedder.finishInFlight();
      await settle(50);
    }
    if (ops.killed) this.counts['killed inside a commit'] = (this.counts['killed inside a commit'] ?? 0) + 1;
    await this.crash();
  }

  checkLogs(proc: Process): void {
    for (const error of proc.logger.errors.splice(0)) this.problem(`logged error: ${error}`);
    for (const warning of proc.logger.warnings.splice(0)) this.problem(`logged warning: ${warning}`);
  }

  /** Everything settles; then the index must equal a rebuild, reload identically, and leave a sync nothing to do. */
  async checkpoint(label: string): Promise<void> {
    const { indexer } = this.proc;
    if (!this.modelOn) await this.toggleModel();
    await this.awaitSyncs();
    await quiesce(indexer, this.clock);
    await indexer.lexicalReady;
    const state = indexer.state;
    for (const p of integrityProblems(state)) this.problem(`${label}: ${p}`);
    const excluded = createExclusionFilter({ patterns: this.exclusions });
    const indexable = new Map([...this.vault.files].filter(([p]) => !excluded(p)));
    for (const p of vaultDifferences(state, indexable)) this.problem(`${label}: ${p}`);
    const status = await indexer.status();
    for (const f of status.failed) this.problem(`${label}: ${f.path} failed: ${f.reason}`);
    for (const s of status.skipped) if (s.reason !== 'excluded') this.problem(`${label}: ${s.path} skipped: ${s.detail}`);
    const reportedExcluded = status.skipped.filter((s) => s.reason === 'excluded').map((s) => s.path).sort();
    const expectedExcluded = [...this.vault.files.keys()].filter(excluded).sort();
    if (JSON.stringify(reportedExcluded) !== JSON.stringify(expectedExcluded)) {
      this.problem(`${label}: status lists ${JSON.stringify(reportedExcluded)} as excluded, the vault has ${JSON.stringify(expectedExcluded)}`);
    }
    this.checkLogs(this.proc);
    expect(this.problems, `${label} (seed ${this.rng.seed})`).toEqual([]);

    const incremental = indexContent(state);
    const lexical = lexicalResults(state, PROBE_QUERIES);

    // The same vault, indexed from nothing.
    const fresh = new MemorySource(Object.fromEntries([...this.vault.files].map(([p, f]) => [p, f.text])));
    const rebuilt = await Indexer.open({ ...TUNING, source: fresh, storage: new MemoryStorage(), processor, processorVersion, embedder: new TrackingEmbedder(glove), exclusions: { patterns: this.exclusions }, clock: new FakeTimers() });
    await rebuilt.sync();
    await rebuilt.lexicalReady;
    expect(incremental, `${label}: incremental index differs from a rebuild (seed ${this.rng.seed})`).toEqual(indexContent(rebuilt.state));
    for (const p of lexicalDifferences(lexical, lexicalResults(rebuilt.state, PROBE_QUERIES))) this.problem(`${label}: lexical ${p}`);

    // What is stored reloads to the same index (a second reader of the same folder, never closed).
    const reader = await Indexer.open({ ...TUNING, source: this.vault, storage: await FileStorage.open(this.dir), processor, processorVersion, embedder: new TrackingEmbedder(glove), clock: new FakeTimers(), timers: new FakeTimers() });
    if (reader.loadReport.outcome !== 'stored') this.problem(`${label}: reload was "${reader.loadReport.outcome}": ${reader.loadReport.reason ?? ''}`);
    await reader.lexicalReady;
    expect(indexContent(reader.state), `${label}: reloaded index differs (seed ${this.rng.seed})`).toEqual(incremental);
    for (const p of lexicalDifferences(lexicalResults(reader.state, PROBE_QUERIES), lexical)) this.problem(`${label}: reloaded lexical ${p}`);

    // Events alone kept the index current: a full sync finds nothing to do.
    const report = await indexer.sync();
    if (report.indexed + report.removed + report.failed + report.skipped > 0) {
      this.problem(`${label}: a sync after the events still had work: ${JSON.stringify(report)}`);
    }
  }
}

describe('soak: random vault operations against the incremental index', () => {
  it(`${OPS} operations end equal to a rebuild, at every checkpoint (seed ${SEED})`, async () => {
    const soak = new Soak(SEED);
    const started = Date.now();
    try {
      await soak.start();
      const checkpointAt = new Set(Array.from({ length: CHECKPOINTS }, (_, i) => Math.round(((i + 1) * OPS) / CHECKPOINTS)));
      for (let i = 1; i <= OPS; i++) {
        await soak.step();
        // A restart and a kill happen in every run, whatever the dice say.
        if (i === Math.round(OPS / 3)) await soak.restart();
        if (i === Math.round(OPS / 2)) await soak.crash();
        if (checkpointAt.has(i)) await soak.checkpoint(`checkpoint at op ${i}`);
        expect(soak.problems, `seed ${SEED}`).toEqual([]);
      }
      const digest = hash64(JSON.stringify(indexContent(soak.proc.indexer.state)));
      await soak.proc.indexer.close();
      process.stdout.write(
        `soak seed ${SEED}: ${OPS} ops in ${((Date.now() - started) / 1000).toFixed(1)} s, ${soak.vault.files.size} notes at the end (index digest ${digest}); ` +
          `ops ${JSON.stringify(soak.counts)}\n`,
      );
    } catch (error) {
      const first = Math.max(0, soak.log.length - 25);
      const recent = soak.log.slice(first).map((line, i) => `  ${first + i + 1}: ${line}`).join('\n');
      throw new Error(
        `soak failed with SOAK_SEED=${SEED} SOAK_OPS=${OPS} (replay: SOAK_SEED=${SEED} npx vitest run tests/faults/soak.test.ts)\n` +
          `last operations:\n${recent}\n${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }, 600_000);
});
