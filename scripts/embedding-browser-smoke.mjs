#!/usr/bin/env node
// Chromium smoke test of the embedding worker (tests/embedding/browser-smoke/runner.ts and page.ts).
//   node scripts/embedding-browser-smoke.mjs [--model glove-en-100d] [--models-dir ../shared/models]
//        [--perf DIR/perf-twin --texts 48 --words 42 --warmup 10] [--webgpu] [--chromium /usr/bin/chromium]
// Needs Debian's chromium (`apt-get install chromium`). --perf measures WASM throughput with 1 and 2
// workers on a perf twin (../shared/tools/models/make-perf-twin.mjs).
import esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(repoRoot, '.cache', 'browser-smoke', 'runner.mjs');
await esbuild.build({
  stdin: {
    contents: "import { main } from './runner';\nprocess.exit(await main(process.env.AMN_REPO_ROOT));\n",
    resolveDir: path.join(repoRoot, 'tests/embedding/browser-smoke'),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, AMN_REPO_ROOT: repoRoot } });
process.exit(run.status ?? 1);
