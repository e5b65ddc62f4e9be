import type { BlockNode } from './block-tree';
import type { LineIndex } from './lines';
import type { SectionCache } from './types';

/**
 * Obsidian's `sections` are the top-level blocks of the note, typed with mdast node names
 * (plus `callout` and `comment`). A blockquote that is a callout is typed `callout`.
 */
export function sectionOf(block: BlockNode, lines: LineIndex, isCallout: boolean): SectionCache {
  return { type: sectionType(block, isCallout), position: lines.posOf(block.start, block.end) };
}

function sectionType(block: BlockNode, isCallout: boolean): string {
  switch (block.kind) {
    case 'blockquote':
      return isCallout ? 'callout' : 'blockquote';
    case 'item':
      return 'list';
    default:
      return block.kind;
  }
}
