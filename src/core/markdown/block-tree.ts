/**
 * The block structure of a note body, as the block parser builds it: CommonMark
 * containers and leaves plus Obsidian's `%%` comment and `$$` math blocks, tables and
 * footnote definitions. Offsets are into the original note text.
 */

export type BlockKind =
  | 'document'
  | 'blockquote'
  | 'list'
  | 'item'
  | 'footnoteDefinition'
  | 'paragraph'
  | 'heading'
  | 'code'
  | 'html'
  | 'thematicBreak'
  | 'table'
  | 'math'
  | 'comment';

/** A run of inline text on one source line: `[start, end)` offsets. */
export interface Segment {
  start: number;
  end: number;
}

export interface ListData {
  ordered: boolean;
  /** `-`, `*`, `+` for bullets; `.` or `)` for ordered lists. */
  marker: string;
  /** Columns from the container's content start to the marker. */
  markerOffset: number;
  /** Columns from the marker to the item's content. */
  padding: number;
}

export interface BlockNode {
  kind: BlockKind;
  parent: BlockNode | null;
  children: BlockNode[];
  open: boolean;
  /** Offset where the block starts (containers: where their prefix starts; leaves: first non-space). */
  start: number;
  startLine: number;
  /** Offset just past the last character that belongs to the block (trailing blank lines excluded). */
  end: number;
  /** Nesting depth: 0 for the document, 1 for its children, ... */
  depth: number;
  /** Inline content, one segment per source line (paragraphs, headings, table rows). */
  segments: Segment[];
  /** Heading level (1-6). */
  level?: number;
  /** Fenced code: fence character, length and indentation. Unset for indented code. */
  fence?: { char: string; length: number; indent: number };
  htmlType?: number;
  list?: ListData;
  /** Task checkbox character of a list item (`' '`, `'x'`, ...). */
  task?: string;
  /** Blockquotes: for each line that carried this quote's `>`, the offset just after the marker (and its optional space). */
  quoteLines?: number[];
}

export function newBlock(kind: BlockKind, start: number, line: number): BlockNode {
  return { kind, parent: null, children: [], open: true, start, startLine: line, end: start, depth: 0, segments: [] };
}

/** Containers hold other blocks; every other kind is a leaf. */
export function isContainer(kind: BlockKind): boolean {
  return kind === 'document' || kind === 'blockquote' || kind === 'list' || kind === 'item' || kind === 'footnoteDefinition';
}

/**
 * Visits every block in document order without recursion, so a pathologically deep tree
 * (thousands of nested `>`) cannot overflow the call stack.
 */
export function walkBlocks(root: BlockNode, visit: (block: BlockNode, depth: number) => void): void {
  const stack: Array<{ block: BlockNode; depth: number }> = [{ block: root, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    visit(top.block, top.depth);
    const kids = top.block.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const child = kids[i];
      if (child) stack.push({ block: child, depth: top.depth + 1 });
    }
  }
}
