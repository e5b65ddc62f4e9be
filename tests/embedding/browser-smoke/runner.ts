// Node side of the Chromium smoke test; started by scripts/embedding-browser-smoke.mjs (which bundles this file).
// Builds page.ts with the inlined embedding worker exactly as esbuild.config.mjs builds main.js,
// serves it and a loopback Hub on 127.0.0.1, drives Debian's chromium with playwright-core and
// prints the page's measurements as JSON.
import esbuild from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { inlineEmbeddingWorkerPlugin } from '../../../scripts/esbuild-embedding-worker.mjs';
import { startHfServer } from '../../helpers/hf-server';

export async function main(repoRoot: string): Promise<number> {
  const { values: o } = parseArgs({
    options: {
      model: { type: 'string', default: 'glove-en-100d' },
      'models-dir': { type: 'string', default: path.resolve(repoRoot, '../shared/models') },
      perf: { type: 'string' },
      texts: { type: 'string', default: '48' },
      words: { type: 'string', default: '42' },
      warmup: { type: 'string', default: '10' },
      webgpu: { type: 'boolean', default: false },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      'timeout-min': { type: 'string', default: '20' },
    },
  });
  const modelsDir = path.resolve(o['models-dir']);
  if (!fs.existsSync(path.join(modelsDir, o.model, 'config.json'))) throw new Error(`Fixture model ${o.model} is missing in ${modelsDir}.`);

  const outDir = path.join(repoRoot, '.cache', 'browser-smoke');
  fs.mkdirSync(outDir, { recursive: true });
  const t0 = Date.now();
  const build = await esbuild.build({
    entryPoints: [path.join(repoRoot, 'tests/embedding/browser-smoke/page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: path.join(outDir, 'page.js'),
    absWorkingDir: repoRoot,
    logLevel: 'warning',
    metafile: true,
    plugins: [inlineEmbeddingWorkerPlugin({ production: true, webgpu: o.webgpu })],
  });
  const bundleBytes = fs.statSync(path.join(outDir, 'page.js')).size;
  const workerBytes = Object.values(build.metafile.outputs)[0]!.inputs['inline-embedding-worker:embedding-worker']?.bytesInOutput;
  fs.writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="page.js"></script>');

  const page = http.createServer((req, res) => {
    const name = req.url === '/' || req.url?.startsWith('/?') ? 'index.html' : (req.url ?? '').slice(1).split('?')[0]!;
    const file = path.join(outDir, name);
    if (!file.startsWith(outDir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html' : 'text/javascript' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
  const pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;

  const models: Record<string, string> = { [`fixtures/${o.model}`]: o.model };
  if (o.perf) models['perf/perf-twin'] = path.resolve(o.perf);
  const hub = await startHfServer({ modelsDir, models });
  let hubOpen = true;

  const browser = await chromium.launch({
    executablePath: o.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let exitCode = 0;
  try {
    const tab = await browser.newPage();
    const consoleErrors: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    tab.on('pageerror', (e) => consoleErrors.push(e.message));
    // Everything the page requests, to prove nothing leaves 127.0.0.1.
    const requested = new Set<string>();
    tab.on('request', (r) => requested.add(new URL(r.url()).origin));
    await tab.exposeFunction('stopHub', async () => {
      if (hubOpen) await hub.close();
      hubOpen = false;
    });
    const query = new URLSearchParams({ host: hub.url, model: `fixtures/${o.model}`, texts: o.texts, words: o.words, warmup: o.warmup });
    if (o.perf) query.set('perf', 'perf/perf-twin');
    await tab.goto(`${pageUrl}/?${query}`);
    await tab.waitForFunction(() => window.__smoke?.done === true, null, { timeout: Number(o['timeout-min']) * 60_000, polling: 500 });
    const state = await tab.evaluate(() => window.__smoke);
    const report = {
      chromium: browser.version(),
      buildMs: Date.now() - t0,
      pageBundleBytes: bundleBytes,
      workerSourceBytes: workerBytes,
      webgpuBuild: o.webgpu,
      origins: [...requested].filter((x) => x.startsWith('http')),
      ...state.result,
      workerLog: state.log,
      consoleErrors,
      error: state.error,
    };
    process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
    if (state.error) exitCode = 1;
  } finally {
    await browser.close();
    if (hubOpen) await hub.close();
    page.close();
  }
  return exitCode;
}
