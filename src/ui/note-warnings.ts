/**
 * Notes that were indexed although part of them could not be read as written (broken YAML
 * frontmatter, bytes that are not UTF-8, a parser limit): the index status window lists them
 * with the reason, so the user knows which notes to look at.
 */
import type { NotesEngine } from '../core/engine';

export interface NoteWarningRow {
  path: string;
  /** "line 3: Frontmatter is not valid YAML: …", or the message alone when no line is known. */
  text: string;
}

export function noteWarnings(engine: Pick<NotesEngine, 'indexer'>): NoteWarningRow[] {
  const indexer = engine.indexer();
  if (!indexer) return [];
  const rows: NoteWarningRow[] = [];
  for (const note of indexer.state.notes()) {
    for (const warning of note.meta.warnings) {
      rows.push({ path: note.path, text: warning.line !== undefined ? `line ${warning.line + 1}: ${warning.message}` : warning.message });
    }
  }
  return rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
