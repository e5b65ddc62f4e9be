/**
 * Row 1: embedding throughput on the real chunks of the Obsidian Help (EN) vault with the perf
 * twin of the default model. Every configuration runs in the same process, interleaved round
 * by round, so the ratios compare like with like:
 * - naive: transformers.js `pipeline()` with default options, one call per chunk, note order;
 * - one-by-one: the production embedder (all cores), one `embedBatch` per chunk, note order
 *   (separates what threads give from what batching gives);
 * - planner: the production `embed()` of a slice's chunks (length-sorted batches of ≤ 8, ≤ 2048 tokens);
 * - indexer: `Indexer.sync()` of a slice's notes into a fresh FileStorage (groups of 64 texts, as indexing runs);
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
  planner: 'production embed() of each slice: the batch planner',
  indexer: 'Indexer.sync() of each slice\'s notes (FileStorage)',
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
  /** One pass per round and configuration (its slices combined); `peak`: each round's median peak. */
  passes: Record<Config, Pass[]>;
  padding: PaddingPlans;
  chunks: number;
  slices: number;
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

/** Consecutive notes of the corpus, at least `minChunks` chunks each: the unit the configurations take turns on. */
interface Slice {
  paths: Set<string>;
  texts: string[];
}

function slicesOf(chunks: readonly Chunk[], texts: readonly string[], minChunks: number): Slice[] {
  const slices: Slice[] = [];
  let current: Slice = { paths: new Set(), texts: [] };
  chunks.forEach((chunk, i) => {
    current.paths.add(chunk.path);
    current.texts.push(texts[i]!);
    const noteEnds = i + 1 === chunks.length || chunks[i + 1]!.path !== chunk.path;
    if (noteEnds && current.texts.length >= minChunks) {
      slices.push(current);
      current = { paths: new Set(), texts: [] };
    }
  });
  if (current.texts.length > 0) slices.push(current);
  return slices;
}

/** One configuration's passes over several slices, as one pass. */
function combine(parts: readonly Pass[]): Pass {
  const sum = (f: (p: Pass) => number): number => parts.reduce((a, p) => a + f(p), 0);
  const seconds = sum((p) => p.seconds);
  const executed = sum((p) => p.executed);
  const useful = sum((p) => p.useful);
  return {
    seconds,
    cores: sum((p) => p.cores * p.seconds) / seconds,
    sequences: sum((p) => p.sequences),
    usefulTokens: sum((p) => p.usefulTokens),
    executed,
    useful,
    overhead: executed / useful,
  };
}

/**
 * The configurations take turns slice by slice (naive, one-by-one, planner, Indexer on slice 1,
 * then on slice 2, ...), with a short peak measurement between slices: on a machine whose
 * load drifts, every configuration and the peak see the same conditions. Runtime budget: the
 * one-by-one pass runs in the first q8 round only (it only explains where the gain comes
 * from); fp32 runs one round on every other slice, without the Indexer pass.
 */
async function measureDtype(dtype: ModelDtype, ctx: RowContext, rounds: number, allSlices: Slice[], chunks: readonly Chunk[], vault: string): Promise<DtypeResult> {
  const dir = ensurePerfTwin(ctx.log);
  const config = perfTwinConfig(dir);
  const loadStarted = performance.now();
  const embedder = await loadPerfTwin(dir, dtype);
  const loadMs = performance.now() - loadStarted;
  const naive: NaivePipeline = await loadNaivePipeline(dir, dtype);
  const threads = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const slices = dtype === 'q8' ? allSlices : allSlices.filter((_, i) => i % 2 === 0);
  const texts = slices.flatMap((s) => s.texts);

  const peakTexts = await fixedLengthTexts(embedder, 8, 128);
  const counts = await embedder.countTokens([...texts, ...peakTexts], 'passage');
  const tokensOf = new Map<string, number>();
  [...texts, ...peakTexts].forEach((t, i) => tokensOf.set(t, counts[i]!));
  const slot = instrument(embedder, tokensOf);
  const options = { pooling: 'mean' as const, normalize: true };
  const lengthOf = (t: string): number => Math.min(tokensOf.get(t)!, embedder.info.maxTokens);

  // Warm-up (PERF.md finding 6; native ORT also runs its first calls slower): both sessions, both shapes.
  const warmMs = ctx.quick ? 2000 : 5000;
  ctx.log(`  ${dtype}: warming up ${(2 * warmMs) / 1000} s`);
  await timeRepeatedly(() => embedder.embedBatch(peakTexts, 'passage'), warmMs, 3);
  await timeRepeatedly(async () => (await naive(E5_PREFIXES.passage + peakTexts[0]!, options)).dispose?.(), warmMs / 2, 5);
  await timeRepeatedly(() => embedder.embedBatch([peakTexts[0]!], 'passage'), warmMs / 2, 5);

  const peakFlops = 8 * encoderFlops(config, 128);
  const measurePeak = async (): Promise<Pass> => {
    const calls = await timeRepeatedly(() => embedder.embedBatch(peakTexts, 'passage'), ctx.quick ? 600 : 1000, 3);
    return { seconds: median(calls) / 1000, cores: Number.NaN, sequences: 8, usefulTokens: 8 * 128, executed: peakFlops, useful: peakFlops, overhead: 1 };
  };
  const configs = (round: number): Config[] => (dtype === 'q8' ? (round === 1 ? ['naive', 'oneByOne', 'planner', 'indexer'] : ['naive', 'planner', 'indexer']) : ['naive', 'planner']);
  const work: Record<Exclude<Config, 'peak'>, (slice: Slice) => Promise<Pass>> = {
    naive: (slice) =>
      timed(config, slot, async (ledger) => {
        for (const text of slice.texts) {
          const output = await naive(E5_PREFIXES.passage + text, options);
          output.dispose?.();
          ledger.addBatch([lengthOf(text)]);
        }
      }),
    oneByOne: (slice) =>
      timed(config, slot, async () => {
        for (const text of slice.texts) await embedder.embedBatch([text], 'passage');
      }),
    planner: (slice) =>
      timed(config, slot, async () => {
        await embedder.embed(slice.texts, 'passage');
      }),
    indexer: (slice) => indexerPass(config, slot, embedder, vault, slice.paths),
  };

  const passes: Record<Config, Pass[]> = { naive: [], oneByOne: [], planner: [], indexer: [], peak: [] };
  for (let round = 1; round <= rounds; round++) {
    ctx.log(`  ${dtype}: round ${round}/${rounds}, ${slices.length} slices`);
    const parts = new Map<Config, Pass[]>(configs(round).map((c) => [c, []]));
    const peaks = [await measurePeak()];
    for (const slice of slices) {
      for (const c of configs(round)) parts.get(c)!.push(await work[c as Exclude<Config, 'peak'>](slice));
      peaks.push(await measurePeak());
    }
    for (const [c, p] of parts) passes[c].push(combine(p));
    // The round's peak: the median of its between-slice measurements.
    passes.peak.push([...peaks].sort((a, b) => a.seconds - b.seconds)[Math.floor(peaks.length / 2)]!);
    const last = (c: Config): string => (passes[c].length > 0 ? rate(passes[c].at(-1)!).toFixed(1) : '–');
    ctx.log(`    naive ${last('naive')}, planner ${last('planner')}, indexer ${last('indexer')} chunks/s; peak ${gflops(passes.peak.at(-1)!).toFixed(0)} GFLOP/s`);
  }
  await naive.dispose();
  await embedder.dispose();
  const used = new Set(slices.flatMap((s) => [...s.paths]));
  const padding = paddingPlans(chunks.filter((c) => used.has(c.path)), lengthOf, config);
  return { dtype, passes, padding, threads, loadMs, chunks: texts.length, slices: slices.length };
}

/** A fresh index of some notes of the vault, built by the production Indexer with the instrumented embedder. */
async function indexerPass(config: PerfTwinConfig, slot: { ledger: FlopLedger | null }, embedder: TransformersEmbedder, vault: string, paths: Set<string>): Promise<Pass> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amn-bench-embed-'));
  try {
    const base = new FsNoteSource(vault);
    const source = { list: async () => (await base.list()).filter((s) => paths.has(s.path)), read: (p: string) => base.read(p) };
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
  const corpus = await vaultChunks(vault, ctx.quick ? { minChunks: 500 } : {});
  const rounds = ctx.quick ? 1 : 3;
  const slices = slicesOf(corpus.chunks, corpus.texts, ctx.quick ? 100 : 200);
  const dtypes: ModelDtype[] = ctx.fp32 ? ['q8', 'fp32'] : ['q8'];
  const results: DtypeResult[] = [];
  for (const dtype of dtypes) results.push(await measureDtype(dtype, ctx, dtype === 'q8' ? rounds : 1, slices, corpus.chunks, vault));

  const details: DetailTable[] = results.map((r) => ({
    title: `Embedding, perf twin ${r.dtype}: ${r.chunks} chunks in ${r.slices} slices, ${r.passes.naive.length === 1 ? 'one round' : `median of ${r.passes.naive.length} rounds`}`,
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
        isPeak ? '100%' : pct(roundRatio(passes, r.passes.peak, gflops)),
      ];
    }),
  }));

  const q8 = results[0]!;
  const plannerVsNaive = roundRatio(q8.passes.planner, q8.passes.naive, rate);
  const plannerVsPeak = roundRatio(q8.passes.planner, q8.passes.peak, gflops);
  const indexerVsNaive = roundRatio(q8.passes.indexer, q8.passes.naive, rate);
  const indexerVsPeak = roundRatio(q8.passes.indexer, q8.passes.peak, gflops);
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
      `Configurations take turns slice by slice (${q8.slices} slices of consecutive notes, ≥ ${ctx.quick ? 100 : 200} chunks each), with a 1-s 8 × 128 peak measurement between slices; "% of peak" compares with the round's median peak. fp32 used every other slice.`,
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
            fp32PlannerVsPeak: roundRatio(fp32.passes.planner, fp32.passes.peak, gflops),
            fp32PeakGflops: med(fp32.passes.peak, gflops),
          }
        : {}),
    },
    seconds: (performance.now() - started) / 1000,
  };
}
