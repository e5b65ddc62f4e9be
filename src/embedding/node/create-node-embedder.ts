/**
 * The CLI's embedder: onnxruntime-node with every core (transformers.js alone uses one),
 * the model found in this order: a model folder path, `--models-dir`, the user cache, then a
 * download from the Hub or a mirror into the cache. When none works, the result says why, and
 * the caller falls back to lexical search.
 */
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { downloadModel, isModelStored, type DownloadProgress } from '../../core/embedding/download';
import { embedderReady, errorMessage, noEmbedder, type EmbedderResult } from '../../core/embedding/embedder-result';
import { normalizeHost } from '../../core/embedding/hub';
import { findModelFolder, storeReader, type ModelFileReader } from '../../core/embedding/model-reader';
import { isHubModelId, resolveModelSpec, type ModelDtype, type ModelSpecOverrides } from '../../core/embedding/models';
import type { HttpClient } from '../../core/ports';
import { FetchHttpClient } from '../fetch-http-client';
import { TransformersEmbedder } from '../transformers-embedder';
import { directoryReader } from './directory-reader';
import { NodeFileModelStore, defaultModelCacheDir } from './node-file-model-store';

export interface NodeEmbedderOptions {
  /** A registry or Hub id, a model folder name under `modelsDir`, or a path to a model folder. */
  model: string;
  /** Folder of HF-layout model folders (`<dir>/<name>` or `<dir>/<org>/<name>`), e.g. ../shared/models. */
  modelsDir?: string;
  /** Download cache; default `$XDG_CACHE_HOME/ask-my-notes/models` or the platform's cache folder. */
  cacheDir?: string;
  /** Whether a missing model may be downloaded (default true). */
  download?: boolean;
  /** Hub or mirror URL; empty for huggingface.co. */
  host?: string;
  http?: HttpClient;
  dtype?: ModelDtype;
  /** onnxruntime intra-op threads; default: all cores (PERF.md: 1.4–1.8× with 2 threads vs the default 1). */
  threads?: number;
  overrides?: ModelSpecOverrides;
  onDownloadProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

export async function createNodeEmbedder(options: NodeEmbedderOptions): Promise<EmbedderResult> {
  const dtype = options.dtype ?? 'q8';
  const tried: string[] = [];
  let found: { reader: ModelFileReader; id: string } | null = null;
  try {
    found = await findLocal(options, tried);
    if (!found) found = await fromCacheOrHub(options, dtype, tried);
  } catch (error) {
    return noEmbedder(`${errorMessage(error)} Search falls back to keywords only.`);
  }
  if (!found) {
    return noEmbedder(`Embedding model '${options.model}' is not available: ${tried.join('; ').replace(/[.\s]+$/, '')}. Search falls back to keywords only.`);
  }
  const threads = options.threads ?? (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  try {
    const embedder = await TransformersEmbedder.load({
      spec: resolveModelSpec(found.id, options.overrides),
      reader: found.reader,
      dtype,
      runtime: { device: 'cpu', sessionOptions: { intraOpNumThreads: Math.max(1, threads) } },
    });
    return embedderReady(embedder, found.reader.description);
  } catch (error) {
    return noEmbedder(`${errorMessage(error)} Search falls back to keywords only.`);
  }
}

async function findLocal(options: NodeEmbedderOptions, tried: string[]): Promise<{ reader: ModelFileReader; id: string } | null> {
  const asPath = path.resolve(options.model);
  if ((options.model.startsWith('.') || path.isAbsolute(options.model)) && (await exists(path.join(asPath, 'config.json')))) {
    return { reader: directoryReader(asPath), id: path.basename(asPath) };
  }
  if (options.modelsDir) {
    const dir = path.resolve(options.modelsDir);
    const reader = await findModelFolder(dir, options.model, readIfExists);
    if (reader) return { reader, id: options.model };
    tried.push(`not in --models-dir ${dir}`);
  }
  return null;
}

async function fromCacheOrHub(options: NodeEmbedderOptions, dtype: ModelDtype, tried: string[]): Promise<{ reader: ModelFileReader; id: string } | null> {
  if (!isHubModelId(options.model)) {
    tried.push(`'${options.model}' is not a Hugging Face id (org/name), so it cannot be downloaded`);
    return null;
  }
  const store = new NodeFileModelStore(options.cacheDir ?? defaultModelCacheDir());
  if (await isModelStored(store, options.model, dtype)) return { reader: storeReader(store, options.model), id: options.model };
  tried.push(`not in the cache ${store.root}`);
  if (options.download === false) {
    tried.push('downloading is disabled');
    return null;
  }
  const host = normalizeHost(options.host);
  try {
    await downloadModel({
      http: options.http ?? new FetchHttpClient(),
      store,
      modelId: options.model,
      dtype,
      host,
      signal: options.signal,
      onProgress: options.onDownloadProgress,
    });
  } catch (error) {
    tried.push(`downloading from ${host} failed: ${errorMessage(error)}`);
    return null;
  }
  return { reader: storeReader(store, options.model), id: options.model };
}

async function readIfExists(file: string): Promise<Uint8Array | null> {
  try {
    const buffer = await fs.readFile(file);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
