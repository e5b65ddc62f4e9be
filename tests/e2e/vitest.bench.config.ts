import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run bench:browser`: the browser performance scenarios (tests/e2e/perf), one at a time,
// about 3 minutes on the 2-core machine (plus ~1 min to generate the perf twin once). Writes docs/bench-browser.json and
// docs/BENCH-BROWSER.md at the end (tests/e2e/perf/bench-report.ts). Needs `npm run build`.
export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    include: ['tests/e2e/perf/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/perf/bench-report.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
