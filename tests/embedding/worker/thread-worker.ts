// Builds the Node worker entry with esbuild and adapts worker_threads.Worker to WorkerLike.
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerLike } from '../../../src/embedding/worker/worker-slot';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

/** Bundles node-worker-entry.ts into .cache/ (inside the repo, so bare imports resolve to node_modules). */
export async function buildNodeWorker(): Promise<string> {
  const outfile = path.join(repoRoot, '.cache', 'test-workers', `embedding-worker-${process.pid}.mjs`);
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(here, 'node-worker-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export interface ThreadWorker extends WorkerLike {
  /** Sends a test-only message (`__exit`, `__throw`, `__throwOnNextRequest`, `__freeze`). */
  poke(message: { type: string; ms?: number }): void;
  readonly exited: Promise<number>;
}

export function threadWorker(file: string): ThreadWorker {
  const worker = new Worker(file);
  let terminated = false;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const like: ThreadWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (message, transfer) => worker.postMessage(message, (transfer ?? []) as ArrayBuffer[]),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
    poke: (message) => worker.postMessage(message),
    exited,
  };
  worker.on('message', (data: unknown) => like.onmessage?.({ data }));
  worker.on('error', (error) => like.onerror?.({ message: error.message }));
  worker.on('exit', (code) => {
    if (!terminated) like.onerror?.({ message: `the worker exited with code ${code}` });
  });
  return like;
}
