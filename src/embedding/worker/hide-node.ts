/**
 * Must be the worker bundle's first import. Obsidian (Electron) exposes `process` inside
 * workers, so transformers.js and onnxruntime-web would decide they run in Node and pick
 * onnxruntime-node (failing with "reading 'wasm'" or "Unable to return path for response").
 * Hiding `process` before they are evaluated makes them take the web/WASM path.
 */
const scope = globalThis as { process?: unknown };
if (scope.process !== undefined) {
  try {
    Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
  } catch {
    scope.process = undefined;
  }
}

export {};
