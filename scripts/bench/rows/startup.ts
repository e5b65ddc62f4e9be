/**
 * Row 4: startup load of the persisted hub index, each sample in a fresh Node process (cold
 * JIT, empty heap; the OS file cache is warm after the first): from `FileStorage.open` to
 * - vectors-ready: `Indexer.open` resolved (notes, chunks and the int8 vector matrix loaded:
 *   dense search and related notes work);
 * - lexical-ready: `indexer.lexicalReady` resolved (the keyword index snapshot decoded).
 * Opened with no embedder, as the plugin does before its model has loaded: stored vectors
 * are kept. Plugin mode yields to the event loop while decoding the lexical snapshot; CLI mode
 * does not (`yieldWhileLoading: false`).
 */
import { runInChild } from '../child-process';
import { ensureHubIndexes, HUB100_DIR, HUB384_DIR, openHubIndexer } from '../fixtures/hub-index';
import { memory } from '../proc';
import { mb, ms } from '../report/format';
import { median } from '../stats';
import type { RowContext, RowResult } from '../types';

export interface StartupSample {
  vectorsMs: number;
  lexicalMs: number;
  /** IndexStore's own report of reading and decoding notes and vectors. */
  storeMs: number;
  /** Since the process started (module loading included). */
  processToLexicalMs: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  peakMB: number;
  notes: number;
  chunks: number;
  vectors: number;
  dims: number;
}

/** One fresh-process sample (`--child startup-sample`). */
export async function startupSample(params: Record<string, string>): Promise<StartupSample> {
  const dir = params.index;
  if (!dir) throw new Error('startup-sample needs --param=index=DIR.');
  const before = memory();
  const t0 = performance.now();
  const indexer = await openHubIndexer(dir, null, params.yield === '1');
  const vectorsMs = performance.now() - t0;
  await indexer.lexicalReady;
  const lexicalMs = performance.now() - t0;
  const processToLexicalMs = performance.now();
  const after = memory();
  const state = indexer.state;
  if (indexer.loadReport.outcome !== 'stored') throw new Error(`The hub index in ${dir} did not load as stored: ${indexer.loadReport.outcome} ${indexer.loadReport.reason ?? ''}`);
  if (!state.lexical) throw new Error('The lexical index is not installed after lexicalReady.');
  return {
    vectorsMs,
    lexicalMs,
    storeMs: indexer.loadReport.millis,
    processToLexicalMs,
    rssBeforeMB: before.rssMB,
    rssAfterMB: after.rssMB,
    peakMB: after.peakMB,
    notes: state.noteCount,
    chunks: state.chunkCount,
    vectors: state.vectorCount,
    dims: state.dims,
  };
}

interface Variant {
  label: string;
  dir: string;
  yieldWhileLoading: boolean;
}

export async function startupRow(ctx: RowContext): Promise<RowResult> {
  const started = performance.now();
  await ensureHubIndexes(ctx.log);
  const variants: Variant[] = [
    { label: '384-d (e5-small width), plugin mode (yielding)', dir: HUB384_DIR, yieldWhileLoading: true },
    { label: '384-d (e5-small width), CLI mode (not yielding)', dir: HUB384_DIR, yieldWhileLoading: false },
    { label: '100-d (glove-en-100d), plugin mode (yielding)', dir: HUB100_DIR, yieldWhileLoading: true },
  ];
  const samples = ctx.quick ? 3 : 7;
  const results = new Map<Variant, StartupSample[]>(variants.map((v) => [v, []]));
  // One unmeasured open warms the OS file cache, as on any start after the first.
  await runInChild<StartupSample>('startup-sample', [`--param=index=${HUB384_DIR}`, '--param=yield=0']);
  for (let i = 0; i < samples; i++) {
    for (const v of variants) {
      results.get(v)!.push(await runInChild<StartupSample>('startup-sample', [`--param=index=${v.dir}`, `--param=yield=${v.yieldWhileLoading ? 1 : 0}`]));
    }
  }
  const med = (v: Variant, f: (s: StartupSample) => number): number => median(results.get(v)!.map(f));
  const main = variants[0]!;
  const cli = variants[1]!;
  const first = results.get(main)![0]!;
  const vectors = med(main, (s) => s.vectorsMs);
  const lexical = med(main, (s) => s.lexicalMs);
  return {
    id: 'startup',
    number: 4,
    title: 'Startup load of the persisted obsidian-hub index (fresh process, FileStorage)',
    summary: `384-d: vectors-ready ${ms(vectors)}, lexical-ready ${ms(lexical)} (plugin mode) / ${ms(med(cli, (s) => s.lexicalMs))} (CLI mode); RSS +${mb(med(main, (s) => s.rssAfterMB - s.rssBeforeMB))} for the loaded index`,
    ratios: `lexical-ready ${(lexical / vectors).toFixed(1)}× vectors-ready; 384-d vs 100-d vectors-ready ${(vectors / med(variants[2]!, (s) => s.vectorsMs)).toFixed(2)}×`,
    goals: [
      { goal: 'load < 300 ms: vectors-ready (384-d, p50)', measured: ms(vectors), met: vectors < 300 },
      { goal: 'load < 300 ms: lexical-ready (384-d, plugin mode, p50)', measured: ms(lexical), met: lexical < 300 },
    ],
    details: [
      {
        title: `Medians of ${samples} fresh processes each (${first.notes} notes, ${first.chunks} chunks, ${first.vectors} vectors)`,
        header: ['index', 'vectors-ready', 'lexical-ready', 'process start → lexical-ready', 'RSS before open', 'RSS loaded', 'peak RSS'],
        rows: variants.map((v) => [
          v.label,
          ms(med(v, (s) => s.vectorsMs)),
          ms(med(v, (s) => s.lexicalMs)),
          ms(med(v, (s) => s.processToLexicalMs)),
          mb(med(v, (s) => s.rssBeforeMB)),
          mb(med(v, (s) => s.rssAfterMB)),
          mb(med(v, (s) => s.peakMB)),
        ]),
      },
    ],
    notes: [
      'The 384-d index holds the same notes and chunks as the GloVe one, its vectors being the GloVe vectors through a fixed random projection to 384 dimensions (e5-small width; int8 rows of 388 bytes).',
      '"process start → lexical-ready" includes loading the bench bundle and its modules (Node startup), which the plugin pays as part of Obsidian\'s start instead.',
      'The model is not loaded here (the plugin loads it in its worker in parallel); see row 1 for the model load time.',
    ],
    metrics: {
      vectorsP50: vectors,
      lexicalP50: lexical,
      lexicalCliP50: med(cli, (s) => s.lexicalMs),
      storeP50: med(main, (s) => s.storeMs),
      vectors100P50: med(variants[2]!, (s) => s.vectorsMs),
      lexical100P50: med(variants[2]!, (s) => s.lexicalMs),
      rssLoadedMB: med(main, (s) => s.rssAfterMB),
      rssDeltaMB: med(main, (s) => s.rssAfterMB - s.rssBeforeMB),
      processToLexicalP50: med(main, (s) => s.processToLexicalMs),
    },
    seconds: (performance.now() - started) / 1000,
  };
}
