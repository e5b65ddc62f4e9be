/**
 * Wraps an embedder (in practice the real GloVe pipeline) for one simulated process: counts
 * what it embeds, exposes the call in flight so a test can let exactly that call finish, and
 * can be "killed" with its process, after which every call fails.
 */
import type { Embedder, EmbedKind, EmbedOptions, EmbedderInfo } from '../../../src/core/ports';

export class TrackingEmbedder implements Embedder {
  /** Passage texts embedded (successful calls only). */
  passages = 0;
  calls = 0;
  /** Every passage text embedded, in order. */
  readonly embedded: string[] = [];
  /** Every passage text sent to the model, including calls that were aborted or failed. */
  readonly requested: string[] = [];
  private inFlight: Promise<unknown> | null = null;
  private killed = false;
  /** Called as each embedding call starts (with the number of calls before it), e.g. to abort mid-call. */
  onCall: ((callsBefore: number) => void) | null = null;

  constructor(private readonly inner: Embedder) {}

  get info(): EmbedderInfo {
    return this.inner.info;
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  async embed(texts: string[], kind: EmbedKind, options?: EmbedOptions): Promise<Float32Array[]> {
    if (this.killed) throw new Error('the process was killed');
    this.onCall?.(this.calls);
    if (kind === 'passage') this.requested.push(...texts);
    const call = this.inner.embed(texts, kind, options);
    this.inFlight = call;
    try {
      const vectors = await call;
      if (this.killed) throw new Error('the process was killed');
      this.calls++;
      if (kind === 'passage') {
        this.passages += texts.length;
        this.embedded.push(...texts);
      }
      return vectors;
    } finally {
      if (this.inFlight === call) this.inFlight = null;
    }
  }

  /** Resolves once the call in flight (if any) has finished, successfully or not. */
  async finishInFlight(): Promise<void> {
    if (this.inFlight) await this.inFlight.then(() => undefined, () => undefined);
  }

  kill(): void {
    this.killed = true;
  }

  countTokens(texts: string[], kind: EmbedKind): Promise<number[]> {
    return this.inner.countTokens(texts, kind);
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
