/**
 * Encoder FLOPs as ../shared/models/PERF.md counts them, so GFLOP/s here and there compare:
 * per sequence of (padded) length S, L × (2·S·(4·H² + 2·H·I) + 4·S²·H). Embeddings, LayerNorm,
 * softmax, GELU and pooling are not counted. q8 counts each int8 multiply-add as 2 operations.
 */
import type { PerfTwinConfig } from './fixtures/perf-twin';

export function encoderFlops(config: PerfTwinConfig, sequence: number): number {
  const { hidden_size: h, intermediate_size: i, num_hidden_layers: l } = config;
  return l * (2 * sequence * (4 * h * h + 2 * h * i) + 4 * sequence * sequence * h);
}

/** Work of what was executed (padded to each batch's longest text) against what was useful. */
export class FlopLedger {
  executed = 0;
  useful = 0;
  sequences = 0;
  usefulTokens = 0;
  paddedTokens = 0;
  batches = 0;

  constructor(private readonly config: PerfTwinConfig) {}

  /** One forward pass over texts of these token lengths, padded to the longest. */
  addBatch(lengths: readonly number[]): void {
    if (lengths.length === 0) return;
    const longest = Math.max(...lengths);
    this.executed += lengths.length * encoderFlops(this.config, longest);
    for (const n of lengths) this.useful += encoderFlops(this.config, n);
    this.sequences += lengths.length;
    this.usefulTokens += lengths.reduce((a, b) => a + b, 0);
    this.paddedTokens += longest * lengths.length;
    this.batches++;
  }

  get overhead(): number {
    return this.useful > 0 ? this.executed / this.useful : Number.NaN;
  }
}
