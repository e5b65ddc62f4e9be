/**
 * A cursor over the current source line with CommonMark's column arithmetic: tabs
 * advance to the next multiple of 4, and a tab can be partly consumed by a container
 * (a list item indented by 2 columns takes half of a leading tab). Modelled on
 * commonmark.js (`findNextNonspace`, `advanceOffset`).
 */
export const CODE_INDENT = 4;

export class LineCursor {
  /** The line without its line ending. */
  line = '';
  /** Source offset of `line[0]`. */
  base = 0;
  lineNo = 0;
  offset = 0;
  column = 0;
  nextNonspace = 0;
  nextNonspaceColumn = 0;
  indent = 0;
  indented = false;
  blank = false;
  partiallyConsumedTab = false;

  reset(line: string, base: number, lineNo: number, startOffset: number): void {
    this.line = line;
    this.base = base;
    this.lineNo = lineNo;
    this.offset = startOffset;
    this.column = 0;
    this.nextNonspace = startOffset;
    this.nextNonspaceColumn = 0;
    this.indent = 0;
    this.indented = false;
    this.blank = false;
    this.partiallyConsumedTab = false;
  }

  findNextNonspace(): void {
    const line = this.line;
    let i = this.offset;
    let cols = this.column;
    let c = line.charCodeAt(i);
    while (c === 32 || c === 9) {
      if (c === 32) cols++;
      else cols += 4 - (cols % 4);
      i++;
      c = line.charCodeAt(i);
    }
    this.blank = i >= line.length;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = cols - this.column;
    this.indented = this.indent >= CODE_INDENT;
  }

  advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  /** Advances by `count` characters, or by `count` columns when `columns` is true. */
  advanceOffset(count: number, columns: boolean): void {
    const line = this.line;
    while (count > 0 && this.offset < line.length) {
      if (line.charCodeAt(this.offset) === 9) {
        const charsToTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = charsToTab > count;
          const charsToAdvance = charsToTab > count ? count : charsToTab;
          this.column += charsToAdvance;
          if (!this.partiallyConsumedTab) this.offset++;
          count -= charsToAdvance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += charsToTab;
          this.offset++;
          count--;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset++;
        this.column++;
        count--;
      }
    }
  }

  /** Character code at `i` of the current line, or -1 past its end. */
  peek(i: number): number {
    return i < this.line.length ? this.line.charCodeAt(i) : -1;
  }

  /** Source offset of the end of the current line. */
  get lineEnd(): number {
    return this.base + this.line.length;
  }
}

export function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}
