import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStorage, nodeFileOps, type FileOps } from '../../src/node';
import { harness, snapshot } from '../helpers/indexer-harness';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-files-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data ? new TextDecoder().decode(data) : null);

async function contents(storage: FileStorage): Promise<Record<string, string | null>> {
  const result: Record<string, string | null> = {};
  for (const key of (await storage.keys()).sort()) result[key] = text(await storage.read(key));
  return result;
}

/** Real file operations that throw ("crash") on the n-th mutating call. */
function crashingOps(crashAt: number): { ops: FileOps; calls: () => number } {
  let calls = 0;
  const step = <T>(run: () => Promise<T>): Promise<T> => {
    if (++calls === crashAt) return Promise.reject(new Error(`simulated crash at step ${crashAt}`));
    return run();
  };
  return {
    calls: () => calls,
    ops: {
      ...nodeFileOps,
      writeFile: (p, d) => step(() => nodeFileOps.writeFile(p, d)),
      rename: (a, b) => step(() => nodeFileOps.rename(a, b)),
      unlink: (p) => step(() => nodeFileOps.unlink(p)),
      syncDir: (p) => step(() => nodeFileOps.syncDir(p)),
    },
  };
}

describe('FileStorage', () => {
  it('round-trips entries across reopen, with removal and replacement', async () => {
    const dir = tempDir();
    const storage = await FileStorage.open(dir);
    await storage.commit(new Map([['manifest', bytes('m1')], ['seg/1', bytes('one')], ['seg/2', bytes('two')]]));
    await storage.commit(new Map([['manifest', bytes('m2')]]), ['seg/1']);
    const reopened = await FileStorage.open(dir);
    expect(await contents(reopened)).toEqual({ manifest: 'm2', 'seg/2': 'two' });
    expect(await reopened.sizeBytes()).toBe(5);
    // Replaced and removed files are gone from disk.
    expect(fs.readdirSync(path.join(dir, 'data'))).toHaveLength(2);
    await reopened.clear();
    expect(await contents(await FileStorage.open(dir))).toEqual({});
    expect(fs.readdirSync(path.join(dir, 'data'))).toHaveLength(0);
  });

  it('a crash at any step of a commit leaves either the previous or the new state, never a mix', async () => {
    const before = { manifest: 'm1', 'seg/1': 'one', 'seg/2': 'two' };
    const after = { manifest: 'm2', 'seg/2': 'two', 'seg/3': 'three' };
    // Count the steps of a full commit first.
    const probe = crashingOps(Number.POSITIVE_INFINITY);
    const probeStorage = await FileStorage.open(tempDir(), { ops: probe.ops });
    await probeStorage.commit(new Map(Object.entries(before).map(([k, v]) => [k, bytes(v)])));
    const start = probe.calls();
    await probeStorage.commit(new Map([['manifest', bytes('m2')], ['seg/3', bytes('three')]]), ['seg/1']);
    const steps = probe.calls() - start;
    expect(steps).toBeGreaterThanOrEqual(6);

    const outcomes = new Set<string>();
    for (let crashAt = 1; crashAt <= steps; crashAt++) {
      const dir = tempDir();
      const setup = await FileStorage.open(dir);
      await setup.commit(new Map(Object.entries(before).map(([k, v]) => [k, bytes(v)])));
      const { ops } = crashingOps(crashAt);
      const storage = await FileStorage.open(dir, { ops });
      await storage.commit(new Map([['manifest', bytes('m2')], ['seg/3', bytes('three')]]), ['seg/1']).catch(() => undefined);
      // The process dies; a new one opens the directory.
      const state = await contents(await FileStorage.open(dir));
      expect([before, after]).toContainEqual(state);
      outcomes.add(JSON.stringify(state) === JSON.stringify(before) ? 'before' : 'after');
      // No orphaned files survive the reopen.
      expect(fs.readdirSync(path.join(dir, 'data')).length).toBe(Object.keys(state).length);
    }
    expect(outcomes).toEqual(new Set(['before', 'after']));
  });

  it('treats an unreadable CURRENT as an empty store', async () => {
    const dir = tempDir();
    const storage = await FileStorage.open(dir);
    await storage.commit(new Map([['manifest', bytes('m')]]));
    fs.writeFileSync(path.join(dir, 'CURRENT'), '{"format":1,"gener');
    const reopened = await FileStorage.open(dir);
    expect(await reopened.keys()).toEqual([]);
  });

  it('holds a whole index: the indexer reopens it from disk and a crash mid-commit keeps the previous generation', async () => {
    const dir = tempDir();
    const h = harness({ 'a.md': 'Alfa.\n\nBeta.', 'b.md': 'Gama.' });
    const first = await h.open({ storage: await FileStorage.open(dir) });
    await first.sync();
    const committed = snapshot(first);
    await first.close();

    // Next session: an edit whose commit crashes on the manifest's rename.
    const { ops } = crashingOps(Number.POSITIVE_INFINITY);
    let renames = 0;
    const storage = await FileStorage.open(dir, { ops: { ...ops, rename: (a, b) => (++renames === 1 ? Promise.reject(new Error('power cut')) : nodeFileOps.rename(a, b)) } });
    const second = await h.open({ storage });
    h.source.write('a.md', 'Alfa mudou.\n\nBeta.');
    await expect(second.sync()).rejects.toThrow('power cut');

    const third = await h.open({ storage: await FileStorage.open(dir) });
    expect(third.loadReport.outcome).toBe('stored');
    expect(snapshot(third)).toEqual(committed);
    await third.sync();
    expect(third.state.note('a.md')?.chunks[0]?.text).toBe('Alfa mudou.');
  });
});
