/** The file operations FileStorage needs, injectable so tests can simulate a crash between any two steps. */
import fs from 'node:fs/promises';

export interface FileOps {
  readFile(path: string): Promise<Uint8Array>;
  /** Writes and flushes to disk (fsync) before resolving. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<void>;
  size(path: string): Promise<number>;
  /** Flushes a directory entry change (a rename) to disk where the platform allows it. */
  syncDir(path: string): Promise<void>;
}

export const nodeFileOps: FileOps = {
  readFile: async (path) => new Uint8Array(await fs.readFile(path)),
  writeFile: async (path, data) => {
    const handle = await fs.open(path, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
  readdir: (path) => fs.readdir(path),
  mkdir: async (path) => {
    await fs.mkdir(path, { recursive: true });
  },
  size: async (path) => (await fs.stat(path)).size,
  syncDir: async (path) => {
    // Directories cannot be opened for fsync on Windows; there the rename is as durable as it gets.
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(path, 'r');
      await handle.sync();
    } catch {
      // best effort
    } finally {
      await handle?.close();
    }
  },
};
