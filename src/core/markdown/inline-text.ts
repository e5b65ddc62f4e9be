import type { Segment } from './block-tree';

/**
 * A block's inline text as one string (its source lines, container markers and
 * indentation stripped, joined by `\n`) plus the way back to source offsets. Inline
 * constructs that wrap lines inside a blockquote (a highlight over two `>` lines) are found
 * in this joined text, then mapped back to where their characters sit in the note.
 */
export class InlineText {
  readonly value: string;
  /** Start of each segment within `value`. */
  private readonly starts: number[];

  constructor(
    source: string,
    private readonly segments: Segment[],
  ) {
    const parts: string[] = [];
    const starts: number[] = [];
    let at = 0;
    for (const seg of segments) {
      starts.push(at);
      const part = source.slice(seg.start, seg.end);
      parts.push(part);
      at += part.length + 1;
    }
    this.value = parts.join('\n');
    this.starts = starts;
  }

  /** Source offset of `index` in `value`; the joining `\n` maps to the end of its line. */
  toSource(index: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.segments[lo];
    if (!seg) return 0;
    return Math.min(seg.start + (index - (starts[lo] ?? 0)), seg.end);
  }
}
