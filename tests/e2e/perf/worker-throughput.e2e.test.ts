/**
 * WASM embedding throughput of the built plugin's worker embedder in Chromium, with the perf
 * twin of the default model (12 × 384 BERT body of multilingual-e5-small, random weights, q8
 * like transformers.js exports; generated from ../shared/tools/models, see perfTwinModelsDir),
 * for 1 and 2 embedding workers. The call is the plugin's own embedder (its batch planner, its
 * workers), fed texts of exactly 128 tokens, so the numbers compare with ../shared/models/PERF.md
 * ("WASM in Chromium (1 thread)", q8, 8 × 128: 6.9 chunks/s). Warm-up first (PERF.md finding 6:
 * V8 tiers WASM up over several seconds), then REPEATS timed rounds; the median is reported.
 * Asserts correctness (unit vectors of the right size, identical texts give identical vectors)
 * and only generous sanity bounds on speed.
 */
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Host } from '../harness';
import { repoRoot } from '../server';
import { PERF_TWIN, median, perfTwinModelsDir, report, requireBuild, startPerfHost, waitForMark } from './perf-helpers';

const vault = path.join(repoRoot, 'tests/e2e/fixtures/vault');
const TOKENS = 128;
const TEXTS = 64;
const REPEATS = 3;
const WARMUP_MS = 12_000;
/** PERF.md, WASM in Chromium (1 thread), q8, batches of 8 × 128 tokens (asyncify / plain build). */
const PERF_MD_CHUNKS_PER_S = { asyncify: 6.91, plain: 6.77 };

interface Round {
  ms: number;
  chunksPerS: number;
}

interface InPageResult {
  tokens: number[];
  dims: number;
  norms: number[];
  sameTextsEqual: boolean;
  warmupCalls: number;
  rounds: Round[];
}

describe('worker embedder throughput with the perf twin (q8, 128-token chunks)', () => {
  let host: Host | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  for (const workers of [1, 2]) {
    test(`${workers} worker(s)`, async () => {
      requireBuild();
      const modelsDir = perfTwinModelsDir();
      host = await startPerfHost({ vault, modelId: PERF_TWIN, settings: { workerCount: workers }, server: { modelsDir, modelAliases: { [PERF_TWIN]: 'perf-twin' } } });
      const loadStarted = Date.now();
      await waitForMark(host, 'indexed', 300_000);
      const loadMs = Date.now() - loadStarted;
      const result = await host.page.evaluate(
        async ({ tokens, texts, repeats, warmupMs }): Promise<InPageResult> => {
          type Embedder = {
            embed(texts: string[], kind: 'passage' | 'query'): Promise<Float32Array[]>;
            countTokens(texts: string[], kind: 'passage' | 'query'): Promise<number[]>;
          };
          // The engine's live embedder (a private field: test access only).
          const engine = (window as unknown as { __amnPerf: { engine: { embedderRef: Embedder | null } } }).__amnPerf.engine;
          const embedder = engine.embedderRef;
          if (!embedder) throw new Error('no embedder');
          const words = 'time people year way day thing man world life hand part child eye woman place work week case point number group problem fact'.split(' ');
          // Text i: words rotated by i (distinct texts), grown until the tokenizer says `tokens`.
          const make = async (i: number): Promise<string> => {
            const list: string[] = [];
            for (let n = 0; ; n++) {
              list.push(words[(i + n) % words.length] as string);
              const [count] = await embedder.countTokens([list.join(' ')], 'passage');
              if ((count ?? 0) >= tokens) return list.join(' ');
            }
          };
          const base = await make(0);
          const baseCount = (await embedder.countTokens([base], 'passage'))[0] ?? 0;
          const baseWords = base.split(' ').length;
          const batch = Array.from({ length: texts }, (_, i) => Array.from({ length: baseWords }, (_, n) => words[(i + n) % words.length]).join(' '));
          const counts = await embedder.countTokens(batch, 'passage');
          let warmupCalls = 0;
          const warmStart = performance.now();
          while (performance.now() - warmStart < warmupMs) {
            await embedder.embed(batch.slice(0, 16), 'passage');
            warmupCalls++;
          }
          const rounds: { ms: number; chunksPerS: number }[] = [];
          let last: Float32Array[] = [];
          for (let r = 0; r < repeats; r++) {
            const t0 = performance.now();
            last = await embedder.embed(batch, 'passage');
            const ms = performance.now() - t0;
            rounds.push({ ms: Math.round(ms), chunksPerS: +((texts * 1000) / ms).toFixed(2) });
          }
          // Text i and text i + words.length are the same words: same vector up to q8 batch noise.
          const a = last[0] as Float32Array;
          const b = last[words.length] as Float32Array;
          let dot = 0;
          for (let k = 0; k < a.length; k++) dot += (a[k] as number) * (b[k] as number);
          return {
            tokens: [baseCount, Math.min(...counts), Math.max(...counts)],
            dims: a.length,
            norms: last.map((v) => Math.hypot(...v)),
            sameTextsEqual: dot > 0.999,
            warmupCalls,
            rounds,
          };
        },
        { tokens: TOKENS, texts: TEXTS, repeats: REPEATS, warmupMs: WARMUP_MS },
      );
      const chunksPerS = median(result.rounds.map((r) => r.chunksPerS));
      report(`throughput-perf-twin-q8-${workers}w`, {
        workers,
        tokensPerText: result.tokens,
        textsPerRound: TEXTS,
        rounds: result.rounds,
        medianChunksPerS: chunksPerS,
        medianGopPerS: +((chunksPerS * 5.738) / 1).toFixed(1),
        perfMdChunksPerS: PERF_MD_CHUNKS_PER_S,
        ratioToPerfMd: +(chunksPerS / PERF_MD_CHUNKS_PER_S.asyncify).toFixed(2),
        warmupCalls: result.warmupCalls,
        modelLoadAndIndexMs: loadMs,
      });
      expect(result.dims).toBe(384);
      expect(result.tokens[1]).toBeGreaterThanOrEqual(TOKENS - 2);
      expect(result.tokens[2]).toBeLessThanOrEqual(TOKENS + 2);
      for (const n of result.norms) expect(Math.abs(n - 1)).toBeLessThan(1e-3);
      expect(result.sameTextsEqual).toBe(true);
      // Sanity only: the machine is shared and noisy.
      expect(chunksPerS).toBeGreaterThan(0.5);
      expect(await host.errors()).toEqual([]);
    }, 600_000);
  }
});
