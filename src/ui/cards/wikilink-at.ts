/** The `[[wikilink]]` (or `![[embed]]`) under a column of a line, as the editor shows it. */

export interface LinkAt {
  /** The link target without alias: `Note`, `Note#Heading`, `Folder/Note`. */
  linktext: string;
  /** Columns of the whole `[[…]]` (from inclusive, to exclusive). */
  from: number;
  to: number;
}

const WIKILINK = /!?\[\[([^[\]]+)\]\]/g;

/** `ch` anywhere from the first bracket to just after the last counts as on the link. */
export function wikilinkAt(line: string, ch: number): LinkAt | null {
  for (const match of line.matchAll(WIKILINK)) {
    const from = match.index;
    const to = from + match[0].length;
    if (ch < from) return null;
    if (ch > to) continue;
    const linktext = (match[1] ?? '').split('|')[0]!.trim();
    return linktext === '' ? null : { linktext, from, to };
  }
  return null;
}
