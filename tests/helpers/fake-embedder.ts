/**
 * A deterministic embedder for ranking and bookkeeping tests (Orama's
 * plugin-embeddings-mock pattern): hashed bag of lower-cased words → unit vector. Texts that
 * share words are close; it counts every call and text, so tests can assert what was
 * (re-)embedded.
 */
import type { Embedder, EmbedKind, EmbedOptions, EmbedderInfo } from '../../src/core/ports';

export class FakeEmbedder implements Embedder {
  readonly info: EmbedderInfo;
  calls = 0;
  /** Every text embedded as a passage, in order. */
  readonly embedded: string[] = [];
  readonly queries: string[] = [];
  /** When set, `embed` rejects with it (once). */
  failNext: Error | null = null;
  /** Awaited before each embed call, so tests can hold the embedder mid-run. */
  gate: (() => Promise<void>) | null = null;

  constructor(dims = 32, modelId = 'fake/bag-of-words') {
    this.info = { modelId, dims, maxTokens: 512 };
  }

  async embed(texts: string[], kind: EmbedKind, options?: EmbedOptions): Promise<Float32Array[]> {
    if (this.gate) await this.gate();
    options?.signal?.throwIfAborted();
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    this.calls++;
    (kind === 'query' ? this.queries : this.embedded).push(...texts);
    return texts.map((text) => this.vector(text));
  }

  countTokens(texts: string[]): Promise<number[]> {
    return Promise.resolve(texts.map((t) => t.split(/\s+/).filter(Boolean).length + 2));
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }

  vector(text: string): Float32Array {
    const v = new Float32Array(this.info.dims);
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const word of words) {
      let h = 2166136261;
      for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
      v[(h >>> 0) % this.info.dims]! += 1;
      v[((h >>> 0) >> 8) % this.info.dims]! += 0.5;
    }
    if (words.length === 0) v[0] = 1;
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    return v.map((x) => x / norm);
  }
}
