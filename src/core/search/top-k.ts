/**
 * Partial selection of the k best (index, score) pairs from a stream, with a min-heap
 * whose root is the worst kept score: O(n log k), and for most of a large scan a single
 * comparison against the root.
 */
export class TopK {
  private readonly indices: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(readonly k: number) {
    this.indices = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  get size(): number {
    return this.count;
  }

  /** The score a newcomer must beat once the heap is full (−∞ before that). */
  get threshold(): number {
    return this.count < this.k ? -Infinity : (this.scores[0] as number);
  }

  push(index: number, score: number): void {
    if (this.k <= 0 || Number.isNaN(score)) return;
    if (this.count < this.k) {
      let i = this.count++;
      // Sift up.
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((this.scores[parent] as number) <= score) break;
        this.scores[i] = this.scores[parent] as number;
        this.indices[i] = this.indices[parent] as number;
        i = parent;
      }
      this.scores[i] = score;
      this.indices[i] = index;
      return;
    }
    if (score <= (this.scores[0] as number)) return;
    // Replace the root and sift down.
    let i = 0;
    const n = this.count;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && (this.scores[right] as number) < (this.scores[left] as number) ? right : left;
      if ((this.scores[child] as number) >= score) break;
      this.scores[i] = this.scores[child] as number;
      this.indices[i] = this.indices[child] as number;
      i = child;
    }
    this.scores[i] = score;
    this.indices[i] = index;
  }

  /** Kept pairs, best first; ties keep the lower index first so results are deterministic. */
  sorted(): { index: number; score: number }[] {
    const result: { index: number; score: number }[] = [];
    for (let i = 0; i < this.count; i++) result.push({ index: this.indices[i] as number, score: this.scores[i] as number });
    return result.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}
