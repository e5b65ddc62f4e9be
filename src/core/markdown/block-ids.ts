import type { BlockNode } from './block-tree';
import type { LineIndex } from './lines';

/**
 * Block identifiers (`^id`, Latin letters, digits and dashes) as Obsidian assigns them:
 * at the end of the last line of a paragraph, quote, callout or table, or of a list item's
 * own content. An `^id` alone in a paragraph of its own names the block before it, which is
 * how the Help vault tells authors to label lists, quotes and tables.
 */
const TRAILING_ID = /(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/;
const LONE_ID = /^[ \t]*\^([A-Za-z0-9-]+)[ \t]*$/;

/** The `^id` that ends the text between `start` and `end` (only its last line is looked at). */
export function trailingBlockId(text: string, lines: LineIndex, start: number, end: number): string | null {
  const lastLineStart = Math.max(start, lines.lineStart(lines.lineAt(end)));
  const m = TRAILING_ID.exec(text.slice(lastLineStart, end));
  return m?.[1] ?? null;
}

/** The id when a paragraph is nothing but `^id`. */
export function loneBlockId(text: string, block: BlockNode): string | null {
  if (block.kind !== 'paragraph' || block.segments.length !== 1) return null;
  const seg = block.segments[0];
  if (!seg) return null;
  return LONE_ID.exec(text.slice(seg.start, seg.end))?.[1] ?? null;
}

export function canCarryBlockId(block: BlockNode): boolean {
  return block.kind === 'paragraph' || block.kind === 'blockquote' || block.kind === 'table' || block.kind === 'footnoteDefinition';
}
