/**
 * IndexStorage over a directory, for the CLI (Node only; the plugin uses IndexedDB). Never
 * point it inside a vault: see `defaultIndexDir`.
 *
 * Atomic commits, LevelDB-style: every commit writes its entries to NEW files
 * (`data/<generation>-<n>.bin`, fsynced), then writes the key → file table to
 * `CURRENT.tmp`, fsyncs it and renames it over `CURRENT` (atomic on POSIX and NTFS), then
 * deletes the files the new table no longer names. A crash before the rename leaves the old
 * `CURRENT` and the old files untouched; after it, the new state is complete. Leftovers of
 * a crashed commit are deleted the next time the storage is opened.
 */
import path from 'node:path';
import type { IndexStorage, Logger } from '../core/ports';
import { silentLogger } from '../core/ports';
import { nodeFileOps, type FileOps } from './file-ops';

const CURRENT = 'CURRENT';
const CURRENT_TMP = 'CURRENT.tmp';
const DATA = 'data';
const FORMAT = 1;

interface Table {
  format: number;
  generation: number;
  /** key → file name inside data/ */
  files: Record<string, string>;
}

const emptyTable = (): Table => ({ format: FORMAT, generation: 0, files: {} });

export class FileStorage implements IndexStorage {
  private table: Table = emptyTable();

  private constructor(
    readonly dir: string,
    private readonly ops: FileOps,
    private readonly logger: Logger,
  ) {}

  /** Opens (creating if needed) the store in `dir`, and removes leftovers of an interrupted commit. */
  static async open(dir: string, options: { ops?: FileOps; logger?: Logger } = {}): Promise<FileStorage> {
    const storage = new FileStorage(dir, options.ops ?? nodeFileOps, options.logger ?? silentLogger);
    await storage.ops.mkdir(path.join(dir, DATA));
    storage.table = await storage.readTable();
    await storage.collectGarbage();
    return storage;
  }

  async read(key: string): Promise<Uint8Array | null> {
    const file = this.table.files[key];
    if (file === undefined) return null;
    try {
      return await this.ops.readFile(path.join(this.dir, DATA, file));
    } catch (error) {
      // A file the table names but the disk lost: report it as absent, so the index sees a missing part and rebuilds it.
      this.logger.warn(`FileStorage: ${file} for key "${key}" could not be read`, error);
      return null;
    }
  }

  async commit(entries: Map<string, Uint8Array>, remove: string[] = []): Promise<void> {
    const generation = this.table.generation + 1;
    const files = { ...this.table.files };
    let n = 0;
    for (const [key, bytes] of entries) {
      const file = `${generation.toString(36)}-${(n++).toString(36)}.bin`;
      await this.ops.writeFile(path.join(this.dir, DATA, file), bytes);
      files[key] = file;
    }
    for (const key of remove) {
      if (!entries.has(key)) delete files[key];
    }
    const next: Table = { format: FORMAT, generation, files };
    await this.ops.writeFile(path.join(this.dir, CURRENT_TMP), new TextEncoder().encode(JSON.stringify(next)));
    await this.ops.rename(path.join(this.dir, CURRENT_TMP), path.join(this.dir, CURRENT));
    await this.ops.syncDir(this.dir);
    const previous = this.table;
    this.table = next;
    const live = new Set(Object.values(next.files));
    for (const file of Object.values(previous.files)) {
      if (!live.has(file)) await this.unlinkQuietly(path.join(this.dir, DATA, file));
    }
  }

  keys(): Promise<string[]> {
    return Promise.resolve(Object.keys(this.table.files));
  }

  async clear(): Promise<void> {
    await this.commit(new Map(), Object.keys(this.table.files));
    await this.collectGarbage();
  }

  async sizeBytes(): Promise<number> {
    let total = 0;
    for (const file of Object.values(this.table.files)) {
      try {
        total += await this.ops.size(path.join(this.dir, DATA, file));
      } catch {
        // missing file: counts as nothing
      }
    }
    return total;
  }

  private async readTable(): Promise<Table> {
    let bytes: Uint8Array;
    try {
      bytes = await this.ops.readFile(path.join(this.dir, CURRENT));
    } catch {
      return emptyTable();
    }
    try {
      const table = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Table;
      const valid =
        table.format === FORMAT &&
        Number.isSafeInteger(table.generation) &&
        typeof table.files === 'object' &&
        table.files !== null &&
        Object.values(table.files).every((f) => typeof f === 'string' && /^[0-9a-z]+-[0-9a-z]+\.bin$/.test(f));
      if (valid) return table;
    } catch {
      // fall through
    }
    this.logger.warn(`FileStorage: ${path.join(this.dir, CURRENT)} is unreadable; starting from an empty store`);
    return emptyTable();
  }

  /** Deletes data files the table does not name (from a commit that crashed before its rename) and a stale CURRENT.tmp. */
  private async collectGarbage(): Promise<void> {
    const live = new Set(Object.values(this.table.files));
    for (const file of await this.ops.readdir(path.join(this.dir, DATA))) {
      if (!live.has(file)) await this.unlinkQuietly(path.join(this.dir, DATA, file));
    }
    await this.unlinkQuietly(path.join(this.dir, CURRENT_TMP));
  }

  private async unlinkQuietly(file: string): Promise<void> {
    try {
      await this.ops.unlink(file);
    } catch {
      // already gone, or locked: the next open collects it
    }
  }
}
