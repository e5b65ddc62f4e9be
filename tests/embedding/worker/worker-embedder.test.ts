// WorkerEmbedder (the main-thread client) with real worker threads running the real WorkerHost
// and transformers.js (onnxruntime-node). Covered for real: the protocol across a thread
// boundary, model files sent from the main thread on request, errors as messages, cancel,
// crash/stall detection and restart, a pool of two workers, dispose. Not covered here: the
// browser entry (hide-node, onnxruntime-web WASM, Blob URL), which the Chromium smoke test runs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveModelSpec, type ModelSpec } from '../../../src/core/embedding/models';
import { directoryReader } from '../../../src/embedding/node/directory-reader';
import { TransformersEmbedder } from '../../../src/embedding/transformers-embedder';
import { WorkerEmbedder, type WorkerEmbedderOptions } from '../../../src/embedding/worker/worker-embedder';
import { fixtureModelDir } from '../fixtures';
import { buildNodeWorker, threadWorker, type ThreadWorker } from './thread-worker';

let workerFile: string;
let reference: TransformersEmbedder;
const spec: ModelSpec = resolveModelSpec('tiny-random-e5-like', { prefixes: { query: 'query: ', passage: 'passage: ' } });
const texts = Array.from({ length: 20 }, (_, i) => `nota ${'pasta cofre '.repeat(i % 7)}busca ${i}`);
let embedders: WorkerEmbedder[] = [];
let workers: ThreadWorker[] = [];

beforeAll(async () => {
  workerFile = await buildNodeWorker();
  reference = await TransformersEmbedder.load({ spec, reader: directoryReader(fixtureModelDir('tiny-random-e5-like')), dtype: 'fp32' });
});
afterAll(() => reference.dispose());
afterEach(async () => {
  for (const e of embedders) await e.dispose();
  await Promise.all(workers.map((w) => w.exited));
  embedders = [];
  workers = [];
});

async function start(extra: Partial<WorkerEmbedderOptions> = {}): Promise<WorkerEmbedder> {
  const promise = WorkerEmbedder.start({
    createWorker: () => {
      const w = threadWorker(workerFile);
      workers.push(w);
      return w;
    },
    spec,
    reader: directoryReader(fixtureModelDir('tiny-random-e5-like')),
    dtype: 'fp32',
    stallTimeoutMs: 5000,
    ...extra,
  });
  const embedder = await promise;
  embedders.push(embedder);
  return embedder;
}

function same(a: Float32Array[], b: Float32Array[]): boolean {
  return a.length === b.length && a.every((v, i) => v.length === b[i]!.length && v.every((x, k) => x === b[i]![k]));
}

describe('WorkerEmbedder over worker threads', () => {
  it('loads the model from files the main thread sends, and embeds exactly like the in-process embedder', async () => {
    const embedder = await start();
    expect(embedder.info).toEqual(reference.info);
    expect(embedder.backend).toBe('cpu');
    const progress: number[] = [];
    const vectors = await embedder.embed(texts, 'query', { onProgress: (d) => progress.push(d) });
    expect(same(vectors, await reference.embed(texts, 'query'))).toBe(true);
    expect(progress.at(-1)).toBe(texts.length);
    expect(await embedder.countTokens(['Aprendizado por transferência'], 'passage')).toEqual(await reference.countTokens(['Aprendizado por transferência'], 'passage'));
  });

  it('splits batches across a pool of two workers', async () => {
    const embedder = await start({ workerCount: 2 });
    const vectors = await embedder.embed(texts, 'passage');
    expect(workers).toHaveLength(2);
    expect(same(vectors, await reference.embed(texts, 'passage'))).toBe(true);
  });

  it('keeps going with one worker when an extra worker cannot start', async () => {
    let created = 0;
    const warnings: string[] = [];
    const embedder = await start({
      workerCount: 2,
      logger: { debug: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
      createWorker: () => {
        created++;
        if (created === 2) throw new Error('Worker quota exceeded');
        const w = threadWorker(workerFile);
        workers.push(w);
        return w;
      },
    });
    const vectors = await embedder.embed(texts, 'passage');
    expect(same(vectors, await reference.embed(texts, 'passage'))).toBe(true);
    expect(created).toBe(2);
    expect(warnings.join('\n')).toMatch(/extra embedding worker could not start; continuing with 1: Error: Worker quota exceeded/);
  });

  it('reports a model that cannot load as a rejected start, naming where the files were read', async () => {
    const dir = fixtureModelDir('glove-en-100d');
    await expect(start({ spec: resolveModelSpec('glove-en-100d'), reader: directoryReader(dir), dtype: 'fp32' })).rejects.toThrow(
      `Model 'glove-en-100d' could not be loaded from ${dir}: onnx/model.onnx is missing (fp32 needs onnx/model.onnx).`,
    );
    // The error came back as a message; the worker did not crash (it was terminated by the client).
    expect(await workers[0]!.exited).toBe(1);
  });

  it('cancels: the call rejects with AbortError right away, and the worker stays usable', async () => {
    const embedder = await start();
    const controller = new AbortController();
    const run = embedder.embed(texts, 'passage', { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(same(await embedder.embed(texts.slice(0, 3), 'passage'), await reference.embed(texts.slice(0, 3), 'passage'))).toBe(true);
    expect(workers).toHaveLength(1);
  });

  it('notices a crashed worker, rejects what it held, and restarts on the next call', async () => {
    const embedder = await start();
    const run = embedder.embed(texts, 'passage');
    workers[0]!.poke({ type: '__exit' });
    await expect(run).rejects.toThrow(/The embedding worker crashed: the worker exited with code 3/);
    const again = await embedder.embed(texts.slice(0, 2), 'passage');
    expect(workers).toHaveLength(2);
    expect(same(again, await reference.embed(texts.slice(0, 2), 'passage'))).toBe(true);
  });

  it('treats an uncaught error inside the worker as a crash with its message', async () => {
    const embedder = await start();
    // The worker dies on receiving the request, so the crash lands while it is in flight. (A worker
    // that dies while idle is restarted by the next request, which then succeeds: that is by design.)
    workers[0]!.poke({ type: '__throwOnNextRequest' });
    const run = embedder.embed(texts, 'passage');
    await expect(run).rejects.toThrow(/injected uncaught error/);
  });

  it('declares a silent worker dead after the stall timeout', async () => {
    const embedder = await start({ stallTimeoutMs: 300 });
    workers[0]!.poke({ type: '__freeze', ms: 3000 });
    const run = embedder.embed(texts, 'passage');
    await expect(run).rejects.toThrow(/stopped responding \(silent for \d+ s during a batch\); it will be restarted on next use/);
  });

  it('terminates its workers on dispose and refuses further calls', async () => {
    const embedder = await start();
    await embedder.dispose();
    expect(await workers[0]!.exited).toBe(1);
    await expect(embedder.embed(['x'], 'query')).rejects.toThrow(/disposed/);
  });
});
