/**
 * Opens the vault's index database, or says why it cannot: then the index lives in memory for
 * this session (search still works; everything is indexed again at the next start).
 */
import type { IndexStorage } from '../core/ports';
import { errorMessage } from '../core/embedding/embedder-result';
import { IndexedDbStorage, indexedDbName } from './indexeddb-storage';
import { MemoryIndexStorage } from './memory-index-storage';

export type OpenedStorage =
  | { kind: 'indexeddb'; storage: IndexStorage; close(): void }
  | { kind: 'memory'; storage: IndexStorage; close(): void; reason: string };

export async function openIndexStorage(vaultId: string, factory: IDBFactory | null): Promise<OpenedStorage> {
  let reason = 'this device offers no IndexedDB';
  if (factory) {
    try {
      const storage = await IndexedDbStorage.open(indexedDbName(vaultId), factory);
      return { kind: 'indexeddb', storage, close: () => storage.close() };
    } catch (error) {
      reason = errorMessage(error);
    }
  }
  return { kind: 'memory', storage: new MemoryIndexStorage(), close: () => undefined, reason };
}

/** The window's IndexedDB, or null where there is none (or access to it throws). */
export function windowIndexedDB(): IDBFactory | null {
  try {
    return typeof window !== 'undefined' && window.indexedDB ? window.indexedDB : null;
  } catch {
    return null;
  }
}
