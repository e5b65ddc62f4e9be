// esbuild plugins that put the embedding Web Worker inside main.js (community plugins ship
// only main.js, manifest.json and styles.css):
// - `virtual:embedding-worker` is the worker bundle (src/embedding/worker/entry.ts) as a string;
//   the plugin builds it first (browser, IIFE, since it is started from a Blob URL as a classic worker);
// - inside the worker, `virtual:ort-wasm-gzip` is onnxruntime-web's WebAssembly binary,
//   gzip-compressed and inlined with esbuild's binary loader, so nothing comes from a CDN.
// AMN_WEBGPU=1 builds the WebGPU-capable variant (asyncify binary, +~9 MB in main.js).
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** onnxruntime-web's dist folder, as transformers.js resolves it. */
export function ortDistDir() {
  const transformersEntry = require.resolve('@huggingface/transformers', { paths: [process.cwd()] });
  // `require` resolves onnxruntime-web to dist/ort.min.js, next to the .wasm files.
  return path.dirname(createRequire(transformersEntry).resolve('onnxruntime-web'));
}

/**
 * transformers.js imports `onnxruntime-web/webgpu`, whose JS glue expects the 27 MB asyncify
 * binary. The CPU-only build (`onnxruntime-web/wasm`, plain 14 MB binary) is what the WASM path
 * needs; PERF.md measured it equal after warm-up and faster to start.
 */
function ortVariant(webgpu) {
  return webgpu
    ? { wasmFile: 'ort-wasm-simd-threaded.asyncify.wasm', alias: {} }
    : { wasmFile: 'ort-wasm-simd-threaded.wasm', alias: { 'onnxruntime-web/webgpu': 'onnxruntime-web/wasm' } };
}

function ortWasmPlugin(webgpu) {
  const { wasmFile } = ortVariant(webgpu);
  return {
    name: 'ort-wasm-gzip',
    setup(build) {
      build.onResolve({ filter: /^virtual:ort-wasm-gzip$/ }, () => ({ path: path.join(ortDistDir(), wasmFile), namespace: 'ort-wasm-gzip' }));
      build.onLoad({ filter: /.*/, namespace: 'ort-wasm-gzip' }, (args) => ({
        contents: zlib.gzipSync(fs.readFileSync(args.path), { level: 9 }),
        loader: 'binary',
        watchFiles: [args.path],
      }));
    },
  };
}

/** esbuild options for the worker bundle alone (also used by the browser smoke test). */
export function embeddingWorkerOptions({ production = true, webgpu = process.env.AMN_WEBGPU === '1', extraPlugins = [] } = {}) {
  return {
    entryPoints: ['src/embedding/worker/entry.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: false,
    treeShaking: true,
    write: false,
    metafile: true,
    logLevel: 'warning',
    alias: ortVariant(webgpu).alias,
    define: { __AMN_WEBGPU__: String(webgpu) },
    plugins: [ortWasmPlugin(webgpu), ...extraPlugins],
  };
}

/** Resolves `virtual:embedding-worker` to the built worker source (loader `text`). */
export function inlineEmbeddingWorkerPlugin(options = {}) {
  return {
    name: 'inline-embedding-worker',
    setup(build) {
      build.onResolve({ filter: /^virtual:embedding-worker$/ }, () => ({ path: 'embedding-worker', namespace: 'inline-embedding-worker' }));
      build.onLoad({ filter: /.*/, namespace: 'inline-embedding-worker' }, async () => {
        const result = await esbuild.build(embeddingWorkerOptions(options));
        return {
          contents: result.outputFiles[0].text,
          loader: 'text',
          watchFiles: Object.keys(result.metafile.inputs).filter((f) => !f.includes(':')).map((f) => path.resolve(f)),
        };
      });
    },
  };
}
