/** An in-memory vault for tests: edits return the VaultEvent the Obsidian adapter would send. */
import type { NoteSource, NoteStat } from '../../src/core/ports';
import type { VaultEvent } from '../../src/core/index/types';

export class MemorySource implements NoteSource {
  readonly files = new Map<string, { text: string; mtime: number }>();
  reads = 0;
  private tick = 1000;
  /** Paths whose reads fail, to test failure handling. */
  readonly unreadable = new Set<string>();
  /** Paths whose reads wait until the gate's promise resolves, to interleave work deterministically. */
  readonly readGates = new Map<string, Promise<void>>();

  constructor(initial: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(initial)) this.files.set(path, { text, mtime: this.tick++ });
  }

  list(): Promise<NoteStat[]> {
    return Promise.resolve([...this.files].map(([path, f]) => ({ path, mtime: f.mtime, size: byteLength(f.text) })));
  }

  async read(path: string): Promise<string> {
    this.reads++;
    const gate = this.readGates.get(path);
    if (gate) await gate;
    const file = this.files.get(path);
    if (!file || this.unreadable.has(path)) throw new Error(`ENOENT: no such file ${path}`);
    return file.text;
  }

  stat(path: string): NoteStat {
    const file = this.files.get(path);
    if (!file) throw new Error(`no file ${path}`);
    return { path, mtime: file.mtime, size: byteLength(file.text) };
  }

  write(path: string, text: string): VaultEvent {
    const existed = this.files.has(path);
    this.files.set(path, { text, mtime: this.tick++ });
    return { type: existed ? 'modify' : 'create', stat: this.stat(path) };
  }

  /** Changes the mtime only (e.g. a sync tool touching files). */
  touch(path: string): VaultEvent {
    const file = this.files.get(path);
    if (!file) throw new Error(`no file ${path}`);
    file.mtime = this.tick++;
    return { type: 'modify', stat: this.stat(path) };
  }

  delete(path: string): VaultEvent {
    this.files.delete(path);
    return { type: 'delete', path };
  }

  rename(oldPath: string, newPath: string): VaultEvent {
    const file = this.files.get(oldPath);
    if (!file) throw new Error(`no file ${oldPath}`);
    this.files.delete(oldPath);
    // Obsidian keeps mtime on rename.
    this.files.set(newPath, file);
    return { type: 'rename', oldPath, stat: this.stat(newPath) };
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
