/**
 * Row 1: embedding throughput on the real chunks of the Obsidian Help (EN) vault with the perf
 * twin of the default model. Every configuration runs in the same process on the same slice
 * of the vault, one after the other, with a short peak measurement between any two, so each
 * sample's ratios compare passes made seconds apart (on a shared machine the CPU available
 * swings several-fold within seconds). Each figure is the median over slices × rounds:
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
import { median, percentile, timeRepeatedly } from '../stats';
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

/** One configuration's pass over one slice, with the peak measured just before and after it. */
interface Sample {
  /** `round:slice`: samples with the same key ran on the same texts, seconds apart. */
  key: string;
  pass: Pass;
  /** Mean of the adjacent 8 × 128 measurements. */
  peak: Pass;
}

interface DtypeResult {
  dtype: ModelDtype;
  samples: Record<Exclude<Config, 'peak'>, Sample[]>;
  /** Every 8 × 128 measurement. */
  peaks: Pass[];
  /** 8 × 128 with intraOpNumThreads = 1, measured after the rounds. */
  peakOneThread: Pass;
  padding: PaddingPlans;
  chunks: number;
  slices: number;
  rounds: number;
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
  // Runtime budget (~4 min for this row on an idle machine): a full run measures q8 on every
  // other slice and fp32 on every fourth, spread over the whole vault; --quick takes all its slices.
  const every = ctx.quick ? (dtype === 'q8' ? 1 : 2) : dtype === 'q8' ? 2 : 5;
  const slices = allSlices.filter((_, i) => i % every === 0);
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
    const calls = await timeRepeatedly(() => embedder.embedBatch(peakTexts, 'passage'), 500, 3);
    return { seconds: median(calls) / 1000, cores: Number.NaN, sequences: 8, usefulTokens: 8 * 128, executed: peakFlops, useful: peakFlops, overhead: 1 };
  };
  const configs = (round: number): Exclude<Config, 'peak'>[] => (dtype === 'q8' ? (round === 1 ? ['naive', 'oneByOne', 'planner', 'indexer'] : ['naive', 'planner', 'indexer']) : ['naive', 'planner']);
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

  const samples: DtypeResult['samples'] = { naive: [], oneByOne: [], planner: [], indexer: [] };
  const peaks: Pass[] = [];
  let lastPeak = await measurePeak();
  peaks.push(lastPeak);
  for (let round = 1; round <= rounds; round++) {
    ctx.log(`  ${dtype}: round ${round}/${rounds}, ${slices.length} slices`);
    for (const [i, slice] of slices.entries()) {
      for (const c of configs(round)) {
        const before = lastPeak;
        const pass = await work[c](slice);
        lastPeak = await measurePeak();
        peaks.push(lastPeak);
        samples[c].push({ key: `${round}:${i}`, pass, peak: { ...lastPeak, seconds: (before.seconds + lastPeak.seconds) / 2 } });
      }
    }
    const recent = (c: Exclude<Config, 'peak'>): string => (samples[c].length > 0 ? fmt(median(samples[c].slice(-slices.length).map((x) => rate(x.pass))), 1) : '–');
    ctx.log(`    median slice: naive ${recent('naive')}, planner ${recent('planner')}, indexer ${recent('indexer')} chunks/s; peak ${fmt(median(peaks.map(gflops)), 0)} GFLOP/s`);
  }
  await naive.dispose();
  await embedder.dispose();
  // The same peak shape with one intra-op thread: what the second core adds on this machine.
  const single = await loadPerfTwin(dir, dtype, 1);
  await timeRepeatedly(() => single.embedBatch(peakTexts, 'passage'), 2000, 3);
  const singleCalls = await timeRepeatedly(() => single.embedBatch(peakTexts, 'passage'), ctx.quick ? 1500 : 3000, 3);
  await single.dispose();
  const peakOneThread: Pass = { seconds: median(singleCalls) / 1000, cores: Number.NaN, sequences: 8, usefulTokens: 8 * 128, executed: peakFlops, useful: peakFlops, overhead: 1 };
  const used = new Set(slices.flatMap((s) => [...s.paths]));
  const padding = paddingPlans(chunks.filter((c) => used.has(c.path)), lengthOf, config);
  return { dtype, samples, peaks, peakOneThread, padding, threads, loadMs, chunks: texts.length, slices: slices.length, rounds };
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
type Measured = Exclude<Config, 'peak'>;

/** Median over samples of a per-sample quantity. */
const med = (xs: Sample[], f: (x: Sample) => number): number => median(xs.map(f));
const q = (xs: Sample[], f: (x: Sample) => number, p: number): number => percentile(xs.map(f), p);

/** Per-sample ratio to the naive pass over the same slice in the same round. */
function vsNaive(r: DtypeResult): (x: Sample) => number {
  const naive = new Map(r.samples.naive.map((x) => [x.key, x.pass]));
  return (x) => rate(x.pass) / rate(naive.get(x.key)!);
}
const vsPeak = (x: Sample): number => gflops(x.pass) / gflops(x.peak);

/** Executed / useful FLOPs over all of a configuration's passes. */
function overheadOf(xs: Sample[]): number {
  return xs.reduce((a, x) => a + x.pass.executed, 0) / xs.reduce((a, x) => a + x.pass.useful, 0);
}

/** Mean tokens per chunk over a configuration's passes. */
function tokensPerChunk(xs: Sample[]): number {
  return xs.reduce((a, x) => a + x.pass.usefulTokens, 0) / xs.reduce((a, x) => a + x.pass.sequences, 0);
}

export async function embeddingRow(ctx: RowContext): Promise<RowResult> {
  const started = performance.now();
  const vault = sharedPath('vaults', 'obsidian-help-en');
  const corpus = await vaultChunks(vault, ctx.quick ? { minChunks: 500 } : {});
  const rounds = ctx.quick ? 1 : 3;
  const slices = slicesOf(corpus.chunks, corpus.texts, 100);
  const dtypes: ModelDtype[] = ctx.fp32 ? ['q8', 'fp32'] : ['q8'];
  const results: DtypeResult[] = [];
  for (const dtype of dtypes) results.push(await measureDtype(dtype, ctx, dtype === 'q8' ? rounds : 1, slices, corpus.chunks, vault));

  const details: DetailTable[] = results.map((r) => ({
    title: `Embedding, perf twin ${r.dtype}: ${r.chunks} chunks in ${r.slices} slices × ${r.rounds} round(s); medians over slices`,
    header: ['configuration', 'chunks/s', 'tokens/s', 'GFLOP/s executed', 'executed/useful FLOPs', 'cores busy', '× naive', '% of peak'],
    rows: [
      ...CONFIGS.filter((c): c is Measured => c !== 'peak' && r.samples[c].length > 0).map((c) => {
        const xs = r.samples[c];
        return [
          LABELS[c],
          fmt(med(xs, (x) => rate(x.pass)), 1),
          fmt(med(xs, (x) => tokenRate(x.pass)), 0),
          fmt(med(xs, (x) => gflops(x.pass)), 0),
          fmt(overheadOf(xs), 3),
          fmt(med(xs, (x) => x.pass.cores), 2),
          ratio(med(xs, vsNaive(r))),
          pct(med(xs, vsPeak)),
        ];
      }),
      [LABELS.peak, fmt(median(r.peaks.map(rate)), 1), fmt(median(r.peaks.map(tokenRate)), 0), fmt(median(r.peaks.map(gflops)), 0), '1.00 (fixed shape)', '–', '–', '100%'],
    ],
  }));

  const q8 = results[0]!;
  const planner = q8.samples.planner;
  const indexer = q8.samples.indexer;
  const plannerVsNaive = med(planner, vsNaive(q8));
  const plannerVsPeak = med(planner, vsPeak);
  const indexerVsNaive = med(indexer, vsNaive(q8));
  const indexerVsPeak = med(indexer, vsPeak);
  const threadsVsNaive = med(q8.samples.oneByOne, vsNaive(q8));
  const peakGflops = median(q8.peaks.map(gflops));
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
      `q8 planner ${fmt(med(planner, (x) => rate(x.pass)), 1)} chunks/s, ${fmt(med(planner, (x) => tokenRate(x.pass)), 0)} tokens/s, ${fmt(med(planner, (x) => gflops(x.pass)), 0)} GFLOP/s; ` +
      `Indexer path ${fmt(med(indexer, (x) => rate(x.pass)), 1)} chunks/s` +
      (fp32 ? `; fp32 planner ${fmt(med(fp32.samples.planner, (x) => rate(x.pass)), 1)} chunks/s` : ''),
    ratios:
      `planner ${ratio(plannerVsNaive)} naive, ${pct(plannerVsPeak)} of peak; Indexer path ${ratio(indexerVsNaive)} naive, ${pct(indexerVsPeak)} of peak; ` +
      `padding overhead ${fmt(overheadOf(planner), 3)} (planner) / ${fmt(overheadOf(indexer), 3)} (Indexer)`,
    goals,
    details,
    notes: [
      `${corpus.texts.length} chunks from ${corpus.notes} notes of obsidian-help-en (production parseNote + chunkNote, embeddingText, e5 "passage: " prefix)${ctx.quick ? ' — --quick: first notes only' : ''}; ` +
        `${median(corpus.texts.map((t) => t.length)).toFixed(0)} characters per chunk (median), ${fmt(tokensPerChunk(q8.samples.naive), 0)} tokens (mean, measured slices).`,
      `Threads: the production embedder sets intraOpNumThreads = ${q8.threads} (all cores); the naive pipeline keeps ONNX Runtime's default. "cores busy" = process CPU time / wall time during a pass: below ${q8.threads}, threads waited or other processes held the cores.`,
      `Of the planner's ${ratio(plannerVsNaive)} over naive, ${ratio(threadsVsNaive)} comes from threads alone (production embedder, one chunk per call) and ${ratio(plannerVsNaive / threadsVsNaive)} from batching.`,
      `Spread over samples (p25–p75): planner × naive ${ratio(q(planner, vsNaive(q8), 25))}–${ratio(q(planner, vsNaive(q8), 75))}, planner % of peak ${pct(q(planner, vsPeak, 25))}–${pct(q(planner, vsPeak, 75))}; peak ${fmt(percentile(q8.peaks.map(gflops), 25), 0)}–${fmt(percentile(q8.peaks.map(gflops), 75), 0)} GFLOP/s.`,
      `Padding computed from real token counts: Indexer today ${fmt(q8.padding.indexerToday, 3)} (measured ${fmt(overheadOf(indexer), 3)}); ` +
        `if embedMissing handed each whole group to embed() in one call, the planner would pad ${fmt(q8.padding.wholeGroups, 3)}; all chunks at once: ${fmt(q8.padding.allAtOnce, 3)}.`,
      `Sampling: slices of consecutive notes (≥ 100 chunks; ${ctx.quick ? 'q8 all, fp32 every other one' : 'q8 every other one, fp32 every fifth, spread over the whole vault'}); on each slice the configurations run one after the other with a 0.5-s 8 × 128 peak measurement between any two; "% of peak" compares a pass with the mean of the peaks just before and after it.`,
      ...results.map((r) => `${r.dtype} peak with intraOpNumThreads = 1: ${fmt(rate(r.peakOneThread), 1)} chunks/s (${fmt(gflops(r.peakOneThread), 0)} GFLOP/s); ${r.threads} threads give ${ratio(median(r.peaks.map(gflops)) / gflops(r.peakOneThread))} at that shape in this run.`),
      `FLOPs per sequence of padded length S: 12 × (2·S·(4·384² + 2·384·1536) + 4·S²·384) (PERF.md); "executed" pads each batch to its longest text, "useful" does not.`,
      `Model load (createNodeEmbedder, q8): ${fmt(q8.loadMs, 0)} ms; the twin's 30k vocabulary makes it smaller than the real model, so loads are faster than with the real e5-small.`,
    ],
    metrics: {
      chunks: corpus.texts.length,
      tokensPerChunk: tokensPerChunk(q8.samples.naive),
      naiveChunksPerSec: med(q8.samples.naive, (x) => rate(x.pass)),
      plannerChunksPerSec: med(planner, (x) => rate(x.pass)),
      indexerChunksPerSec: med(indexer, (x) => rate(x.pass)),
      plannerGflops: med(planner, (x) => gflops(x.pass)),
      peakGflops,
      plannerVsNaive,
      plannerVsPeak,
      indexerVsNaive,
      indexerVsPeak,
      threadsVsNaive,
      naiveVsPeak: med(q8.samples.naive, vsPeak),
      plannerOverhead: overheadOf(planner),
      indexerOverhead: overheadOf(indexer),
      simulatedIndexerOverhead: q8.padding.indexerToday,
      wholeGroupOverhead: q8.padding.wholeGroups,
      naiveCores: med(q8.samples.naive, (x) => x.pass.cores),
      plannerCores: med(planner, (x) => x.pass.cores),
      threads: q8.threads,
      peakOneThreadGflops: gflops(q8.peakOneThread),
      threadGainAtPeak: peakGflops / gflops(q8.peakOneThread),
      ...(fp32
        ? {
            fp32PlannerChunksPerSec: med(fp32.samples.planner, (x) => rate(x.pass)),
            fp32PlannerVsNaive: med(fp32.samples.planner, vsNaive(fp32)),
            fp32PlannerVsPeak: med(fp32.samples.planner, vsPeak),
            fp32PeakGflops: median(fp32.peaks.map(gflops)),
            fp32ThreadGainAtPeak: median(fp32.peaks.map(gflops)) / gflops(fp32.peakOneThread),
          }
        : {}),
    },
    seconds: (performance.now() - started) / 1000,
  };
}
