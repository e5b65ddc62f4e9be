/**
 * Row 1: embedding throughput on the real chunks of the Obsidian Help (EN) vault with the perf
 * twin of the default model. Every configuration runs in the same process, interleaved round
 * by round, so the ratios compare like with like:
 * - naive: transformers.js `pipeline()` with default options, one call per chunk, note order;
 * - one-by-one: the production embedder (all cores), one `embedBatch` per chunk, note order
 *   (separates what threads give from what batching gives);
 * - planner: the production `embed()` over all chunks (length-sorted batches of ≤ 8, ≤ 2048 tokens);
 * - indexer: `Indexer.sync()` over the vault into a fresh FileStorage (groups of 64 texts, as indexing runs);
 * - peak: 8 × 128-token batches repeated (this machine's reference, PERF.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelDtype } from '../../../src/core/embedding/models';
import { Indexer } from '../../../src/core/index/indexer';
import { createNoteProcessor, noteProcessorVersion } from '../../../src/core/index/note-processor';
import type { EmbedKind } from '../../../src/core/ports';
import type { TransformersEmbedder } from '../../../src/embedding/node';
import { FileStorage, FsNoteSource } from '../../../src/node';
import type { Chunk } from '../../../src/core/chunking/types';
import { vaultChunks } from '../fixtures/corpus';
import { paddingPlans, type PaddingPlans } from '../padding-plans';
import { ensurePerfTwin, perfTwinConfig, type PerfTwinConfig } from '../fixtures/perf-twin';
import { encoderFlops, FlopLedger } from '../flops';
import { E5_PREFIXES, loadNaivePipeline, loadPerfTwin, type NaivePipeline } from '../models';
import { sharedPath } from '../paths';
import { cpuMeter } from '../proc';
import { median, timeRepeatedly } from '../stats';
import { fmt, pct, ratio } from '../report/format';
import type { DetailTable, Goal, RowContext, RowResult } from '../types';

const CONFIGS = ['naive', 'oneByOne', 'planner', 'indexer', 'peak'] as const;
type Config = (typeof CONFIGS)[number];

const LABELS: Record<Config, string> = {
  naive: 'naive: pipeline() default options, 1 call per chunk, note order',
  oneByOne: 'production embedder (all cores), 1 chunk per call, note order',
  planner: 'production embed(): planner over all chunks',
  indexer: 'Indexer.sync() over the vault (FileStorage, groups of 64)',
  peak: 'peak: 8 × 128-token batches repeated',
};

interface Pass {
  seconds: number;
  cores: number;
  sequences: number;
  usefulTokens: number;
  executed: number;
  useful: number;
  overhead: number;
}

interface DtypeResult {
  dtype: ModelDtype;
  passes: Record<Config, Pass[]>;
  /** The peak measured around each pass of each configuration (same order as `passes`). */
  peakOf: Record<Config, Pass[]>;
  padding: PaddingPlans;
  threads: number;
  loadMs: number;
}

const SINGLE_TOKEN_CANDIDATES = ('the of and to in is that for it as was with be by on not this are or from at which but have an they you were ' +
  'note notes link links folder plugin search index model graph page text file files house water world people time year day').split(' ');

/**
 * Texts of exactly `tokens` tokens as the embedder counts them (prefix and special tokens
 * included), from words that are one token each, like PERF.md's synthetic texts.
 */
async function fixedLengthTexts(embedder: TransformersEmbedder, count: number, tokens: number): Promise<string[]> {
  const base = (await embedder.countTokens([''], 'passage'))[0]!;
  const perWord = await embedder.countTokens(SINGLE_TOKEN_CANDIDATES, 'passage');
  const words = SINGLE_TOKEN_CANDIDATES.filter((_, i) => perWord[i] === base + 1);
  if (words.length < 8) throw new Error(`The perf twin's tokenizer has only ${words.length} single-token words among the candidates.`);
  const texts: string[] = [];
  let seed = 7;
  for (let k = 0; k < count; k++) {
    const picked: string[] = [];
    for (let i = 0; i < tokens - base; i++) picked.push(words[(seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % words.length]!);
    texts.push(picked.join(' '));
  }
  const counts = await embedder.countTokens(texts, 'passage');
  if (counts.some((n) => n !== tokens)) throw new Error(`Fixed-length texts came out at ${counts.join(', ')} tokens instead of ${tokens}.`);
  return texts;
}

/** Wraps the embedder's single-batch call so every forward pass is booked with its padded length. */
function instrument(embedder: TransformersEmbedder, tokensOf: Map<string, number>): { ledger: FlopLedger | null } {
  const slot: { ledger: FlopLedger | null } = { ledger: null };
  const original = embedder.embedBatch.bind(embedder);
  const maxTokens = embedder.info.maxTokens;
  embedder.embedBatch = async (texts: string[], kind: EmbedKind) => {
    if (slot.ledger) {
      slot.ledger.addBatch(texts.map((t) => {
        const n = tokensOf.get(t);
        if (n === undefined) throw new Error('A text reached the model that the benchmark did not count beforehand.');
        return Math.min(n, maxTokens);
      }));
    }
    return original(texts, kind);
  };
  return slot;
}

async function timed(config: PerfTwinConfig, slot: { ledger: FlopLedger | null }, work: (ledger: FlopLedger) => Promise<void>): Promise<Pass> {
  const ledger = new FlopLedger(config);
  slot.ledger = ledger;
  const meter = cpuMeter();
  try {
    await work(ledger);
  } finally {
    slot.ledger = null;
  }
  const { wallMs, cores } = meter();
  return { seconds: wallMs / 1000, cores, sequences: ledger.sequences, usefulTokens: ledger.usefulTokens, executed: ledger.executed, useful: ledger.useful, overhead: ledger.overhead };
}

/**
 * Runtime budget: q8 runs every configuration each round (one-by-one only in the first: it
 * only explains where the gain comes from); fp32 runs once, without the indexer pass.
 */
async function measureDtype(dtype: ModelDtype, ctx: RowContext, rounds: number, chunks: Chunk[], texts: string[], vault: string, minChunks: number | undefined): Promise<DtypeResult> {
  const dir = ensurePerfTwin(ctx.log);
  const config = perfTwinConfig(dir);
  const loadStarted = performance.now();
  const embedder = await loadPerfTwin(dir, dtype);
  const loadMs = performance.now() - loadStarted;
  const naive: NaivePipeline = await loadNaivePipeline(dir, dtype);
  const threads = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

  const peakTexts = await fixedLengthTexts(embedder, 8, 128);
  const counts = await embedder.countTokens([...texts, ...peakTexts], 'passage');
  const tokensOf = new Map<string, number>();
  [...texts, ...peakTexts].forEach((t, i) => tokensOf.set(t, counts[i]!));
  const slot = instrument(embedder, tokensOf);
  const options = { pooling: 'mean' as const, normalize: true };

  // Warm-up (PERF.md finding 6; native ORT also runs its first calls slower): both sessions, both shapes.
  const warmMs = ctx.quick ? 2000 : 5000;
  ctx.log(`  ${dtype}: warming up ${(2 * warmMs) / 1000} s`);
  await timeRepeatedly(() => embedder.embedBatch(peakTexts, 'passage'), warmMs, 3);
  await timeRepeatedly(async () => (await naive(E5_PREFIXES.passage + peakTexts[0]!, options)).dispose?.(), warmMs / 2, 5);
  await timeRepeatedly(() => embedder.embedBatch([peakTexts[0]!], 'passage'), warmMs / 2, 5);

  const passes: Record<Config, Pass[]> = { naive: [], oneByOne: [], planner: [], indexer: [], peak: [] };
  /** Each configuration's peak: the mean of short peak measurements just before and after it, so a drift in machine load hits both sides. */
  const peakOf: Record<Config, Pass[]> = { naive: [], oneByOne: [], planner: [], indexer: [], peak: [] };
  const peakFlops = 8 * encoderFlops(config, 128);
  const measurePeak = async (): Promise<Pass> => {
    const calls = await timeRepeatedly(() => embedder.embedBatch(peakTexts, 'passage'), ctx.quick ? 1000 : 1500, 3);
    return { seconds: median(calls) / 1000, cores: Number.NaN, sequences: 8, usefulTokens: 8 * 128, executed: peakFlops, useful: peakFlops, overhead: 1 };
  };
  let lastPeak = await measurePeak();
  const bracketed = async (c: Config, work: () => Promise<Pass>): Promise<void> => {
    const before = lastPeak;
    passes[c].push(await work());
    lastPeak = await measurePeak();
    passes.peak.push(lastPeak);
    peakOf[c].push({ ...lastPeak, seconds: (before.seconds + lastPeak.seconds) / 2 });
  };
  for (let round = 1; round <= rounds; round++) {
    ctx.log(`  ${dtype}: round ${round}/${rounds}`);
    await bracketed('naive', () => timed(config, slot, async (ledger) => {
      for (const text of texts) {
        const output = await naive(E5_PREFIXES.passage + text, options);
        output.dispose?.();
        ledger.addBatch([Math.min(tokensOf.get(text)!, embedder.info.maxTokens)]);
      }
    }));
    if (round === 1 && dtype === 'q8') {
      await bracketed('oneByOne', () => timed(config, slot, async () => {
        for (const text of texts) await embedder.embedBatch([text], 'passage');
      }));
    }
    await bracketed('planner', () => timed(config, slot, async () => {
      await embedder.embed(texts, 'passage');
    }));
    if (dtype === 'q8') await bracketed('indexer', () => indexerPass(config, slot, embedder, vault, minChunks));
    const last = (c: Config): string => (passes[c].length > 0 ? rate(passes[c].at(-1)!).toFixed(1) : '–');
    ctx.log(`    naive ${last('naive')}, planner ${last('planner')}, indexer ${last('indexer')} chunks/s; peak ${gflops(passes.peak.at(-1)!).toFixed(0)} GFLOP/s`);
  }
  await naive.dispose();
  await embedder.dispose();
  const padding = paddingPlans(chunks, (t) => Math.min(tokensOf.get(t)!, embedder.info.maxTokens), config);
  return { dtype, passes, peakOf, padding, threads, loadMs };
}

/** A fresh index of the vault, built by the production Indexer with the instrumented embedder. */
async function indexerPass(config: PerfTwinConfig, slot: { ledger: FlopLedger | null }, embedder: TransformersEmbedder, vault: string, minChunks: number | undefined): Promise<Pass> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amn-bench-embed-'));
  try {
    const base = new FsNoteSource(vault);
    // --quick limits the vault to the same notes the other configurations embed.
    const allowed = minChunks === undefined ? null : new Set((await vaultChunks(vault, { minChunks })).chunks.map((c) => c.path));
    const source = allowed ? { list: async () => (await base.list()).filter((s) => allowed.has(s.path)), read: (p: string) => base.read(p) } : base;
    const indexer = await Indexer.open({
      source,
      storage: await FileStorage.open(dir),
      processor: createNoteProcessor(),
      processorVersion: noteProcessorVersion(),
      embedder,
    });
    const pass = await timed(config, slot, async () => {
      await indexer.sync();
    });
    await indexer.close();
    return pass;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rate = (p: Pass): number => p.sequences / p.seconds;
const tokenRate = (p: Pass): number => p.usefulTokens / p.seconds;
const gflops = (p: Pass): number => p.executed / p.seconds / 1e9;
const med = (passes: Pass[], f: (p: Pass) => number): number => median(passes.map(f));

/** Median over rounds of a per-round ratio (each round's configurations ran back to back). */
function roundRatio(a: Pass[], b: Pass[], f: (p: Pass) => number): number {
  const n = Math.min(a.length, b.length);
  return median(Array.from({ length: n }, (_, i) => f(a[i]!) / f(b[i]!)));
}

export async function embeddingRow(ctx: RowContext): Promise<RowResult> {
  const started = performance.now();
  const vault = sharedPath('vaults', 'obsidian-help-en');
  const minChunks = ctx.quick ? 500 : undefined;
  const corpus = await vaultChunks(vault, minChunks === undefined ? {} : { minChunks });
  const rounds = ctx.quick ? 1 : 3;
  const dtypes: ModelDtype[] = ctx.fp32 ? ['q8', 'fp32'] : ['q8'];
  const results: DtypeResult[] = [];
  for (const dtype of dtypes) results.push(await measureDtype(dtype, ctx, dtype === 'q8' ? rounds : 1, corpus.chunks, corpus.texts, vault, minChunks));

  const details: DetailTable[] = results.map((r) => ({
    title: `Embedding, perf twin ${r.dtype} (${r.passes.naive.length === 1 ? 'one round' : `median of ${r.passes.naive.length} rounds`})`,
    header: ['configuration', 'chunks/s', 'tokens/s', 'GFLOP/s executed', 'executed/useful FLOPs', 'cores busy', '× naive', '% of peak'],
    rows: CONFIGS.filter((c) => r.passes[c].length > 0).map((c) => {
      const passes = r.passes[c];
      const isPeak = c === 'peak';
      return [
        LABELS[c],
        fmt(med(passes, rate), 1),
        fmt(med(passes, tokenRate), 0),
        fmt(med(passes, gflops), 0),
        isPeak ? '1.00 (fixed shape)' : fmt(med(passes, (p) => p.overhead), 3),
        isPeak ? '–' : fmt(med(passes, (p) => p.cores), 2),
        isPeak ? '–' : ratio(roundRatio(passes, r.passes.naive, rate)),
        isPeak ? '100%' : pct(roundRatio(passes, r.peakOf[c], gflops)),
      ];
    }),
  }));

  const q8 = results[0]!;
  const plannerVsNaive = roundRatio(q8.passes.planner, q8.passes.naive, rate);
  const plannerVsPeak = roundRatio(q8.passes.planner, q8.peakOf.planner, gflops);
  const indexerVsNaive = roundRatio(q8.passes.indexer, q8.passes.naive, rate);
  const indexerVsPeak = roundRatio(q8.passes.indexer, q8.peakOf.indexer, gflops);
  const threadsVsNaive = roundRatio(q8.passes.oneByOne, q8.passes.naive, rate);
  const goals: Goal[] = [
    { goal: '≥ 3× the naive baseline (q8, planner)', measured: ratio(plannerVsNaive), met: plannerVsNaive >= 3 },
    { goal: '≥ 60% of the machine peak (q8, planner)', measured: pct(plannerVsPeak), met: plannerVsPeak >= 0.6 },
  ];
  const fp32 = results.find((r) => r.dtype === 'fp32');
  return {
    id: 'embed',
    number: 1,
    title: 'Embedding throughput (perf twin of multilingual-e5-small, Obsidian Help EN chunks)',
    summary:
      `q8 planner ${fmt(med(q8.passes.planner, rate), 1)} chunks/s, ${fmt(med(q8.passes.planner, tokenRate), 0)} tokens/s, ${fmt(med(q8.passes.planner, gflops), 0)} GFLOP/s; ` +
      `indexer ${fmt(med(q8.passes.indexer, rate), 1)} chunks/s` +
      (fp32 ? `; fp32 planner ${fmt(med(fp32.passes.planner, rate), 1)} chunks/s` : ''),
    ratios:
      `planner ${ratio(plannerVsNaive)} naive, ${pct(plannerVsPeak)} of peak; indexer ${ratio(indexerVsNaive)} naive, ${pct(indexerVsPeak)} of peak; ` +
      `padding overhead ${fmt(med(q8.passes.planner, (p) => p.overhead), 3)} (planner) / ${fmt(med(q8.passes.indexer, (p) => p.overhead), 3)} (indexer)`,
    goals,
    details,
    notes: [
      `${corpus.texts.length} chunks from ${corpus.notes} notes of obsidian-help-en (production parseNote + chunkNote, embeddingText, e5 "passage: " prefix)${ctx.quick ? ' — --quick: first notes only' : ''}; ` +
        `${median(corpus.texts.map((t) => t.length)).toFixed(0)} characters per chunk (median).`,
      `Threads: the production embedder sets intraOpNumThreads = ${q8.threads} (all cores); the naive pipeline keeps ONNX Runtime's default. "cores busy" = process CPU time / wall time during the pass.`,
      `Of the planner's ${ratio(plannerVsNaive)} over naive, ${ratio(threadsVsNaive)} comes from threads alone (production embedder, one chunk per call) and the rest from batching.`,
      `Padding computed from real token counts: Indexer today ${fmt(q8.padding.indexerToday, 3)} (measured ${fmt(med(q8.passes.indexer, (p) => p.overhead), 3)}); ` +
        `if embedMissing handed each ~64-text group to embed() in one call, the planner would pad ${fmt(q8.padding.wholeGroups, 3)}; all chunks at once: ${fmt(q8.padding.allAtOnce, 3)}.`,
      `"% of peak" compares each pass with the mean of two short 8 × 128 peak measurements taken just before and after it (so slow drifts in machine load hit both).`,
      `FLOPs per sequence of padded length S: 12 × (2·S·(4·384² + 2·384·1536) + 4·S²·384) (PERF.md); "executed" pads each batch to its longest text, "useful" does not.`,
      `Model load (createNodeEmbedder, q8): ${fmt(q8.loadMs, 0)} ms; the twin's 30k vocabulary makes it smaller than the real model, so loads are faster than with the real e5-small.`,
    ],
    metrics: {
      chunks: corpus.texts.length,
      tokensPerChunk: med(q8.passes.naive, (p) => p.usefulTokens / p.sequences),
      naiveChunksPerSec: med(q8.passes.naive, rate),
      plannerChunksPerSec: med(q8.passes.planner, rate),
      indexerChunksPerSec: med(q8.passes.indexer, rate),
      plannerGflops: med(q8.passes.planner, gflops),
      peakGflops: med(q8.passes.peak, gflops),
      plannerVsNaive,
      plannerVsPeak,
      indexerVsNaive,
      indexerVsPeak,
      threadsVsNaive,
      plannerOverhead: med(q8.passes.planner, (p) => p.overhead),
      indexerOverhead: med(q8.passes.indexer, (p) => p.overhead),
      simulatedIndexerOverhead: q8.padding.indexerToday,
      wholeGroupOverhead: q8.padding.wholeGroups,
      naiveCores: med(q8.passes.naive, (p) => p.cores),
      plannerCores: med(q8.passes.planner, (p) => p.cores),
      threads: q8.threads,
      ...(fp32
        ? {
            fp32PlannerChunksPerSec: med(fp32.passes.planner, rate),
            fp32PlannerVsNaive: roundRatio(fp32.passes.planner, fp32.passes.naive, rate),
            fp32PlannerVsPeak: roundRatio(fp32.passes.planner, fp32.peakOf.planner, gflops),
            fp32PeakGflops: med(fp32.passes.peak, gflops),
          }
        : {}),
    },
    seconds: (performance.now() - started) / 1000,
  };
}
