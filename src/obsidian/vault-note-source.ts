/**
 * The vault as the indexer's NoteSource: Markdown files with their stats, read through
 * `cachedRead` (Obsidian serves recently opened notes from memory; the indexer compares content
 * hashes, so a stale cache at worst defers a change to the `modify` event that follows).
 */
import { TFile, type Vault } from 'obsidian';
import type { NoteSource, NoteStat } from '../core/ports';

export class VaultNoteSource implements NoteSource {
  constructor(private readonly vault: Vault) {}

  list(): Promise<NoteStat[]> {
    return Promise.resolve(this.vault.getMarkdownFiles().map(noteStat));
  }

  async read(path: string): Promise<string> {
    const file = this.vault.getAbstractFileByPath(path);
    if (!(file instanceof TFile)) throw new Error(`${path} is no longer in the vault`);
    return this.vault.cachedRead(file);
  }
}

export function noteStat(file: TFile): NoteStat {
  return { path: file.path, mtime: file.stat.mtime, size: file.stat.size };
}

export function isMarkdownFile(file: unknown): file is TFile {
  return file instanceof TFile && file.extension === 'md';
}
