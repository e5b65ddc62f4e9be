/**
 * `indexOf` with memory, for a scanner that moves left to right and keeps asking "where is
 * the next `]]` / `-->` / closing backtick run from here?". Without it, 100,000 unclosed
 * `[[` on one line would each search to the end of the line: quadratic. With it, the
 * answer to an earlier question is reused whenever it still lies ahead of the cursor, so
 * each needle costs one pass over the text in total.
 */
export class TextFinder {
  private readonly cache = new Map<string, { from: number; at: number }>();
  private backtickRuns: Map<number, number[]> | null = null;

  constructor(private readonly text: string) {}

  /** Like `text.indexOf(needle, from)`, amortised linear over increasing `from`. */
  next(needle: string, from: number): number {
    const hit = this.cache.get(needle);
    if (hit && hit.from <= from && (hit.at === -1 || hit.at >= from)) return hit.at;
    const at = this.text.indexOf(needle, from);
    this.cache.set(needle, { from, at });
    return at;
  }

  /** Start of the next run of exactly `length` backticks at or after `from`, or -1. */
  nextBacktickRun(length: number, from: number): number {
    const runs = (this.backtickRuns ??= indexBacktickRuns(this.text)).get(length);
    if (!runs) return -1;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((runs[mid] ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < runs.length ? (runs[lo] ?? -1) : -1;
  }
}

/** Every backtick run's start, grouped by run length (one pass, then binary searches). */
function indexBacktickRuns(text: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  let i = text.indexOf('`');
  while (i !== -1) {
    let j = i;
    while (text.charCodeAt(j) === 96) j++;
    let list = runs.get(j - i);
    if (!list) runs.set(j - i, (list = []));
    list.push(i);
    i = text.indexOf('`', j);
  }
  return runs;
}
