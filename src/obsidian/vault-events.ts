/**
 * Obsidian's vault events as the indexer's VaultEvents. Only Markdown files matter; a rename
 * across the `.md` boundary (e.g. `a.md` → `a.txt`) is a delete or a create. Folder renames
 * need nothing here: Obsidian fires `rename` for every file inside as well.
 */
import type { TAbstractFile } from 'obsidian';
import type { VaultEvent } from '../core/index/types';
import { isMarkdownFile, noteStat } from './vault-note-source';

export function createEvent(file: TAbstractFile): VaultEvent | null {
  return isMarkdownFile(file) ? { type: 'create', stat: noteStat(file) } : null;
}

export function modifyEvent(file: TAbstractFile): VaultEvent | null {
  return isMarkdownFile(file) ? { type: 'modify', stat: noteStat(file) } : null;
}

export function deleteEvent(file: TAbstractFile): VaultEvent | null {
  return isMarkdownFile(file) ? { type: 'delete', path: file.path } : null;
}

export function renameEvent(file: TAbstractFile, oldPath: string): VaultEvent | null {
  const wasNote = oldPath.endsWith('.md');
  if (isMarkdownFile(file)) return wasNote ? { type: 'rename', oldPath, stat: noteStat(file) } : { type: 'create', stat: noteStat(file) };
  return wasNote ? { type: 'delete', path: oldPath } : null;
}
