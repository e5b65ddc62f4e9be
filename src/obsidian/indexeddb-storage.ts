/**
 * IndexStorage in IndexedDB, for the plugin: device-local (the index never syncs with the
 * vault, so sync tools cannot corrupt or bloat it), one database per vault and plugin, and
 * every commit is one readwrite transaction, which IndexedDB makes atomic.
 *
 * Values are stored as standalone ArrayBuffers: storing a typed-array view would clone its
 * whole underlying buffer. Byte sizes live in a second store, updated in the same
 * transaction, so the status view never has to read the index to report its size.
 */
import type { IndexStorage } from '../core/ports';

const ENTRIES = 'entries';
const SIZES = 'sizes';
const VERSION = 1;

/** One database per vault and plugin. `vaultId` should be stable per vault and device, e.g. Obsidian's `app.appId`. */
export function indexedDbName(vaultId: string): string {
  return `ask-my-notes/index/${vaultId}`;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function standalone(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer;
}

export class IndexedDbStorage implements IndexStorage {
  private constructor(private readonly db: IDBDatabase) {}

  /**
   * Opens (creating if needed) the database. `factory` is the environment's `indexedDB`
   * (passed in, because the core and tests have none of their own).
   */
  static async open(name: string, factory: IDBFactory): Promise<IndexedDbStorage> {
    const req = factory.open(name, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES);
      if (!db.objectStoreNames.contains(SIZES)) db.createObjectStore(SIZES);
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error(`IndexedDB: could not open ${name}`));
      req.onblocked = () => reject(new Error(`IndexedDB: ${name} is held open by another window with an older version`));
    });
    return new IndexedDbStorage(db);
  }

  /** Deletes a vault's database entirely (e.g. "rebuild index" or uninstall clean-up). */
  static async destroy(name: string, factory: IDBFactory): Promise<void> {
    await request(factory.deleteDatabase(name));
  }

  async read(key: string): Promise<Uint8Array | null> {
    const tx = this.db.transaction(ENTRIES, 'readonly');
    const value = (await request(tx.objectStore(ENTRIES).get(key))) as ArrayBuffer | undefined;
    return value ? new Uint8Array(value) : null;
  }

  async commit(entries: Map<string, Uint8Array>, remove: string[] = []): Promise<void> {
    const tx = this.db.transaction([ENTRIES, SIZES], 'readwrite');
    const finished = done(tx);
    try {
      const values = tx.objectStore(ENTRIES);
      const sizes = tx.objectStore(SIZES);
      for (const key of remove) {
        if (entries.has(key)) continue;
        values.delete(key);
        sizes.delete(key);
      }
      for (const [key, bytes] of entries) {
        values.put(standalone(bytes), key);
        sizes.put(bytes.byteLength, key);
      }
    } catch (error) {
      // A request that throws does not abort the transaction by itself: without this, the
      // requests issued before it would commit, leaving half a commit.
      tx.abort();
      await finished.catch(() => undefined);
      throw error;
    }
    await finished;
  }

  async keys(): Promise<string[]> {
    const tx = this.db.transaction(ENTRIES, 'readonly');
    return (await request(tx.objectStore(ENTRIES).getAllKeys())).map(String);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction([ENTRIES, SIZES], 'readwrite');
    const finished = done(tx);
    tx.objectStore(ENTRIES).clear();
    tx.objectStore(SIZES).clear();
    await finished;
  }

  async sizeBytes(): Promise<number> {
    const tx = this.db.transaction(SIZES, 'readonly');
    const sizes = (await request(tx.objectStore(SIZES).getAll())) as number[];
    return sizes.reduce((sum, size) => sum + size, 0);
  }

  close(): void {
    this.db.close();
  }
}
