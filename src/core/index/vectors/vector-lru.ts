/**
 * Vectors of chunks that just left the index, by content hash, so a rename (delete + create)
 * or a paragraph moved between notes is re-used instead of re-embedded, whatever order the
 * two halves arrive in. Bounded: least recently used vectors go first.
 */
import type { QuantizedVector } from './quantize';

export class VectorLru {
  private readonly map = new Map<string, QuantizedVector>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.map.size;
  }

  get(hash: string): QuantizedVector | undefined {
    const vector = this.map.get(hash);
    if (vector) {
      this.map.delete(hash);
      this.map.set(hash, vector);
    }
    return vector;
  }

  set(hash: string, vector: QuantizedVector): void {
    this.map.delete(hash);
    this.map.set(hash, vector);
    while (this.map.size > this.limit) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }

  clear(): void {
    this.map.clear();
  }
}
