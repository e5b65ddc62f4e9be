// Public API of the plugin-side embedding engine (main thread, mobile-safe).
// Not re-exported on purpose:
// - `createInlineWorker` (./worker/inline-worker): it imports the worker source that only the
//   esbuild build provides; main.ts imports it directly.
// - `TransformersEmbedder`: importing it on the main thread would load transformers.js there;
//   it runs inside the worker (and in Node via ./node).
export { createWorkerEmbedder, type LocalModelFolder, type WorkerEmbedderSetup } from './create-worker-embedder';
export { FetchHttpClient } from './fetch-http-client';
export { IndexedDbModelStore, MODEL_DB_NAME } from './idb-model-store';
export { WorkerEmbedder, type WorkerEmbedderOptions } from './worker/worker-embedder';
export { WorkerCrashedError, type WorkerLike } from './worker/worker-slot';
export type { DevicePreference } from './worker/protocol';
