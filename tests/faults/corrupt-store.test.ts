/**
 * A damaged stored index: every stored part (manifest, oldest and newest segment, lexical
 * snapshot header and term part) truncated, emptied, overwritten with garbage, bit-flipped,
 * extended or deleted, in FileStorage files and in IndexedDB (fake-indexeddb) entries; and
 * a crash at every step of the commits of a sync. The Indexer must open without throwing,
 * say what was wrong in `loadReport.reason` (naming the part), rebuild what it lost with
 * the next sync, and a crash must leave the last committed index loadable as "stored".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexerOptions } from '../../src/core/index/indexer-options';
import { createNoteProcessor, noteProcessorVersion } from '../../src/core/index/note-processor';
import type { IndexStorage } from '../../src/core/ports';
import { FileStorage, nodeFileOps, type FileOps } from '../../src/node';
import { IndexedDbStorage } from '../../src/obsidian/indexeddb-storage';
import { harness, snapshot, type Harness } from '../helpers/indexer-harness';
import { CollectingLogger } from '../helpers/collecting-logger';
import { integrityProblems, vaultDifferences } from './support/index-content';
import { noteText } from './support/markdown-gen';
import { Prng } from './support/prng';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-corrupt-'));
  dirs.push(dir);
  return dir;
}

const processor = createNoteProcessor();
/** Production processor, several segments (a commit every 6 notes) and a lexical snapshot in several parts. */
const OPTIONS: Partial<IndexerOptions> = { processor, processorVersion: noteProcessorVersion(), flushEveryNotes: 6, embedGroupSize: 4 };

function vaultFiles(seed: number, count = 30): Record<string, string> {
  const rng = new Prng(seed);
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`notes/${i}.md`] = noteText(rng);
  return files;
}

type Damage = 'emptied' | 'half' | 'last byte cut' | 'garbage' | 'bit flip' | 'extended' | 'deleted';
const DAMAGES: Damage[] = ['emptied', 'half', 'last byte cut', 'garbage', 'bit flip', 'extended', 'deleted'];

/** The damaged bytes, or null for a deleted part. */
function damaged(bytes: Uint8Array, damage: Damage): Uint8Array | null {
  switch (damage) {
    case 'emptied':
      return new Uint8Array(0);
    case 'half':
      return bytes.slice(0, bytes.length >> 1);
    case 'last byte cut':
      return bytes.slice(0, bytes.length - 1);
    case 'garbage': {
      const rng = new Prng(bytes.length);
      return bytes.map(() => rng.int(0, 255));
    }
    case 'bit flip': {
      const copy = bytes.slice();
      copy[copy.length >> 1]! ^= 0x10;
      return copy;
    }
    case 'extended':
      return new Uint8Array([...bytes, 1, 2, 3, 4, 5, 6, 7]);
    case 'deleted':
      return null;
  }
}

/** Which stored parts to damage, by role. */
function targets(keys: string[]): Record<string, string> {
  const segments = keys.filter((k) => k.startsWith('seg/')).sort();
  const lexical = keys.filter((k) => k.startsWith('lex/')).sort();
  expect(segments.length, 'the test index should have several segments').toBeGreaterThanOrEqual(2);
  expect(lexical.length, 'the test lexical snapshot should have a header and term parts').toBeGreaterThanOrEqual(2);
  return {
    manifest: 'manifest',
    'oldest segment': segments[0]!,
    'newest segment': segments[segments.length - 1]!,
    'lexical header': lexical.find((k) => k.endsWith('/0'))!,
    'lexical terms': lexical.find((k) => k.endsWith('/1'))!,
  };
}

/** Opens a damaged store and checks: a clear report, no throw, a rebuild to exactly the vault, a clean reopen. */
async function expectRecovery(h: Harness, storage: () => Promise<IndexStorage>, role: string, key: string, damage: Damage, clean: ReturnType<typeof snapshot>): Promise<void> {
  const label = `${role} (${key}) ${damage}`;
  const logger = new CollectingLogger();
  const indexer = await h.open({ ...OPTIONS, storage: await storage(), logger });
  const report = indexer.loadReport;
  if (role === 'manifest') {
    expect(report.outcome, label).toBe('rebuild');
    expect(report.reason, label).toMatch(/manifest/);
  } else if (role.endsWith('segment')) {
    expect(report.outcome, label).toBe('partial');
    expect(report.reason, label).toContain(key);
    expect(report.notes, label).toBeLessThan(Object.keys(clean).length);
  } else {
    // The snapshot is a cache: the notes load as stored, and keyword search is rebuilt from them.
    expect(report.outcome, label).toBe('stored');
    await indexer.lexicalReady;
    expect(logger.warnings.join('\n'), label).toMatch(/lexical index snapshot unreadable/);
  }
  await indexer.sync();
  await indexer.lexicalReady;
  expect(snapshot(indexer), label).toEqual(clean);
  expect(integrityProblems(indexer.state), label).toEqual([]);
  expect(indexer.state.lexical?.search('the', 5), label).toBeDefined();
  await indexer.close();
  const reopened = await h.open({ ...OPTIONS, storage: await storage() });
  expect(reopened.loadReport.outcome, label).toBe('stored');
  expect(snapshot(reopened), label).toEqual(clean);
}

describe('a damaged FileStorage index', () => {
  it('reopens with the damaged part named, rebuilds it, and never throws, for every part and kind of damage', async () => {
    for (const damage of DAMAGES) {
      for (const role of ['manifest', 'oldest segment', 'newest segment', 'lexical header', 'lexical terms']) {
        const dir = tempDir();
        const h = harness(vaultFiles(7));
        const first = await h.open({ ...OPTIONS, storage: await FileStorage.open(dir) });
        await first.sync();
        await first.close();
        const clean = snapshot(first);
        const table = JSON.parse(fs.readFileSync(path.join(dir, 'CURRENT'), 'utf8')) as { files: Record<string, string> };
        const key = targets(Object.keys(table.files))[role]!;
        const file = path.join(dir, 'data', table.files[key]!);
        const bytes = damaged(new Uint8Array(fs.readFileSync(file)), damage);
        if (bytes) fs.writeFileSync(file, bytes);
        else fs.unlinkSync(file);
        await expectRecovery(h, () => FileStorage.open(dir), role, key, damage, clean);
      }
    }
  });

  it('starts from empty when its table (CURRENT) is unreadable, says so in its log, and rebuilds', async () => {
    for (const damage of DAMAGES) {
      const dir = tempDir();
      const h = harness(vaultFiles(8, 10));
      const first = await h.open({ ...OPTIONS, storage: await FileStorage.open(dir) });
      await first.sync();
      await first.close();
      const clean = snapshot(first);
      const current = path.join(dir, 'CURRENT');
      const bytes = damaged(new Uint8Array(fs.readFileSync(current)), damage);
      if (bytes) fs.writeFileSync(current, bytes);
      else fs.unlinkSync(current);
      const logger = new CollectingLogger();
      const indexer = await h.open({ ...OPTIONS, storage: await FileStorage.open(dir, { logger }) });
      // The table maps keys to files. Unreadable, or gone, it leaves the store empty (FileStorage
      // logs why; the index cannot tell an index was there). A flipped bit that keeps it valid
      // JSON names a file that does not exist: that part is reported missing.
      const { outcome, reason } = indexer.loadReport;
      if (outcome === 'empty') {
        if (damage !== 'deleted') expect(logger.warnings.join('\n'), damage).toMatch(/CURRENT is unreadable/);
      } else {
        expect(['partial', 'rebuild'], damage).toContain(outcome);
        expect(reason, damage).toBeTruthy();
      }
      await indexer.sync();
      expect(snapshot(indexer), damage).toEqual(clean);
      // The orphaned data files of the lost table are collected, not left to grow the folder.
      await indexer.close();
      const table = JSON.parse(fs.readFileSync(current, 'utf8')) as { files: Record<string, string> };
      expect(fs.readdirSync(path.join(dir, 'data')).sort(), damage).toEqual(Object.values(table.files).sort());
    }
  });
});

/** Reads, replaces or deletes one raw entry of an IndexedDbStorage database. */
async function withEntries(factory: IDBFactory, name: string, work: (store: IDBObjectStore) => void): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['entries', 'sizes'], 'readwrite');
    work(tx.objectStore('entries'));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
  });
  db.close();
}

describe('a damaged IndexedDB index', () => {
  it('reopens with the damaged entry named, rebuilds it, and never throws, for every entry and kind of damage', async () => {
    for (const damage of DAMAGES) {
      for (const role of ['manifest', 'oldest segment', 'newest segment', 'lexical header', 'lexical terms']) {
        const factory = new IDBFactory();
        const name = `damaged-${damage}-${role}`;
        const h = harness(vaultFiles(9));
        const storage = await IndexedDbStorage.open(name, factory);
        const first = await h.open({ ...OPTIONS, storage });
        await first.sync();
        await first.close();
        const clean = snapshot(first);
        const key = targets(await storage.keys())[role]!;
        const bytes = damaged((await storage.read(key))!, damage);
        storage.close();
        await withEntries(factory, name, (entries) => {
          if (bytes) entries.put(bytes.slice().buffer, key);
          else entries.delete(key);
        });
        await expectRecovery(h, () => IndexedDbStorage.open(name, factory), role, key, damage, clean);
      }
    }
  });

  it('treats entries of the wrong type (a string, a number, an object) as damage, not as a crash', async () => {
    for (const value of ['not bytes', 12345, { nested: true }]) {
      const factory = new IDBFactory();
      const h = harness(vaultFiles(10, 12));
      const storage = await IndexedDbStorage.open('typed', factory);
      const first = await h.open({ ...OPTIONS, storage });
      await first.sync();
      await first.close();
      const clean = snapshot(first);
      storage.close();
      await withEntries(factory, 'typed', (entries) => entries.put(value, 'manifest'));
      const indexer = await h.open({ ...OPTIONS, storage: await IndexedDbStorage.open('typed', factory) });
      expect(indexer.loadReport.outcome, JSON.stringify(value)).toBe('rebuild');
      expect(indexer.loadReport.reason, JSON.stringify(value)).toMatch(/manifest/);
      await indexer.sync();
      expect(snapshot(indexer)).toEqual(clean);
    }
  });
});

/** FileOps that fail ("the process dies") at the n-th mutating operation. */
function dyingOps(dieAt: number): { ops: FileOps; steps: () => number } {
  let steps = 0;
  const step = <T>(run: () => Promise<T>): Promise<T> => (++steps === dieAt ? Promise.reject(new Error(`killed at file operation ${dieAt}`)) : run());
  return {
    steps: () => steps,
    ops: {
      ...nodeFileOps,
      writeFile: (p, d) => step(() => nodeFileOps.writeFile(p, d)),
      rename: (a, b) => step(() => nodeFileOps.rename(a, b)),
      unlink: (p) => step(() => nodeFileOps.unlink(p)),
      syncDir: (p) => step(() => nodeFileOps.syncDir(p)),
    },
  };
}

describe('a crash in the middle of committing', () => {
  /** What the user does between two sessions: edits, new notes, deleted notes. */
  function session(h: Harness): void {
    const rng = new Prng(11);
    for (let i = 0; i < 8; i++) h.source.write(`notes/${i}.md`, noteText(rng));
    for (let i = 0; i < 6; i++) h.source.write(`new/${i}.md`, noteText(rng));
    for (let i = 20; i < 24; i++) h.source.delete(`notes/${i}.md`);
  }

  it('FileStorage: dying at any file operation of a sync leaves a loadable index of whole notes, and the next sync completes it', async () => {
    // Count the file operations of the second session's sync first.
    const probeDir = tempDir();
    const probe = harness(vaultFiles(12));
    const good = await probe.open({ ...OPTIONS, storage: await FileStorage.open(probeDir) });
    await good.sync();
    await good.close();
    session(probe);
    const counter = dyingOps(Number.POSITIVE_INFINITY);
    const counted = await probe.open({ ...OPTIONS, storage: await FileStorage.open(probeDir, { ops: counter.ops }) });
    await counted.sync();
    await counted.close();
    const total = counter.steps();
    expect(total).toBeGreaterThan(10);

    for (let dieAt = 1; dieAt <= total; dieAt++) {
      const dir = tempDir();
      const h = harness(vaultFiles(12));
      const first = await h.open({ ...OPTIONS, storage: await FileStorage.open(dir) });
      await first.sync();
      await first.close();
      const before = new Map([...h.source.files].map(([p, f]) => [p, f.text]));
      session(h);
      const { ops } = dyingOps(dieAt);
      const dying = await h.open({ ...OPTIONS, storage: await FileStorage.open(dir, { ops }) });
      const outcome = await Promise.allSettled([dying.sync().then(() => dying.close())]);
      // Whatever the dying process did, the next one loads a consistent index.
      const next = await h.open({ ...OPTIONS, storage: await FileStorage.open(dir) });
      const label = `died at file operation ${dieAt} of ${total} (${outcome[0].status})`;
      expect(next.loadReport.outcome, label).toBe('stored');
      expect(integrityProblems(next.state), label).toEqual([]);
      for (const note of next.state.notes()) {
        // Each stored note is whole: the version from before the session or the one after.
        const versions = [before.get(note.path), h.source.files.get(note.path)?.text].filter((t) => t !== undefined);
        expect(versions.map((t) => processor(note.path, t)).some((p) => 'chunks' in p && JSON.stringify(p.chunks) === JSON.stringify(note.chunks)), `${label}: ${note.path}`).toBe(true);
      }
      await next.sync();
      expect(vaultDifferences(next.state, h.source.files), label).toEqual([]);
    }
  }, 120_000);

  it('IndexedDB: a commit failing at any put leaves the previous generation, and the next sync completes it', async () => {
    // Fail the n-th put of the session's commits (a quota error in a real browser): the transaction aborts as a whole.
    const storeProto = (await import('fake-indexeddb')).IDBObjectStore.prototype as { put: (...args: unknown[]) => unknown };
    const realPut = storeProto.put;
    let puts = 0;
    let failAt = Number.POSITIVE_INFINITY;
    storeProto.put = function put(this: unknown, ...args: unknown[]) {
      if (++puts === failAt) throw new DOMException('simulated quota exceeded', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
    try {
      const probe = harness(vaultFiles(13));
      const probeFactory = new IDBFactory();
      const p1 = await probe.open({ ...OPTIONS, storage: await IndexedDbStorage.open('p', probeFactory) });
      await p1.sync();
      await p1.close();
      session(probe);
      puts = 0;
      const p2 = await probe.open({ ...OPTIONS, storage: await IndexedDbStorage.open('p', probeFactory) });
      await p2.sync();
      const total = puts;
      expect(total).toBeGreaterThan(10);

      for (let n = 1; n <= total; n += 1) {
        const factory = new IDBFactory();
        const h = harness(vaultFiles(13));
        const first = await h.open({ ...OPTIONS, storage: await IndexedDbStorage.open('v', factory) });
        await first.sync();
        await first.close();
        const committed = snapshot(first);
        session(h);
        puts = 0;
        failAt = n;
        const failing = await h.open({ ...OPTIONS, storage: await IndexedDbStorage.open('v', factory) });
        const result = await Promise.allSettled([failing.sync()]);
        failAt = Number.POSITIVE_INFINITY;
        const label = `put ${n} of ${total} failed`;
        expect(result[0].status, label).toBe('rejected');
        // The process gives up here; the next one opens the database.
        const next = await h.open({ ...OPTIONS, storage: await IndexedDbStorage.open('v', factory) });
        expect(next.loadReport.outcome, label).toBe('stored');
        expect(integrityProblems(next.state), label).toEqual([]);
        if (n === 1) expect(snapshot(next), label).toEqual(committed);
        await next.sync();
        expect(vaultDifferences(next.state, h.source.files), label).toEqual([]);
      }
    } finally {
      storeProto.put = realPut;
    }
  }, 120_000);
});
