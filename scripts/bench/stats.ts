/** Medians, percentiles and timing loops. Every reported number is a median of repeated samples. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Linear interpolation between closest ranks (numpy's default), so p50 of an even count is the mean of the middle two.
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (rank - lo);
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export interface Latency {
  p50: number;
  p95: number;
  n: number;
}

export function latency(samples: readonly number[]): Latency {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

/** Runs `fn` until both `minMs` have passed and `minCalls` calls were made; returns each call's milliseconds. */
export async function timeRepeatedly(fn: () => unknown, minMs: number, minCalls: number): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minCalls || performance.now() - started < minMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

export async function timeOnce<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Deterministic uniform [0, 1) generator (LCG), so every run draws the same synthetic data. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/** Standard normal draws (Box–Muller, both values of each pair used). */
export function gaussian(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const theta = 2 * Math.PI * random();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}
