/**
 * Entry of the embedding Web Worker bundle (built by esbuild.config.mjs and inlined into
 * main.js as a string). Runs transformers.js on onnxruntime-web: WebGPU when the build includes
 * it and the GPU gives an adapter, otherwise single-threaded WASM with the bundled binary.
 */
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
  await configureOrtWasm();
  const options = { spec: init.spec, reader, dtype: init.dtype };
  if (init.device === 'auto' && (await hasWebGpuAdapter())) {
    try {
      return { embedder: await TransformersEmbedder.load({ ...options, runtime: { device: 'webgpu' } }), backend: 'webgpu' };
    } catch (error) {
      post({ type: 'log', level: 'warn', message: `WebGPU could not run the model, using WASM instead: ${toWireError(error).message}` });
    }
  }
  return { embedder: await TransformersEmbedder.load({ ...options, runtime: { device: 'wasm' } }), backend: 'wasm' };
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
