/**
 * `npm run bench`: runs each row in its own Node process, prints its table as it finishes,
 * then a summary, and (after a full run) writes docs/BENCH.md. Children are this same bundle
 * started with `--child <task>`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseBenchArgs, USAGE, type BenchArgs } from './cli-args';
import { runInChild } from './child-process';
import { describeMachine, machineInfo } from './machine';
import { cachePath, repoRoot } from './paths';
import { idleShare, loadAverage } from './proc';
import { renderRow, renderSummary } from './report/console';
import { writeBenchMarkdown, type BenchRun } from './report/markdown';
import { embeddingRow } from './rows/embedding';
import { indexBuildRow } from './rows/index-build';
import { reindexRow } from './rows/reindex';
import { startupRow, startupSample } from './rows/startup';
import { queryRow } from './rows/query';
import { relatedRow } from './rows/related';
import { ROW_IDS, type RowContext, type RowId, type RowResult } from './types';

const ROWS: Record<RowId, (ctx: RowContext) => Promise<RowResult>> = {
  embed: embeddingRow,
  build: indexBuildRow,
  reindex: reindexRow,
  startup: startupRow,
  query: queryRow,
  related: relatedRow,
};

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function child(args: BenchArgs): Promise<void> {
  if (!args.out) throw new Error('--child needs --out.');
  const ctx: RowContext = { quick: args.quick, fp32: args.fp32, log };
  let result: unknown;
  if (args.child === 'startup-sample') result = await startupSample(args.params);
  else if (ROW_IDS.includes(args.child as RowId)) result = await ROWS[args.child as RowId](ctx);
  else throw new Error(`Unknown bench task ${args.child}.`);
  writeFileSync(args.out, JSON.stringify(result));
}

/** Other processes on a 2-core machine halve what a row measures; waiting for them is cheaper than a rerun. */
async function waitForIdle(maxSeconds: number): Promise<void> {
  const deadline = performance.now() + maxSeconds * 1000;
  for (let check = 0; ; check++) {
    const idle = await idleShare(2000);
    if (idle >= 0.9) return;
    if (performance.now() >= deadline) {
      log(`  still busy (${(idle * 100).toFixed(0)}% idle) after ${maxSeconds} s; measuring anyway.`);
      return;
    }
    if (check % 15 === 0) log(`  waiting for idle cores (${(idle * 100).toFixed(0)}% idle now)...`);
  }
}

async function orchestrate(args: BenchArgs): Promise<void> {
  const machine = machineInfo();
  const rows = args.only.length > 0 ? ROW_IDS.filter((r) => args.only.includes(r)) : [...ROW_IDS];
  const full = rows.length === ROW_IDS.length && !args.quick;
  const started = performance.now();
  process.stdout.write(`Ask My Notes benchmark — ${machine.date.slice(0, 10)}\n${describeMachine(machine)}\n` +
    `Rows: ${rows.join(', ')}${args.quick ? ' (--quick)' : ''}${args.fp32 ? '' : ' (no fp32)'}\n\n`);
  const flags = [...(args.quick ? ['--quick'] : []), ...(args.fp32 ? [] : ['--no-fp32'])];
  const results: RowResult[] = [];
  let waitedSeconds = 0;
  for (const row of rows) {
    if (args.waitIdle > 0) {
      const waitStarted = performance.now();
      await waitForIdle(args.waitIdle);
      waitedSeconds += (performance.now() - waitStarted) / 1000;
    }
    const before = loadAverage();
    log(`[${ROW_IDS.indexOf(row) + 1}/${ROW_IDS.length}] ${row}... (load average ${before.toFixed(2)})`);
    if (before > 0.5) log(`  warning: the 1-minute load average is ${before.toFixed(2)} on ${machine.cores} cores: other processes compete, so absolute numbers will be low (same-run ratios suffer less).`);
    const result = await runInChild<RowResult>(row, flags);
    result.load = { before, after: loadAverage() };
    results.push(result);
    process.stdout.write(`${renderRow(result)}\n`);
  }
  // What the bench itself takes: time spent waiting for other processes is not its runtime.
  const totalSeconds = (performance.now() - started) / 1000 - waitedSeconds;
  if (waitedSeconds > 0) log(`(waited ${(waitedSeconds / 60).toFixed(1)} min for idle cores; not counted in the total)`);
  process.stdout.write(`${renderSummary(results, totalSeconds)}\n`);

  mkdirSync(cachePath(), { recursive: true });
  const run: BenchRun = { machine, quick: args.quick, totalSeconds, results };
  writeFileSync(cachePath('last-run.json'), JSON.stringify(run, null, 1));
  const write = args.write ?? full;
  if (write) {
    const file = path.join(repoRoot, 'docs', 'BENCH.md');
    writeBenchMarkdown(file, run);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file) || file}.\n`);
  } else {
    process.stdout.write(`docs/BENCH.md not written (partial run; --write forces it). Results: ${cachePath('last-run.json')}\n`);
  }
}

function render(): void {
  const run = JSON.parse(readFileSync(cachePath('last-run.json'), 'utf8')) as BenchRun;
  const file = path.join(repoRoot, 'docs', 'BENCH.md');
  writeBenchMarkdown(file, run);
  process.stdout.write(`Wrote ${file} from the run of ${run.machine.date}.\n`);
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.child) await child(args);
  else if (args.render) render();
  else await orchestrate(args);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
