/**
 * ModelStore in IndexedDB: per device (Obsidian's app origin, shared by all vaults on the
 * device, never synced). Each downloaded piece is its own record, written in the same
 * transaction as the file's staged size, so a crash leaves a consistent resume point.
 *
 * Stores: `manifests` (modelId → ModelManifest), `staging` ([modelId, file] → { size }),
 * `pieces` ([modelId, file, offset] → bytes).
 */
import { platformIndexedDB } from '../core/embedding/globals';
import type { ModelManifest, ModelStore } from '../core/embedding/model-store';

export const MODEL_DB_NAME = 'ask-my-notes-models';
const VERSION = 1;

interface PieceRecord {
  bytes: ArrayBuffer;
}
interface StagingRecord {
  size: number;
}

export class IndexedDbModelStore implements ModelStore {
  readonly description: string;
  private db: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory | undefined = platformIndexedDB(),
    private readonly name = MODEL_DB_NAME,
  ) {
    this.description = `IndexedDB '${name}'`;
  }

  async manifest(modelId: string): Promise<ModelManifest | null> {
    const value = await this.get<ModelManifest>('manifests', modelId);
    return value ?? null;
  }

  async stagedSize(modelId: string, file: string): Promise<number> {
    return (await this.get<StagingRecord>('staging', [modelId, file]))?.size ?? 0;
  }

  async appendStaged(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void> {
    const db = await this.open();
    const copy = bytes.slice().buffer;
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['staging', 'pieces'], 'readwrite');
      let refused: Error | null = null;
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(refused ?? tx.error ?? new Error(`Writing ${file} to ${this.description} was aborted.`));
      const staging = tx.objectStore('staging');
      const read = staging.get([modelId, file]);
      read.onsuccess = () => {
        const size = (read.result as StagingRecord | undefined)?.size ?? 0;
        if (size !== offset) {
          refused = new Error(`Cannot write ${file} at byte ${offset}: ${size} bytes are staged.`);
          tx.abort();
          return;
        }
        tx.objectStore('pieces').put({ bytes: copy } satisfies PieceRecord, [modelId, file, offset]);
        staging.put({ size: offset + bytes.byteLength } satisfies StagingRecord, [modelId, file]);
      };
    });
  }

  async readStaged(modelId: string, file: string): Promise<Uint8Array> {
    const size = await this.stagedSize(modelId, file);
    const db = await this.open();
    // Pieces are copied into one preallocated buffer: a 120 MB model never exists twice in memory.
    const out = new Uint8Array(size);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('pieces', 'readonly');
      const cursor = tx.objectStore('pieces').openCursor(IDBKeyRange.bound([modelId, file, 0], [modelId, file, Number.MAX_SAFE_INTEGER]));
      let failure: Error | null = null;
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || failure) return;
        const offset = (c.key as [string, string, number])[2];
        const bytes = new Uint8Array((c.value as PieceRecord).bytes);
        if (offset + bytes.byteLength > size) failure = new Error(`${file} in ${this.description} has a piece past its staged size.`);
        else out.set(bytes, offset);
        c.continue();
      };
      tx.oncomplete = () => (failure ? reject(failure) : resolve());
      tx.onabort = () => reject(tx.error ?? new Error(`Reading ${file} from ${this.description} was aborted.`));
    });
    return out;
  }

  async discardStaged(modelId: string, file: string): Promise<void> {
    await this.write(['staging', 'pieces'], (tx) => {
      tx.objectStore('staging').delete([modelId, file]);
      tx.objectStore('pieces').delete(IDBKeyRange.bound([modelId, file, 0], [modelId, file, Number.MAX_SAFE_INTEGER]));
    });
  }

  async commit(manifest: ModelManifest): Promise<void> {
    await this.write(['manifests'], (tx) => tx.objectStore('manifests').put(manifest));
  }

  async read(modelId: string, file: string): Promise<Uint8Array | null> {
    const manifest = await this.manifest(modelId);
    if (!manifest?.files.some((f) => f.name === file)) return null;
    return this.readStaged(modelId, file);
  }

  async remove(modelId: string): Promise<void> {
    // [modelId, []] sorts after every [modelId, <string>, …] key: arrays sort after strings.
    const range = IDBKeyRange.bound([modelId], [modelId, []]);
    await this.write(['manifests', 'staging', 'pieces'], (tx) => {
      tx.objectStore('manifests').delete(modelId);
      tx.objectStore('staging').delete(range);
      tx.objectStore('pieces').delete(range);
    });
  }

  async list(): Promise<ModelManifest[]> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const request = db.transaction('manifests', 'readonly').objectStore('manifests').getAll();
      request.onsuccess = () => resolve(request.result as ModelManifest[]);
      request.onerror = () => reject(request.error ?? new Error(`Listing models in ${this.description} failed.`));
    });
  }

  /** Closes the connection (tests, plugin unload). */
  async close(): Promise<void> {
    const db = await this.db?.catch(() => null);
    db?.close();
    this.db = null;
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!this.factory) {
        reject(new Error('IndexedDB is not available here, so downloaded models cannot be stored.'));
        return;
      }
      const request = this.factory.open(this.name, VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('manifests')) db.createObjectStore('manifests', { keyPath: 'modelId' });
        if (!db.objectStoreNames.contains('staging')) db.createObjectStore('staging');
        if (!db.objectStoreNames.contains('pieces')) db.createObjectStore('pieces');
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab or a newer plugin version wants to upgrade: let it.
        db.onversionchange = () => {
          db.close();
          this.db = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error(`Opening ${this.description} failed.`));
      request.onblocked = () => reject(new Error(`Opening ${this.description} is blocked by another open window.`));
    });
    this.db.catch(() => (this.db = null));
    return this.db;
  }

  private async get<T>(store: string, key: IDBValidKey): Promise<T | undefined> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const request = db.transaction(store, 'readonly').objectStore(store).get(key);
      request.onsuccess = () => resolve(request.result as T | undefined);
      request.onerror = () => reject(request.error ?? new Error(`Reading ${store} from ${this.description} failed.`));
    });
  }

  private async write(stores: string[], fill: (tx: IDBTransaction) => void): Promise<void> {
    const db = await this.open();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(stores, 'readwrite');
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error(`Writing to ${this.description} was aborted.`));
      fill(tx);
    });
  }
}
