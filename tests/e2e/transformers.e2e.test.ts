/**
 * The host can run what the real plugin will run: transformers.js (browser build) on WASM in a
 * Blob-URL module worker made by plugin code, loading a model from the host's HF mirror.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildTfjsProbePlugin, fixtureVault, tfjsProbeFiles } from './fixtures/build-probe';
import { startHost, type Host } from './harness';

interface EmbedResult {
  dims?: number[];
  vectors?: number[][];
  loadMs?: number;
  totalMs?: number;
  error?: string;
}

let host: Host;
beforeAll(async () => {
  host = await startHost({ vault: fixtureVault, mainJs: await buildTfjsProbePlugin(), server: { pluginFiles: tfjsProbeFiles } });
});
afterAll(async () => {
  await host?.close();
});

const embed = (texts: string[]) =>
  host.page.evaluate(([t]) => (window as any).__host.plugin.embed('e2e/glove-en-100d', t) as Promise<EmbedResult>, [texts] as const);
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

test('transformers.js embeds in a worker from the mirror, then from Cache Storage after a reload', async () => {
  const texts = ['The cat sat on the mat', 'A kitten rested on the rug', 'Stock markets fell sharply today'];
  const first = await embed(texts);
  expect(first.error).toBeUndefined();
  expect(first.dims).toEqual([3, 100]);
  const [a, b, c] = first.vectors!;
  expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.1);
  const modelFetches = () => host.server.requests.filter((r) => r.path.includes('/glove-en-100d/resolve/main/onnx/')).length;
  expect(modelFetches()).toBe(1);
  console.log(`glove-en-100d in the host: first load ${first.loadMs!.toFixed(0)} ms, total ${first.totalMs!.toFixed(0)} ms`);

  await host.reload();
  const second = await embed(texts);
  expect(second.vectors).toEqual(first.vectors);
  expect(modelFetches()).toBe(1);
  console.log(`after reload (Cache Storage): load ${second.loadMs!.toFixed(0)} ms, total ${second.totalMs!.toFixed(0)} ms`);
  expect(await host.errors()).toEqual([]);
});
