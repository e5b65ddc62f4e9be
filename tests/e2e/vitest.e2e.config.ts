import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser scenarios: one Chromium at a time (the machine has 2 cores), long timeouts for model loads.
// The performance scenarios (tests/e2e/perf, many minutes) run only with `npm run bench:browser`.
export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    exclude: ['tests/e2e/perf/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
