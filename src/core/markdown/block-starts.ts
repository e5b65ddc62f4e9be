import { type BlockNode, type ListData, newBlock } from './block-tree';
import { isSpaceOrTab } from './block-cursor';
import type { BlockParser } from './block-parser';
import { MAX_CONTAINER_DEPTH } from './block-parser';
import { HTML_BLOCK_OPEN, HTML_TEST_LIMIT } from './html-syntax';

/**
 * Block starts, tried in CommonMark's order (commonmark.js `blockStarts`) with Obsidian's
 * extras slotted in: `$$` math and `%%` comment blocks after fenced code, GFM tables after
 * setext headings, footnote definitions before list items. Each returns 0 (no start),
 * 1 (a container opened: keep looking for starts inside it) or 2 (a leaf opened).
 */
type Start = (p: BlockParser, container: BlockNode) => 0 | 1 | 2;

const STARTS: Start[] = [
  blockQuote,
  atxHeading,
  fencedCode,
  delimitedBlock('math', '$$'),
  delimitedBlock('comment', '%%'),
  htmlBlock,
  setextHeading,
  table,
  thematicBreak,
  footnoteDefinition,
  listItem,
  indentedCode,
];

export function tryBlockStarts(p: BlockParser, container: BlockNode): 0 | 1 | 2 {
  for (const start of STARTS) {
    const r = start(p, container);
    if (r !== 0) return r;
  }
  return 0;
}

/** Where a container opened on this line starts: where the enclosing containers' prefixes ended. */
function containerStart(p: BlockParser): number {
  return p.cur.partiallyConsumedTab ? p.cur.nextNonspace : p.cur.offset;
}

function roomForContainer(container: BlockNode): boolean {
  return container.depth < MAX_CONTAINER_DEPTH;
}

function consumeRestOfLine(p: BlockParser): void {
  p.cur.offset = p.cur.line.length;
}

function blockQuote(p: BlockParser, container: BlockNode): 0 | 1 | 2 {
  const cur = p.cur;
  if (cur.indented || cur.peek(cur.nextNonspace) !== 62 /* > */) return 0;
  if (!roomForContainer(container)) {
    p.depthLimitLine ??= cur.lineNo;
    return 0;
  }
  const start = containerStart(p);
  cur.advanceNextNonspace();
  cur.advanceOffset(1, false);
  if (isSpaceOrTab(cur.peek(cur.offset))) cur.advanceOffset(1, true);
  p.closeUnmatchedBlocks();
  const quote = p.addChild('blockquote', start);
  quote.end = cur.lineEnd;
  quote.quoteLines = [cur.base + cur.offset];
  return 1;
}

function atxHeading(p: BlockParser): 0 | 1 | 2 {
  const cur = p.cur;
  if (cur.indented || cur.peek(cur.nextNonspace) !== 35 /* # */) return 0;
  const line = cur.line;
  let i = cur.nextNonspace;
  while (i < line.length && line.charCodeAt(i) === 35) i++;
  const level = i - cur.nextNonspace;
  if (level > 6 || (i < line.length && !isSpaceOrTab(line.charCodeAt(i)))) return 0;
  p.closeUnmatchedBlocks();
  const heading = p.addChild('heading', cur.nextNonspace);
  heading.level = level;
  let from = i;
  while (from < line.length && isSpaceOrTab(line.charCodeAt(from))) from++;
  const to = headingContentEnd(line, from);
  if (to > from) heading.segments.push({ start: cur.base + from, end: cur.base + to });
  heading.end = cur.lineEnd;
  consumeRestOfLine(p);
  return 2;
}

/** End of an ATX heading's text: trailing blanks and an optional closing `#` run dropped. */
function headingContentEnd(line: string, from: number): number {
  let end = line.length;
  while (end > from && isSpaceOrTab(line.charCodeAt(end - 1))) end--;
  let hashes = end;
  while (hashes > from && line.charCodeAt(hashes - 1) === 35) hashes--;
  if (hashes === from) return from; // the whole content is a closing sequence: `## ##`
  if (hashes < end && isSpaceOrTab(line.charCodeAt(hashes - 1))) {
    end = hashes;
    while (end > from && isSpaceOrTab(line.charCodeAt(end - 1))) end--;
  }
  return end;
}

function fencedCode(p: BlockParser): 0 | 1 | 2 {
  const cur = p.cur;
  const c = cur.peek(cur.nextNonspace);
  if (cur.indented || (c !== 96 && c !== 126)) return 0;
  const line = cur.line;
  let i = cur.nextNonspace;
  while (i < line.length && line.charCodeAt(i) === c) i++;
  const length = i - cur.nextNonspace;
  if (length < 3) return 0;
  if (c === 96 && line.indexOf('`', i) !== -1) return 0; // a backtick fence's info string holds no backtick
  p.closeUnmatchedBlocks();
  const code = p.addChild('code', cur.nextNonspace);
  code.fence = { char: String.fromCharCode(c), length, indent: cur.indent };
  code.end = cur.lineEnd;
  consumeRestOfLine(p);
  return 2;
}

/**
 * Obsidian's `$$` math and `%%` comment blocks: open at a line starting with the
 * delimiter, close at the next line holding it (or on the same line when it ends there).
 * Both may interrupt a paragraph, as the oracle's `%%` comment right after a paragraph line shows.
 * A comment keeps its text as segments: Obsidian still reads tags (and links) inside it,
 * though no list items or other blocks (oracle `comments_markdown_style`).
 */
function delimitedBlock(kind: 'math' | 'comment', delimiter: string): Start {
  return (p) => {
    const cur = p.cur;
    const line = cur.line;
    if (cur.indented || !line.startsWith(delimiter, cur.nextNonspace)) return 0;
    const close = line.indexOf(delimiter, cur.nextNonspace + 2);
    if (close !== -1 && line.slice(close + 2).trim() !== '') return 0; // `%% a %% text` is inline
    p.closeUnmatchedBlocks();
    const block = p.addChild(kind, cur.nextNonspace);
    block.end = cur.lineEnd;
    if (kind === 'comment') {
      const from = cur.base + cur.nextNonspace + 2;
      const to = close === -1 ? cur.lineEnd : cur.base + close;
      if (to > from) block.segments.push({ start: from, end: to });
    }
    consumeRestOfLine(p);
    if (close !== -1) p.finalize(block);
    return 2;
  };
}

function htmlBlock(p: BlockParser, container: BlockNode): 0 | 1 | 2 {
  const cur = p.cur;
  if (cur.indented || cur.peek(cur.nextNonspace) !== 60 /* < */) return 0;
  const s = cur.line.slice(cur.nextNonspace);
  for (let type = 1; type <= 7; type++) {
    if (type === 7) {
      // Type 7 (any lone tag) cannot interrupt a paragraph, lazy or not.
      if (container.kind === 'paragraph' || (!p.allClosed && !cur.blank && p.tip.kind === 'paragraph')) return 0;
      if (s.length > HTML_TEST_LIMIT) return 0;
    }
    if (HTML_BLOCK_OPEN[type]?.test(s)) {
      p.closeUnmatchedBlocks();
      const html = p.addChild('html', cur.nextNonspace);
      html.htmlType = type;
      return 2;
    }
  }
  return 0;
}

function setextHeading(p: BlockParser, container: BlockNode): 0 | 1 | 2 {
  const cur = p.cur;
  if (cur.indented || container.kind !== 'paragraph') return 0;
  const c = cur.peek(cur.nextNonspace);
  if (c !== 61 && c !== 45) return 0;
  const line = cur.line;
  let i = cur.nextNonspace;
  while (i < line.length && line.charCodeAt(i) === c) i++;
  if (line.slice(i).trim() !== '') return 0;
  p.closeUnmatchedBlocks();
  container.kind = 'heading';
  container.level = c === 61 ? 1 : 2;
  container.end = cur.lineEnd;
  consumeRestOfLine(p);
  return 2;
}

/** A GFM table: the paragraph's last line is the header row and this line the delimiter row. */
function table(p: BlockParser, container: BlockNode): 0 | 1 | 2 {
  const cur = p.cur;
  if (cur.indented || container.kind !== 'paragraph') return 0;
  const c = cur.peek(cur.nextNonspace);
  if (c !== 124 && c !== 45 && c !== 58) return 0;
  const delimiterRow = cur.line.slice(cur.nextNonspace);
  const header = container.segments[container.segments.length - 1];
  if (!header) return 0;
  const headerRow = p.text.slice(header.start, header.end);
  if (!delimiterRow.includes('|') && !headerRow.includes('|')) return 0;
  const delimiters = splitTableRow(delimiterRow);
  if (!delimiters.every((cell) => /^:?-+:?$/.test(cell.trim()))) return 0;
  if (splitTableRow(headerRow).length !== delimiters.length) return 0;

  p.closeUnmatchedBlocks();
  container.segments.pop();
  let tbl: BlockNode;
  if (container.segments.length === 0) {
    tbl = container; // the whole paragraph was the header row
    tbl.kind = 'table';
  } else {
    const last = container.segments[container.segments.length - 1];
    if (last) container.end = last.end;
    p.finalize(container);
    const parent = container.parent ?? p.doc;
    tbl = newBlock('table', header.start, p.lines.lineAt(header.start));
    tbl.parent = parent;
    tbl.depth = parent.depth + 1;
    parent.children.push(tbl);
    p.tip = tbl;
  }
  tbl.segments = [header];
  tbl.end = cur.lineEnd;
  consumeRestOfLine(p);
  return 2;
}

/** Cells of a table row: outer pipes dropped, split at unescaped `|`. */
export function splitTableRow(row: string): string[] {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 92) i++;
    else if (ch === 124) {
      cells.push(s.slice(from, i));
      from = i + 1;
    }
  }
  cells.push(s.slice(from));
  return cells;
}

function thematicBreak(p: BlockParser): 0 | 1 | 2 {
  const cur = p.cur;
  const c = cur.peek(cur.nextNonspace);
  if (cur.indented || (c !== 42 && c !== 45 && c !== 95)) return 0;
  const line = cur.line;
  let count = 0;
  for (let i = cur.nextNonspace; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === c) count++;
    else if (!isSpaceOrTab(ch)) return 0;
  }
  if (count < 3) return 0;
  p.closeUnmatchedBlocks();
  const hr = p.addChild('thematicBreak', cur.nextNonspace);
  hr.end = cur.lineEnd;
  consumeRestOfLine(p);
  return 2;
}

const FOOTNOTE_LABEL = /^\[\^[^\]\s]+\]:/;

function footnoteDefinition(p: BlockParser, container: BlockNode): 0 | 1 | 2 {
  const cur = p.cur;
  if (cur.indented || container.kind === 'paragraph' || cur.peek(cur.nextNonspace) !== 91 || !roomForContainer(container)) return 0;
  const m = FOOTNOTE_LABEL.exec(cur.line.slice(cur.nextNonspace, cur.nextNonspace + 1000));
  if (!m) return 0;
  const start = containerStart(p);
  p.closeUnmatchedBlocks();
  const def = p.addChild('footnoteDefinition', start);
  cur.advanceNextNonspace();
  cur.advanceOffset(m[0].length, false);
  def.end = cur.base + cur.offset;
  return 1;
}

function listItem(p: BlockParser, container: BlockNode): 0 | 1 | 2 {
  const cur = p.cur;
  if ((cur.indented && container.kind !== 'list') || !roomForContainer(container)) return 0;
  const start = containerStart(p);
  const data = parseListMarker(p, container);
  if (!data) return 0;
  p.closeUnmatchedBlocks();
  const tip = p.tip;
  if (tip.kind !== 'list' || !listsMatch(tip.list, data)) {
    const list = p.addChild('list', start);
    list.list = data;
  }
  const item = p.addChild('item', start);
  item.list = data;
  item.end = cur.base + cur.offset;
  readTaskCheckbox(p, item);
  return 1;
}

/**
 * Obsidian reads `[c]` right after a list marker as a task checkbox (any single character)
 * and parses what follows as the item's content, which is why `- [ ] 1. x` holds a nested
 * ordered list in Obsidian's own metadata.
 */
function readTaskCheckbox(p: BlockParser, item: BlockNode): void {
  const cur = p.cur;
  const line = cur.line;
  const o = cur.offset;
  if (line.charCodeAt(o) !== 91 /* [ */) return;
  const first = line.codePointAt(o + 1);
  if (first === undefined || first === 10 || first === 13) return;
  const width = first > 0xffff ? 2 : 1;
  const close = o + 1 + width;
  if (line.charCodeAt(close) !== 93 /* ] */) return;
  const after = line.charCodeAt(close + 1);
  if (close + 1 < line.length && !isSpaceOrTab(after)) return;
  item.task = line.slice(o + 1, close);
  cur.advanceOffset(close + 1 - o, false);
  if (isSpaceOrTab(cur.peek(cur.offset))) cur.advanceOffset(1, true);
  item.end = cur.base + close + 1;
}

function parseListMarker(p: BlockParser, container: BlockNode): ListData | null {
  const cur = p.cur;
  if (cur.indent >= 4) return null;
  const line = cur.line;
  const at = cur.nextNonspace;
  const c = line.charCodeAt(at);
  let markerLength: number;
  let data: ListData;
  if (c === 42 || c === 43 || c === 45) {
    markerLength = 1;
    data = { ordered: false, marker: line.charAt(at), markerOffset: cur.indent, padding: 0 };
  } else {
    let i = at;
    while (i < line.length && i - at < 10 && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
    const digits = i - at;
    const delim = line.charAt(i);
    if (digits < 1 || digits > 9 || (delim !== '.' && delim !== ')')) return null;
    // An ordered list may interrupt a paragraph only when it starts at 1.
    if (container.kind === 'paragraph' && Number(line.slice(at, i)) !== 1) return null;
    markerLength = digits + 1;
    data = { ordered: true, marker: delim, markerOffset: cur.indent, padding: 0 };
  }
  const next = cur.peek(at + markerLength);
  if (!(next === -1 || isSpaceOrTab(next))) return null;
  // An empty item cannot interrupt a paragraph.
  if (container.kind === 'paragraph' && line.slice(at + markerLength).trim() === '') return null;

  cur.advanceNextNonspace();
  cur.advanceOffset(markerLength, true);
  const spacesStartCol = cur.column;
  const spacesStartOffset = cur.offset;
  let nextc: number;
  do {
    cur.advanceOffset(1, true);
    nextc = cur.peek(cur.offset);
  } while (cur.column - spacesStartCol < 5 && isSpaceOrTab(nextc));
  const blankItem = cur.peek(cur.offset) === -1;
  const spacesAfterMarker = cur.column - spacesStartCol;
  if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
    data.padding = markerLength + 1;
    cur.column = spacesStartCol;
    cur.offset = spacesStartOffset;
    if (isSpaceOrTab(cur.peek(cur.offset))) cur.advanceOffset(1, true);
  } else {
    data.padding = markerLength + spacesAfterMarker;
  }
  return data;
}

function listsMatch(a: ListData | undefined, b: ListData): boolean {
  return !!a && a.ordered === b.ordered && a.marker === b.marker;
}

function indentedCode(p: BlockParser): 0 | 1 | 2 {
  const cur = p.cur;
  if (!cur.indented || p.tip.kind === 'paragraph' || cur.blank) return 0;
  cur.advanceOffset(4, true);
  p.closeUnmatchedBlocks();
  const code = p.addChild('code', cur.offset);
  code.end = cur.lineEnd;
  return 2;
}
