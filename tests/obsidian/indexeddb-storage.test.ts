import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { IndexedDbStorage, indexedDbName } from '../../src/obsidian/indexeddb-storage';
import { harness, snapshot } from '../helpers/indexer-harness';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data ? new TextDecoder().decode(data) : null);

describe('IndexedDbStorage', () => {
  it('round-trips entries, removes in the same commit, and reports sizes', async () => {
    const factory = new IDBFactory();
    const storage = await IndexedDbStorage.open(indexedDbName('vault-1'), factory);
    await storage.commit(new Map([['manifest', bytes('m1')], ['seg/1', bytes('one')]]));
    await storage.commit(new Map([['manifest', bytes('m22')], ['seg/2', bytes('two')]]), ['seg/1']);
    storage.close();
    const reopened = await IndexedDbStorage.open(indexedDbName('vault-1'), factory);
    expect((await reopened.keys()).sort()).toEqual(['manifest', 'seg/2']);
    expect(text(await reopened.read('manifest'))).toBe('m22');
    expect(await reopened.read('seg/1')).toBeNull();
    expect(await reopened.sizeBytes()).toBe(6);
    await reopened.clear();
    expect(await reopened.keys()).toEqual([]);
    expect(await reopened.sizeBytes()).toBe(0);
  });

  it('stores a view of a larger buffer as just its own bytes', async () => {
    const storage = await IndexedDbStorage.open('views', new IDBFactory());
    const big = bytes('0123456789');
    await storage.commit(new Map([['k', big.subarray(2, 5)]]));
    expect(text(await storage.read('k'))).toBe('234');
    expect(await storage.sizeBytes()).toBe(3);
  });

  it('keeps one database per vault', async () => {
    const factory = new IDBFactory();
    const a = await IndexedDbStorage.open(indexedDbName('A'), factory);
    const b = await IndexedDbStorage.open(indexedDbName('B'), factory);
    await a.commit(new Map([['manifest', bytes('a')]]));
    expect(await b.keys()).toEqual([]);
  });

  it('a commit that fails leaves the previous state (the transaction aborts as a whole)', async () => {
    const storage = await IndexedDbStorage.open('atomic', new IDBFactory());
    await storage.commit(new Map([['manifest', bytes('old')], ['seg/1', bytes('one')]]));
    // A value IndexedDB cannot clone makes the put throw partway through the transaction.
    const poisoned = new Map<string, Uint8Array>([['manifest', bytes('new')], ['seg/2', { byteLength: 1, byteOffset: 0, buffer: () => undefined } as unknown as Uint8Array]]);
    await expect(storage.commit(poisoned, ['seg/1'])).rejects.toThrow();
    expect(text(await storage.read('manifest'))).toBe('old');
    expect(text(await storage.read('seg/1'))).toBe('one');
    expect(await storage.read('seg/2')).toBeNull();
  });

  it('holds a whole index: reopening restores it without re-embedding', async () => {
    const factory = new IDBFactory();
    const h = harness({ 'a.md': 'Alfa.\n\nBeta.', 'b.md': 'Gama.' });
    const first = await h.open({ storage: await IndexedDbStorage.open(indexedDbName('v'), factory) });
    await first.sync();
    const stored = snapshot(first);
    await first.close();
    const embedded = h.embedder.embedded.length;
    const second = await h.open({ storage: await IndexedDbStorage.open(indexedDbName('v'), factory) });
    expect(second.loadReport.outcome).toBe('stored');
    expect(snapshot(second)).toEqual(stored);
    await second.sync();
    expect(h.embedder.embedded.length).toBe(embedded);
  });
});
