import type { Loc, Pos } from './types';

/**
 * Line/column lookup for one note.
 *
 * Position semantics (the same for every cache item the parser returns):
 * - `offset` counts UTF-16 code units of the ORIGINAL string, exactly what `text.slice`
 *   takes. Nothing is normalised before parsing, so a position found in a CRLF note
 *   points into the CRLF text the caller holds.
 * - Lines end at `\n`, `\r\n` or a lone `\r` (CommonMark's and micromark's definition of
 *   a line ending, which is what Obsidian's metadata parser follows). `\r\n` counts as one
 *   line ending, so a CRLF note has the same line numbers as its LF twin.
 * - `col` is `offset - start of its line` in code units: a tab is one column, an emoji
 *   outside the BMP is two, and a position at the end of a line sits before its `\r`.
 * - A leading BOM (U+FEFF) is kept as a character of line 0: offsets stay faithful to the
 *   original string and the parser merely skips it where Markdown syntax has to start a
 *   line (frontmatter, first block), so text after a BOM on line 0 starts at col 1.
 *
 * Why not normalise line endings first: CodeMirror (Obsidian's editor) does normalise to
 * `\n` inside the editor, but the metadata cache reads the file as stored, and consumers
 * of our positions (the CLI, chunk line spans, jump-to-source) slice the stored text.
 * Keeping the original string avoids a second offset space.
 */
export class LineIndex {
  /** Offset at which each line starts; `starts[0]` is 0. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of `line` (clamped to the text). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return this.starts[line] ?? this.text.length;
  }

  /** Offset just past the last character of `line`, before its line ending. */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1] ?? this.text.length;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.starts[line] ?? 0);
  }

  /** The text of `line` without its line ending. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The 0-based line containing `offset` (a line ending belongs to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The `{line, col, offset}` of an offset, clamped into `[0, text.length]`. */
  locAt(offset: number): Loc {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, col: o - this.lineStart(line), offset: o };
  }

  posOf(start: number, end: number): Pos {
    return { start: this.locAt(start), end: this.locAt(end) };
  }
}

/** Convenience for callers that only need `positionAt` (chunkers, UI jump-to-line). */
export function createLineIndex(text: string): { positionAt(offset: number): Loc; lineCount: number } {
  const index = new LineIndex(text);
  return { positionAt: (offset: number) => index.locAt(offset), lineCount: index.lineCount };
}
