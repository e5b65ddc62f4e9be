/** A NoteSource over a folder of Markdown files (test helper; the CLI has its own). */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { NoteSource, NoteStat } from '../../src/core/ports';

export class FolderSource implements NoteSource {
  constructor(private readonly root: string) {}

  async list(): Promise<NoteStat[]> {
    const result: NoteStat[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith('.md')) {
          const stat = await fs.stat(full);
          result.push({ path: path.relative(this.root, full).split(path.sep).join('/'), mtime: stat.mtimeMs, size: stat.size });
        }
      }
    };
    await walk(this.root);
    return result.sort((a, b) => a.path.localeCompare(b.path));
  }

  read(notePath: string): Promise<string> {
    return fs.readFile(path.join(this.root, notePath), 'utf8');
  }
}
