/** IndexStorage in memory: commit applies all entries at once, like the real adapters. */
import type { IndexStorage } from '../../src/core/ports';

export class MemoryStorage implements IndexStorage {
  readonly data = new Map<string, Uint8Array>();
  commits = 0;
  /** Bytes written by commits, to measure write amplification. */
  bytesWritten = 0;
  /** When set, the next commit throws before changing anything (a crash or a full disk). */
  failNextCommit: Error | null = null;

  read(key: string): Promise<Uint8Array | null> {
    const value = this.data.get(key);
    return Promise.resolve(value ? value.slice() : null);
  }

  commit(entries: Map<string, Uint8Array>, remove: string[] = []): Promise<void> {
    if (this.failNextCommit) {
      const error = this.failNextCommit;
      this.failNextCommit = null;
      return Promise.reject(error);
    }
    for (const [key, value] of entries) {
      this.data.set(key, value.slice());
      this.bytesWritten += value.length;
    }
    for (const key of remove) this.data.delete(key);
    this.commits++;
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
    for (const value of this.data.values()) total += value.length;
    return Promise.resolve(total);
  }
}
