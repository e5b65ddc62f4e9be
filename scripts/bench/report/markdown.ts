/**
 * docs/BENCH.md, regenerated from a run's results: machine and date, the summary table, each
 * row's detail tables, and a short interpretation of each row against its goal, with the
 * numbers of that run. The method text is fixed here, next to the code it describes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeMachine, type MachineInfo } from '../machine';
import type { DetailTable, RowResult } from '../types';
import { fmt, yesNo } from './format';
import { interpretations } from './interpret';

export interface BenchRun {
  machine: MachineInfo;
  quick: boolean;
  totalSeconds: number;
  results: RowResult[];
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** Numbers right-aligned (detail tables); text left-aligned (the summary). */
function table(header: string[], rows: string[][], numeric = true): string {
  const align = header.map((_, i) => (i === 0 || !numeric ? '---' : '---:'));
  return [header, align, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

function detail(t: DetailTable): string {
  return `**${t.title}**\n\n${table(t.header, t.rows)}`;
}

function summaryTable(results: RowResult[]): string {
  const rows = results.map((r) => [
    String(r.number),
    r.title,
    r.skipped ? `skipped: ${r.skipped}` : r.summary,
    r.skipped ? '–' : r.ratios,
    r.goals.length > 0 ? r.goals.map((g) => g.goal).join('; ') : '–',
    r.goals.length > 0 ? r.goals.map((g) => `${yesNo(g.met)} (${g.measured})`).join('; ') : '–',
  ]);
  return table(['#', 'measurement', 'result (medians)', 'ratios (same run)', 'goal', 'met'], rows, false);
}

function loadNote(results: RowResult[], machine: MachineInfo): string {
  const loads = results.filter((r) => r.load).map((r) => `${r.number}: ${r.load!.before.toFixed(2)}`);
  const busy = results.some((r) => (r.load?.before ?? 0) > 0.5);
  const niced = (machine.nice ?? 0) < 0;
  return (
    `1-minute load average before each row (${machine.cores} cores): ${loads.join(', ')}.` +
    (busy
      ? ' Values above ~0.5 mean other processes wanted the cores during that row' +
        (niced
          ? `; the bench ran at nice ${machine.nice}, so the scheduler gave it most of the CPU, but absolute numbers may still be somewhat lower than on an idle machine (same-run ratios are less affected).`
          : ': its absolute numbers are lower than on an idle machine, its same-run ratios less affected.')
      : '')
  );
}

const METHOD = `## Method

- **Runner.** \`npm run bench\` (\`scripts/bench/run.mjs\`) bundles \`scripts/bench/main.ts\` with esbuild into \`.cache/bench/dist/\` and runs each row in its own fresh Node process (row 4 starts one more process per sample). Flags: \`--only 1,3\` (or names: embed, build, reindex, startup, query, related), \`--quick\` (fewer repeats, a 500-chunk embedding corpus, no fp32), \`--no-fp32\`, \`--write\`/\`--no-write\`, \`--wait-idle S\` (before each row, wait up to S s until the cores are ≥ 90% idle: on a shared 2-core machine, other processes halve what a row measures). Only a full run rewrites this file; every run leaves its results in \`.cache/bench/last-run.json\`. It is not part of \`npm test\`.
- **Code paths.** Production code only: \`createNodeEmbedder\` → \`TransformersEmbedder\` (onnxruntime-node, \`intraOpNumThreads\` = all cores), the batch planner (\`src/core/embedding/batching.ts\`, via \`embed()\`), \`createNoteProcessor\` (parseNote + chunkNote, \`embeddingText\`), \`Indexer\` / \`openVaultIndex\` over \`FileStorage\` and \`FsNoteSource\`, \`IndexStore\`, \`Searcher\`, \`StaticNotesEngine\`, \`relatedNotes\`.
- **Fixtures.** \`../shared/vaults/obsidian-help-en\` (row 1), a copy of \`../shared/vaults/obsidian-hub\` in \`.cache/bench/hub-vault\` (rows 2–6; mtimes kept), \`../shared/models/glove-en-100d\`, and the **perf twin** of multilingual-e5-small (\`../shared/tools/models/make-perf-twin.mjs\`, generated once into \`.cache/bench/perf-twin\`: same layers, width and per-token compute as the default model, random weights, 30k WordPiece vocabulary, e5 \`query: \`/\`passage: \` prefixes applied). The real model cannot be downloaded here; its per-token cost is the twin's.
- **384-d hub index.** For load, search and related-notes timings at the default model's width, the GloVe hub index is rewritten by the production \`IndexStore\` with each vector mapped through a fixed random projection 100 → 384 (re-normalised; random projections keep cosines approximately). Same notes, chunks and lexical index; int8 rows of 388 bytes.
- **10k and 100k levels (row 5).** The hub's real notes (for 100k replicated under \`copyN/\` folders) until 10,000 or ≥ 100,000 chunks (so keyword search runs on real text), with synthetic clustered 384-d vectors (300 centres; the generator of \`tests/core/index/vectors/quantization-recall.test.ts\`); queries are vectors near stored ones. Orama gets the very rows our index scores (dequantized), in a \`vector[384]\` schema, searched with \`similarity: 0, limit: 10\`.
- **Statistics.** Every figure is a median: over rounds (row 1: configurations interleaved round by round, q8 3 rounds, fp32 1), edits (row 3), fresh processes (row 4), or interleaved queries × rounds after an untimed warm-up round (rows 5, 6). Ratios are computed within a round or on the same run's medians, never against numbers from another run.
- **Warm-up.** Row 1 runs ≥ 5 s of 8 × 128-token batches and single-text calls on each ONNX Runtime session before timing (native ORT's first calls are slower; PERF.md finding 6 for WASM); row 3 makes 3 unmeasured edits; rows 5 and 6 run one untimed round; row 4 warms the OS file cache with one unmeasured process (the JIT stays cold, as at a real start).
- **FLOPs.** Per sequence of padded length S: 12 × (2·S·(4·384² + 2·384·1536) + 4·S²·384), as in \`../shared/models/PERF.md\` (embeddings, LayerNorm, softmax, GELU, pooling not counted; an int8 multiply-add counts 2). *Executed* FLOPs pad each batch to its longest text, as ONNX Runtime runs it; *useful* FLOPs do not. Every forward pass is booked by wrapping the embedder's \`embedBatch\` with token counts taken beforehand.
- **Peak.** This machine's reference is the same embedder on a fixed 8 × 128-token batch, repeated ≥ 3 s per round (PERF.md measured 488 GOP/s q8 and 246 GFLOP/s fp32 for this shape with 2 threads on an idle machine).
- **Memory.** Peak RSS is the kernel's high-water mark (\`VmHWM\` in /proc/self/status) of the measuring process.`;

/**
 * The browser rows come from `npm run bench:browser` (Chromium, tests/e2e/perf/), which writes
 * docs/BENCH-BROWSER.md; its table is repeated here so one page holds every number.
 */
function browserSection(browserFile: string): string {
  const heading = '## Browser rows (`npm run bench:browser`, headless Chromium)';
  const reference = "PERF.md's Chromium reference for the twin (1 thread, WASM SIMD): 6.7–6.9 chunks/s at 8 × 128 tokens q8, 36–43 GOP/s, i.e. 5–12× slower than native 2-thread ORT.";
  if (!existsSync(browserFile)) return `${heading}\n\nNot measured yet: run \`npm run bench:browser\` (after \`npm run build\`).\n\n${reference}`;
  const lines = readFileSync(browserFile, 'utf8').split('\n');
  const table = lines.filter((line) => line.startsWith('|'));
  const run = lines.find((line) => line.startsWith('- Run:')) ?? '';
  return `${heading}\n\nThe built plugin in headless Chromium with its real worker (WASM), from [BENCH-BROWSER.md](BENCH-BROWSER.md), which says how each is measured ${run ? `(${run.slice(2).replace(/\.$/, '')})` : ''}:\n\n${table.join('\n')}\n\n${reference}`;
}

export function benchMarkdown(run: BenchRun, browserFile: string): string {
  const { machine, results } = run;
  const date = machine.date.slice(0, 10);
  const sections = results.map((r) => {
    const interpretation = interpretations[r.id]?.(r, results);
    const parts = [`### ${r.number}. ${r.title}`];
    if (r.skipped) parts.push(`Skipped: ${r.skipped}`);
    else {
      parts.push(...r.details.map(detail));
      if (r.notes.length > 0) parts.push(r.notes.map((n) => `- ${n}`).join('\n'));
    }
    if (interpretation) parts.push(`**Against the goal.** ${interpretation}`);
    parts.push(`<sub>Row time ${fmt(r.seconds, 0)} s${r.load ? `; load average before ${r.load.before.toFixed(2)}` : ''}.</sub>`);
    return parts.join('\n\n');
  });
  return `# Benchmarks

Measured by \`npm run bench\` on **${date}** (${run.quick ? '--quick run' : 'full run'}, ${fmt(run.totalSeconds / 60, 1)} min). Regenerate this file with \`npm run bench\`; the numbers below are from that one run.

## Machine

${describeMachine(machine)}.

${loadNote(results, machine)}

## Summary

Medians; every ratio compares measurements made in the same run.

${summaryTable(results)}

## Rows

${sections.join('\n\n')}

${browserSection(browserFile)}

${METHOD}
`;
}

export function writeBenchMarkdown(file: string, run: BenchRun): void {
  writeFileSync(file, benchMarkdown(run, path.join(path.dirname(file), 'BENCH-BROWSER.md')));
}

