import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { NoteSource, NoteStat } from '../core/ports';

/** Folders that hold app state, not notes. Obsidian itself never indexes these. */
const IGNORED_DIRS = new Set(['.obsidian', '.trash', '.git', 'node_modules', '.smart-env', '.DS_Store']);

/** A vault on disk: every `.md` file under a folder, with vault-relative forward-slash paths. */
export class FsNoteSource implements NoteSource {
  constructor(readonly root: string) {}

  async list(): Promise<NoteStat[]> {
    const out: NoteStat[] = [];
    await this.walk(this.root, out);
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return out;
  }

  async read(notePath: string): Promise<string> {
    return fs.readFile(this.absolute(notePath), 'utf8');
  }

  absolute(notePath: string): string {
    return path.join(this.root, ...notePath.split('/'));
  }

  private async walk(dir: string, out: NoteStat[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw new Error(`Cannot read folder ${dir}: ${(err as Error).message}`);
    }
    for (const entry of entries) {
      if (IGNORED_DIRS.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await this.walk(full, out);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        const stat = await fs.stat(full);
        out.push({ path: path.relative(this.root, full).split(path.sep).join('/'), mtime: stat.mtimeMs, size: stat.size });
      }
    }
  }
}
