/**
 * IndexStorage in memory: the fallback when IndexedDB cannot be opened (private browsing
 * modes, a full or broken profile). Search works for the session; nothing persists.
 */
import type { IndexStorage } from '../core/ports';

export class MemoryIndexStorage implements IndexStorage {
  private readonly data = new Map<string, Uint8Array>();

  read(key: string): Promise<Uint8Array | null> {
    return Promise.resolve(this.data.get(key) ?? null);
  }

  commit(entries: Map<string, Uint8Array>, remove: string[] = []): Promise<void> {
    for (const key of remove) if (!entries.has(key)) this.data.delete(key);
    for (const [key, bytes] of entries) this.data.set(key, bytes.slice());
    return Promise.resolve();
  }

  keys(): Promise<string[]> {
    return Promise.resolve([...this.data.keys()]);
  }

  clear(): Promise<void> {
    this.data.clear();
    return Promise.resolve();
  }

  sizeBytes(): Promise<number> {
    let total = 0;
    for (const bytes of this.data.values()) total += bytes.byteLength;
    return Promise.resolve(total);
  }
}
