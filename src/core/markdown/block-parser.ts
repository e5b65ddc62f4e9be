import { type BlockKind, type BlockNode, isContainer, newBlock } from './block-tree';
import { LineCursor } from './block-cursor';
import { tryBlockStarts } from './block-starts';
import { HTML_BLOCK_CLOSE } from './html-syntax';
import type { LineIndex } from './lines';

/**
 * Splits a note body into blocks with CommonMark's two-phase line algorithm (the one in
 * commonmark.js and the spec's appendix): each line first continues the open containers,
 * then may open new blocks, and what remains is paragraph text, lazy continuation
 * included. Obsidian's metadata parser is CommonMark-based (its section types are mdast
 * node names), so following the spec is what makes sections and list items line up.
 *
 * Linear in the input: every line is visited once and each step consumes characters.
 * Containers nest at most {@link MAX_CONTAINER_DEPTH} deep; deeper `>`/list markers are
 * read as paragraph text, which keeps a crafted note from exhausting the stack.
 */
export const MAX_CONTAINER_DEPTH = 64;

export class BlockParser {
  readonly cur = new LineCursor();
  doc: BlockNode;
  tip: BlockNode;
  private oldtip: BlockNode;
  private lastMatchedContainer: BlockNode;
  /** False while the line has not yet closed the blocks it failed to continue. */
  allClosed = true;
  /** First line (0-based) where a `>` went past {@link MAX_CONTAINER_DEPTH} and was read as text; null if none. */
  depthLimitLine: number | null = null;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {
    this.doc = newBlock('document', 0, 0);
    this.tip = this.doc;
    this.oldtip = this.doc;
    this.lastMatchedContainer = this.doc;
  }

  /** Parses lines `fromLine..` (the body after any frontmatter). */
  parse(fromLine: number): BlockNode {
    const lines = this.lines;
    this.doc.start = lines.lineStart(fromLine);
    this.doc.startLine = fromLine;
    this.doc.end = this.doc.start;
    const count = lines.lineCount;
    for (let n = fromLine; n < count; n++) {
      const base = lines.lineStart(n);
      const line = this.text.slice(base, lines.lineEnd(n));
      // A BOM is not content: Markdown at the very start of the note begins after it.
      const skip = base === 0 && line.charCodeAt(0) === 0xfeff ? 1 : 0;
      this.cur.reset(line, base, n, skip);
      this.incorporateLine();
    }
    while (this.tip !== this.doc) this.finalize(this.tip);
    this.doc.open = false;
    return this.doc;
  }

  private incorporateLine(): void {
    const cur = this.cur;
    let container = this.doc;
    this.oldtip = this.tip;
    for (let last = lastChild(container); last?.open; last = lastChild(container)) {
      container = last;
      cur.findNextNonspace();
      const r = this.continueBlock(container);
      if (r === 2) return;
      if (r === 1) {
        container = container.parent ?? this.doc;
        break;
      }
    }
    this.allClosed = container === this.oldtip;
    this.lastMatchedContainer = container;

    let matchedLeaf = acceptsLines(container.kind) && container.kind !== 'paragraph' && container.kind !== 'table';
    while (!matchedLeaf) {
      cur.findNextNonspace();
      if (!cur.indented && !maybeSpecial(cur.peek(cur.nextNonspace))) {
        cur.advanceNextNonspace();
        break;
      }
      const res = tryBlockStarts(this, container);
      if (res === 0) {
        cur.advanceNextNonspace();
        break;
      }
      container = this.tip;
      if (res === 2) matchedLeaf = true;
    }

    if (!this.allClosed && !cur.blank && this.tip.kind === 'paragraph') {
      this.addLine(this.tip); // lazy paragraph continuation
      return;
    }
    this.closeUnmatchedBlocks();
    if (acceptsLines(container.kind)) {
      this.addLine(container);
      if (container.kind === 'html' && container.open) {
        const type = container.htmlType ?? 0;
        if (type >= 1 && type <= 5 && HTML_BLOCK_CLOSE[type]?.test(cur.line.slice(cur.offset))) this.finalize(container);
      }
    } else if (cur.offset < cur.line.length && !cur.blank) {
      const p = this.addChild('paragraph', cur.nextNonspace);
      cur.advanceNextNonspace();
      this.addLine(p);
    }
  }

  /** 0: the line continues the block; 1: it does not; 2: it closed the block and is used up. */
  private continueBlock(block: BlockNode): 0 | 1 | 2 {
    const cur = this.cur;
    switch (block.kind) {
      case 'blockquote':
        if (!cur.indented && cur.peek(cur.nextNonspace) === 62 /* > */) {
          cur.advanceNextNonspace();
          cur.advanceOffset(1, false);
          const c = cur.peek(cur.offset);
          if (c === 32 || c === 9) cur.advanceOffset(1, true);
          block.end = cur.lineEnd;
          block.quoteLines?.push(cur.base + cur.offset);
          return 0;
        }
        return 1;
      case 'item': {
        const list = block.list;
        if (!list) return 1;
        if (cur.blank) {
          if (block.children.length === 0) return 1;
          cur.advanceNextNonspace();
          return 0;
        }
        if (cur.indent >= list.markerOffset + list.padding) {
          cur.advanceOffset(list.markerOffset + list.padding, true);
          return 0;
        }
        return 1;
      }
      case 'footnoteDefinition':
        if (cur.blank) {
          cur.advanceNextNonspace();
          return 0;
        }
        if (cur.indent >= 4) {
          cur.advanceOffset(4, true);
          return 0;
        }
        return 1;
      case 'paragraph':
      case 'table':
        return cur.blank ? 1 : 0;
      case 'heading':
      case 'thematicBreak':
        return 1;
      case 'code':
        return this.continueCode(block);
      case 'html':
        return cur.blank && (block.htmlType === 6 || block.htmlType === 7) ? 1 : 0;
      case 'math':
      case 'comment': {
        const close = cur.line.indexOf(block.kind === 'math' ? '$$' : '%%', cur.offset);
        if (close !== -1) {
          if (block.kind === 'comment' && close > cur.offset) block.segments.push({ start: cur.base + cur.offset, end: cur.base + close });
          block.end = cur.lineEnd;
          this.finalize(block);
          return 2;
        }
        return 0;
      }
      default:
        return 0;
    }
  }

  private continueCode(block: BlockNode): 0 | 1 | 2 {
    const cur = this.cur;
    const fence = block.fence;
    if (fence) {
      if (cur.indent <= 3 && cur.peek(cur.nextNonspace) === fence.char.charCodeAt(0)) {
        const line = cur.line;
        let i = cur.nextNonspace;
        while (i < line.length && line[i] === fence.char) i++;
        if (i - cur.nextNonspace >= fence.length && line.slice(i).trim() === '') {
          block.end = cur.lineEnd;
          this.finalize(block);
          return 2;
        }
      }
      for (let k = fence.indent; k > 0; k--) {
        const c = cur.peek(cur.offset);
        if (c !== 32 && c !== 9) break;
        cur.advanceOffset(1, true);
      }
      return 0;
    }
    if (cur.indent >= 4) {
      cur.advanceOffset(4, true);
      return 0;
    }
    if (cur.blank) {
      cur.advanceNextNonspace();
      return 0;
    }
    return 1;
  }

  /** Records the rest of the current line in a leaf that takes lines. */
  addLine(block: BlockNode): void {
    const cur = this.cur;
    if (block.kind === 'comment' && cur.offset < cur.line.length) block.segments.push({ start: cur.base + cur.offset, end: cur.lineEnd });
    if (block.kind === 'paragraph' || block.kind === 'table') {
      if (cur.offset >= cur.line.length) {
        block.end = Math.max(block.end, cur.lineEnd);
        return;
      }
      block.segments.push({ start: cur.base + cur.offset, end: cur.lineEnd });
      block.end = cur.lineEnd;
      return;
    }
    if (!cur.blank) block.end = cur.lineEnd;
  }

  /** Opens a block at `offsetInLine`, closing open blocks that cannot contain it. */
  addChild(kind: BlockKind, offsetInLine: number): BlockNode {
    while (!canContain(this.tip.kind, kind)) this.finalize(this.tip);
    const block = newBlock(kind, this.cur.base + offsetInLine, this.cur.lineNo);
    block.parent = this.tip;
    block.depth = this.tip.depth + 1;
    this.tip.children.push(block);
    this.tip = block;
    return block;
  }

  /** Closes a block. Children close before their parents, so each hands its end up here. */
  finalize(block: BlockNode): void {
    block.open = false;
    const parent = block.parent ?? this.doc;
    if (block.end > parent.end) parent.end = block.end;
    this.tip = parent;
  }

  closeUnmatchedBlocks(): void {
    if (this.allClosed) return;
    while (this.oldtip !== this.lastMatchedContainer) {
      const parent = this.oldtip.parent ?? this.doc;
      this.finalize(this.oldtip);
      this.oldtip = parent;
    }
    this.allClosed = true;
  }
}

function lastChild(block: BlockNode): BlockNode | undefined {
  return block.children[block.children.length - 1];
}

function acceptsLines(kind: BlockKind): boolean {
  return kind === 'paragraph' || kind === 'table' || kind === 'code' || kind === 'html' || kind === 'math' || kind === 'comment';
}

function canContain(parent: BlockKind, child: BlockKind): boolean {
  if (parent === 'list') return child === 'item';
  if (!isContainer(parent)) return false;
  return child !== 'item';
}

/** Characters that can start a block other than a paragraph (a fast path for plain text lines). */
function maybeSpecial(c: number): boolean {
  switch (c) {
    case 35: // #
    case 96: // `
    case 126: // ~
    case 42: // *
    case 43: // +
    case 95: // _
    case 61: // =
    case 60: // <
    case 62: // >
    case 45: // -
    case 36: // $
    case 37: // %
    case 91: // [
    case 124: // |
    case 58: // :
      return true;
    default:
      return c >= 48 && c <= 57;
  }
}
