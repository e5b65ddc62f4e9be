/**
 * Gives onnxruntime-web its WebAssembly binary from the bundle instead of a CDN. The build
 * inlines the CPU build of `ort-wasm-simd-threaded.wasm` gzip-compressed (esbuild binary
 * loader; 14.3 MB → 3.7 MB); it is inflated here with the platform's DecompressionStream and
 * handed to onnxruntime as `wasmBinary`. With no `wasmPaths`, onnxruntime uses the JS glue
 * already bundled with it, so nothing is fetched.
 */
import { env } from '@huggingface/transformers';
import ortWasmGzip from 'virtual:ort-wasm-gzip';

let ready: Promise<void> | null = null;

export function configureOrtWasm(): Promise<void> {
  ready ??= (async () => {
    const wasm = env.backends.onnx.wasm;
    if (!wasm) throw new Error('onnxruntime-web has no WebAssembly backend in this bundle.');
    wasm.wasmBinary = await gunzip(ortWasmGzip);
    // transformers.js pointed these at cdn.jsdelivr.net when it was imported; drop them.
    wasm.wasmPaths = undefined;
    // Threads need SharedArrayBuffer, i.e. cross-origin isolation, which Obsidian does not have.
    wasm.numThreads = 1;
    wasm.proxy = false;
  })();
  return ready;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new Error('This platform lacks DecompressionStream, so the bundled WebAssembly runtime cannot be unpacked; use remote embeddings instead.');
  }
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
