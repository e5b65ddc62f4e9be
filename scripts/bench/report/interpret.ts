/**
 * One paragraph per row for docs/BENCH.md: the row's numbers against its goal, and the
 * mechanism behind them (numbers from the run, explanations from PERF.md and the code).
 */
import { INDEXER_DEFAULTS } from '../../../src/core/index/indexer-options';
import type { RowId, RowResult } from '../types';
import { fmt, mb, ms, pct, ratio } from './format';

type Interpret = (r: RowResult, all: RowResult[]) => string;

const metric = (all: RowResult[], id: RowId, name: string): number => all.find((r) => r.id === id)?.metrics[name] ?? Number.NaN;
const verdict = (met: boolean): string => (met ? 'met' : 'not met');

const embed: Interpret = (r) => {
  const m = r.metrics;
  const batching = m.plannerVsNaive! / m.threadsVsNaive!;
  const parts = [
    `The planner path embeds ${fmt(m.plannerChunksPerSec!, 1)} chunks/s (q8), ${ratio(m.plannerVsNaive!)} the naive baseline (goal ≥ 3×: ${verdict(m.plannerVsNaive! >= 3)}) and ${pct(m.plannerVsPeak!)} of this machine's 8 × 128 peak of ${fmt(m.peakGflops!, 0)} GOP/s (goal ≥ 60%: ${verdict(m.plannerVsPeak! >= 0.6)}).`,
    `The gain splits into ${ratio(m.threadsVsNaive!)} from the production embedder's intraOpNumThreads = ${m.threads} (one chunk per call) and ${ratio(batching)} from batching.`,
  ];
  if (m.naiveCores! > 1.5) {
    parts.push(
      `Threads add little because the naive pipeline already kept ${fmt(m.naiveCores!, 2)} cores busy: ONNX Runtime's default intra-op pool used both cores here (PERF.md finding 1 saw one thread by default; that did not reproduce in this run).`,
    );
  }
  if (m.plannerVsNaive! < 3) {
    parts.push(
      `3× is out of reach on this machine: one-text calls have no padding, and the naive loop already ran at ${pct(m.naiveVsPeak!)} of the 8 × 128 peak, so even a perfect planner at 100% of peak would be ${ratio(1 / m.naiveVsPeak!)} naive. ` +
        `Batching pays on many-core machines and in WASM, where per-call overhead and a single thread leave more to gain; PERF.md's own grid shows B = 1 → 8 at +0–15% for ≥ 128-token texts natively.`,
    );
  }
  parts.push(
    `Padding costs ${pct(m.plannerOverhead! - 1)} extra FLOPs with the planner (it sorts a call's texts by token count before cutting batches of ≤ 8), but ${pct(m.indexerOverhead! - 1)} on the Indexer path, which runs ${fmt(m.indexerChunksPerSec!, 1)} chunks/s (${ratio(m.indexerVsNaive!)} naive, ${pct(m.indexerVsPeak!)} of peak): ` +
      `\`embedMissing\` sorts each group of notes' texts by the chunker's token *estimate* and calls \`embed()\` with up to ${INDEXER_DEFAULTS.embedBatchSize} texts at a time, which the planner re-sorts by real counts. Handing each whole group to one \`embed()\` call would pad ${pct(m.wholeGroupOverhead! - 1)} (computed from the same token counts); the rest of the gap is parsing, commits and yields between batches.`,
  );
  if (m.peakGflops! < 0.8 * 488) {
    parts.push(`Reference: PERF.md measured 488 GOP/s for this q8 shape with 2 threads on an idle machine; this run's ${fmt(m.peakGflops!, 0)} GOP/s is ${pct(m.peakGflops! / 488)} of that (other processes shared the cores), so absolute rates are low while the ratios compare like with like.`);
  }
  if (Number.isFinite(m.fp32PlannerVsNaive)) {
    parts.push(`fp32: ${fmt(m.fp32PlannerChunksPerSec!, 1)} chunks/s, ${ratio(m.fp32PlannerVsNaive!)} naive, ${pct(m.fp32PlannerVsPeak!)} of its ${fmt(m.fp32PeakGflops!, 0)} GFLOP/s peak; q8 is ${ratio(m.plannerChunksPerSec! / m.fp32PlannerChunksPerSec!)} faster than fp32.`);
  }
  return parts.join(' ');
};

const build: Interpret = (r, all) => {
  const m = r.metrics;
  const twin = metric(all, 'embed', 'indexerChunksPerSec');
  return (
    `No goal was set. ${fmt(m.notes!, 0)} notes (${fmt(m.chunks!, 0)} chunks) took ${fmt(m.seconds!, 1)} s: ${fmt(m.notesPerSec!, 0)} notes/s; ${pct(m.embedShare!)} of it inside the embedder ` +
    `(GloVe is a table lookup, so that share is transformers.js tokenization and one ONNX Runtime call per 8 texts), the rest reading, parsing, chunking, lexical indexing and ${fmt(m.diskMB!, 1)} MB of commits. ` +
    `Peak RSS ${mb(m.peakMB!)} against ${mb(m.modelRssMB!)} with only the model loaded.` +
    (Number.isFinite(twin)
      ? ` With the default model, the encoder dominates instead: row 1's Indexer path runs ${fmt(twin, 1)} chunks/s on Help-vault chunks, so the hub's ${fmt(m.chunks!, 0)} (longer) chunks need at least ${fmt(m.chunks! / twin / 60, 0)} min of embedding on this machine.`
      : '')
  );
};

const reindex: Interpret = (r) => {
  const m = r.metrics;
  return (
    `notify → committed takes ${ms(m.eventP50!)} p50, ${ms(m.eventP95!)} p95 (goal < 200 ms: ${verdict(m.eventP50! < 200)}): one edit re-embeds ${fmt(m.chunksPerEdit!, 0)} chunk(s) (vectors are cached by content hash), ` +
    `re-parses one note, updates the lexical index and commits one small segment and the manifest with fsync. ` +
    `The sync path takes ${ms(m.syncP50!)} because it first lists and stats all notes. ` +
    `With the default model, add one forward pass of the changed chunk: 16–30 ms for 128–256 tokens (PERF.md, q8, 2 threads, B = 1).`
  );
};

const startup: Interpret = (r) => {
  const m = r.metrics;
  return (
    `Vectors are ready after ${ms(m.vectorsP50!)} (goal < 300 ms: ${verdict(m.vectorsP50! < 300)}), of which ${ms(m.storeP50!)} is IndexStore reading and decoding notes and int8 vectors; ` +
    `keyword search follows at ${ms(m.lexicalP50!)} when loading yields to the event loop as the plugin does (goal < 300 ms: ${verdict(m.lexicalP50! < 300)}) and ${ms(m.lexicalCliP50!)} without yielding (CLI). ` +
    `Until then the Searcher answers dense-only, so related notes and dense search work from vectors-ready on. ` +
    `384-d vectors cost ${ratio(m.vectorsP50! / m.vectors100P50!)} the load time of 100-d ones. The loaded index adds ${mb(m.rssDeltaMB!)} of RSS.`
  );
};

const query: Interpret = (r) => {
  const m = r.metrics;
  return (
    `Dense top-10 over ${fmt(m.bigChunks!, 0)} chunks: ${ms(m.dense100kP50!)} p50, ${ms(m.dense100kP95!)} p95 (goal < 10 ms: ${verdict(m.dense100kP50! < 10)}), ` +
    `${ratio(m.speedup100k!)} faster than Orama's ${ms(m.orama100kP50!)} on the same vectors (goal ≥ 5×: ${verdict(m.speedup100k! >= 5)}), returning ${pct(m.agreement100k!)} of Orama's exact top 10. ` +
    `The difference is the int8 WASM SIMD scan over one contiguous matrix (the JavaScript fallback kernel takes ${ms(m.js100kP50!)}) against Orama's per-document float cosine with all ≥ 0 scores collected and sorted. ` +
    `A folder filter raises dense search to ${ms(m.filter100kP50!)} (${ms(m.filterHubP50!)} at hub size), because every candidate above the running threshold is checked against the filter one by one. ` +
    `Keyword search is the slow part: lexical ${ms(m.lexical100kP50!)} and hybrid ${ms(m.hybrid100kP50!)} p50 at 100k, ${ms(m.lexicalHubP50!)} and ${ms(m.hybridHubP50!)} at hub size (${fmt(m.hubChunks!, 0)} chunks). ` +
    `Embedding the query with the default model adds ${ms(m.twinQueryP50!)} p50 (twin, q8), so a hybrid search over the hub answers in ≈ ${ms(m.twinQueryP50! + m.hybridHubP50!)}.`
  );
};

const related: Interpret = (r) => {
  if (r.skipped) return 'Not measured: the related-notes code was not in this checkout. The row runs as soon as src/core/retrieval/related.ts exists.';
  const m = r.metrics;
  return (
    `A note switch refreshes the related list in ${ms(m.p50!)} p50, ${ms(m.p95!)} p95 (goal p95 < 50 ms: ${verdict(m.p95! < 50)}), ${fmt(m.resultsPerRefresh!, 1)} results each. ` +
    `The first switch after any index change also rebuilds the link graph: ${ms(m.afterEditMs!)}.`
  );
};

export const interpretations: Partial<Record<RowId, Interpret>> = { embed, build, reindex, startup, query, related };
