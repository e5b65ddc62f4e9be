/**
 * Entry of the embedding Web Worker bundle (built by esbuild.config.mjs and inlined into
 * main.js as a string). Runs transformers.js on onnxruntime-web: WebGPU when the build includes
 * it and the GPU gives an adapter, otherwise single-threaded WASM with the bundled binary.
 */
/* global __AMN_WEBGPU__ -- defined by esbuild (scripts/esbuild-embedding-worker.mjs) */
import './hide-node';
import { TransformersEmbedder } from '../transformers-embedder';
import { WorkerHost, type HostedEmbedder } from './host';
import { configureOrtWasm } from './ort-wasm';
import { isClientMessage, toWireError, type ClientMessage, type WorkerMessage } from './protocol';
import type { ModelFileReader } from '../../core/embedding/model-reader';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { message?: string; reason?: unknown; preventDefault(): void }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const post = (message: WorkerMessage, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);

async function load(init: Extract<ClientMessage, { type: 'init' }>, reader: ModelFileReader): Promise<{ embedder: HostedEmbedder; backend: string }> {
  const started = Date.now();
  await configureOrtWasm();
  const runtimeReady = Date.now();
  const options = { spec: init.spec, reader, dtype: init.dtype };
  const loaded = async (device: 'webgpu' | 'wasm'): Promise<{ embedder: HostedEmbedder; backend: string }> => {
    const embedder = await TransformersEmbedder.load({ ...options, runtime: { device } });
    const message = `Loaded ${init.spec.id} on ${device}: runtime unpacked in ${runtimeReady - started} ms, model loaded in ${Date.now() - runtimeReady} ms.`;
    post({ type: 'log', level: 'debug', message });
    return { embedder, backend: device };
  };
  if (init.device === 'auto' && (await hasWebGpuAdapter())) {
    try {
      return await loaded('webgpu');
    } catch (error) {
      post({ type: 'log', level: 'warn', message: `WebGPU could not run the model, using WASM instead: ${toWireError(error).message}` });
    }
  }
  return loaded('wasm');
}

async function hasWebGpuAdapter(): Promise<boolean> {
  if (!__AMN_WEBGPU__) return false;
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

const host = new WorkerHost({ post, load });

scope.onmessage = (event) => {
  if (isClientMessage(event.data)) host.handle(event.data);
};
scope.addEventListener('error', (event) => {
  event.preventDefault();
  post({ type: 'fatal', error: { name: 'Error', message: event.message ?? 'uncaught error' } });
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  post({ type: 'fatal', error: toWireError(event.reason) });
});
