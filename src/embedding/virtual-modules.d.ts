// Modules produced by esbuild.config.mjs at build time (see the inline-worker plugins there).

declare module 'virtual:embedding-worker' {
  /** The bundled embedding worker (src/embedding/worker/entry.ts) as JavaScript source. */
  const source: string;
  export default source;
}

declare module 'virtual:ort-wasm-gzip' {
  /** onnxruntime-web's WebAssembly binary, gzip-compressed. */
  const bytes: Uint8Array;
  export default bytes;
}

/** True when the worker bundle includes onnxruntime's WebGPU build (AMN_WEBGPU=1 at build time). */
declare const __AMN_WEBGPU__: boolean;
