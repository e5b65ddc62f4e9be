/**
 * Makes transformers.js read model files only through our ModelFileReaders and never touch
 * the network or its own caches. transformers.js looks every file up in `env.customCache`
 * first (by `<remoteHost><model>/resolve/main/<file>`); we answer those lookups from the
 * registered reader and make `env.fetch` answer 404 to anything else, so a missing file is a
 * clear "not found" instead of a request to huggingface.co or a CDN. The same code runs in
 * Node (onnxruntime-node) and in the Web Worker (onnxruntime-web).
 */
import { env } from '@huggingface/transformers';
import type { ModelFileReader } from '../core/embedding/model-reader';

/** Never resolved: the `.invalid` TLD is reserved, so nothing can ever be fetched from it. */
const ROUTE_HOST = 'https://ask-my-notes.invalid/';
const ROUTE_PATTERN = /^https:\/\/ask-my-notes\.invalid\/(amn\/m\d+)\/resolve\/main\/(.+)$/;

interface Route {
  reader: ModelFileReader;
  /** Reads are memoized while loading: transformers.js asks for some files twice. */
  reads: Map<string, Promise<Uint8Array | null>>;
}

const routes = new Map<string, Route>();
let nextKey = 1;
let configured = false;

/** Idempotent; call before the first `pipeline()`. */
export function configureTransformersEnv(): void {
  if (configured) return;
  configured = true;
  env.allowRemoteModels = false;
  // Local lookups must stay enabled (transformers.js refuses to load with both disabled); they
  // resolve under ROUTE_HOST and are answered by the 404 fetch below.
  env.allowLocalModels = true;
  env.localModelPath = `${ROUTE_HOST}local/`;
  env.remoteHost = ROUTE_HOST;
  env.useFS = false;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  env.useCustomCache = true;
  env.customCache = {
    match: (request: string) => matchRoute(request),
    // Nothing is ever stored through transformers.js: our files come from our own stores.
    put: () => Promise.resolve(),
  };
  env.fetch = () => Promise.resolve(new Response(null, { status: 404, statusText: 'Not Found (network disabled)' }));
}

/** Registers a reader and returns the model key to pass to `pipeline()`; `release` when loaded. */
export function registerModelFiles(reader: ModelFileReader): { key: string; read(file: string): Promise<Uint8Array | null>; release(): void } {
  configureTransformersEnv();
  const key = `amn/m${nextKey++}`;
  const route: Route = { reader, reads: new Map() };
  routes.set(key, route);
  return {
    key,
    read: (file) => readThrough(route, file),
    release: () => {
      routes.delete(key);
      route.reads.clear();
    },
  };
}

async function matchRoute(request: string): Promise<Response | undefined> {
  const match = ROUTE_PATTERN.exec(request);
  const route = match ? routes.get(match[1]!) : undefined;
  if (!match || !route) return undefined;
  const bytes = await readThrough(route, decodeURIComponent(match[2]!));
  if (!bytes) return undefined;
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-length': String(bytes.byteLength) } });
}

function readThrough(route: Route, file: string): Promise<Uint8Array | null> {
  let pending = route.reads.get(file);
  if (!pending) {
    pending = route.reader.read(file);
    route.reads.set(file, pending);
  }
  return pending;
}
