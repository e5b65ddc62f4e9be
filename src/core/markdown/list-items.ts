import type { BlockNode } from './block-tree';
import type { LineIndex } from './lines';
import type { ListItemCache } from './types';

/**
 * A list item as Obsidian's `listItems` records it (checked against every item in the
 * oracle):
 * - it starts where the enclosing containers' prefixes end, so an item nested under
 *   `- ` starts at col 2 even when its marker sits at col 4;
 * - it ends with its own content: an item with a nested list ends where the text before
 *   that list ends, not after its children;
 * - an item that a blank line separates from the next item of the same list ends at the
 *   start of the line after its content (micromark keeps that line ending in the item);
 * - `parent` is the line of the enclosing item, or minus the line where a root item's list
 *   starts (-1 for a list on line 0, since -0 would not read as negative).
 */
export function listItemOf(item: BlockNode, nextSibling: BlockNode | undefined, lines: LineIndex): ListItemCache {
  const end = itemEnd(item, nextSibling, lines);
  const list = item.parent;
  const owner = list?.parent;
  const parent = owner?.kind === 'item' ? owner.startLine : list && list.startLine > 0 ? -list.startLine : -1;
  const cache: ListItemCache = { position: lines.posOf(item.start, end), parent };
  if (item.task !== undefined) cache.task = item.task;
  return cache;
}

export function itemEnd(item: BlockNode, next: BlockNode | undefined, lines: LineIndex): number {
  const kids = item.children;
  if (kids.some((k) => k.kind === 'list')) {
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k && k.kind !== 'list') return k.end;
    }
    return item.end;
  }
  const lastLine = lines.lineAt(item.end);
  if (next && next.startLine > lastLine + 1) return lines.lineStart(lastLine + 1);
  return item.end;
}
