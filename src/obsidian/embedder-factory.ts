/**
 * Builds the embedder the settings ask for: transformers.js in Web Workers (model from the
 * local model folder, this device's IndexedDB model store, or a first-use download from the
 * Hub or a mirror), or an OpenAI-compatible remote endpoint. Never throws: a model that cannot
 * be had is `{ ok: false, reason }` and the plugin searches by keywords meanwhile.
 */
import { normalizePath, type DataAdapter } from 'obsidian';
import type { DownloadProgress } from '../core/embedding/download-progress';
import { isModelStored } from '../core/embedding/download';
import { noEmbedder, type EmbedderResult } from '../core/embedding/embedder-result';
import type { ModelStore } from '../core/embedding/model-store';
import { createRemoteEmbedder } from '../core/embedding/remote-embedder';
import type { HttpClient, Logger } from '../core/ports';
import { createWorkerEmbedder, type LocalModelFolder } from '../embedding/create-worker-embedder';
import { IndexedDbModelStore } from '../embedding/idb-model-store';
import type { WorkerLike } from '../embedding/worker/worker-slot';
import type { AskMyNotesSettings } from '../settings';
import { RequestUrlHttpClient } from './http';

export interface EmbedderRequest {
  settings: AskMyNotesSettings;
  /** The remote embedding key from SecretStorage, if one is linked. */
  apiKey: string | null;
  signal: AbortSignal;
  onDownloadProgress: (progress: DownloadProgress) => void;
}

/** What the engine calls to get an embedder; tests pass their own. */
export interface EmbedderFactory {
  create(request: EmbedderRequest): Promise<EmbedderResult>;
  /** Whether a local model is already on this device (no download needed). */
  isStored(modelId: string): Promise<boolean>;
}

export interface PluginEmbedderDeps {
  adapter: DataAdapter;
  /** Starts one embedding worker (main.ts passes the inlined worker). */
  createWorker: () => WorkerLike;
  /** Prepares what `createWorker` needs without holding the UI thread (see inline-worker.ts). */
  prepareWorker?: () => Promise<void>;
  http?: HttpClient;
  store?: ModelStore;
  logger?: Logger;
}

export function pluginEmbedderFactory(deps: PluginEmbedderDeps): EmbedderFactory {
  const http = deps.http ?? new RequestUrlHttpClient();
  const store = deps.store ?? new IndexedDbModelStore();
  return {
    async create({ settings, apiKey, signal, onDownloadProgress }) {
      if (settings.engine === 'remote') {
        if (!settings.remoteEmbeddingUrl.trim()) {
          return noEmbedder('Remote embeddings are selected, but no server URL is set. Search uses keywords only.');
        }
        return createRemoteEmbedder(
          { http, url: settings.remoteEmbeddingUrl, model: settings.remoteEmbeddingModel, ...(apiKey ? { apiKey } : {}) },
          signal,
        );
      }
      const folder = settings.localModelFolder.trim();
      return createWorkerEmbedder({
        modelId: settings.modelId,
        store,
        http,
        ...(settings.modelMirrorHost.trim() ? { mirrorHost: settings.modelMirrorHost.trim() } : {}),
        ...(folder ? { localFolder: vaultModelFolder(deps.adapter, folder) } : {}),
        allowDownload: true,
        createWorker: deps.createWorker,
        ...(deps.prepareWorker ? { prepareWorker: deps.prepareWorker } : {}),
        workerCount: settings.workerCount,
        onDownloadProgress,
        signal,
        ...(deps.logger ? { logger: deps.logger } : {}),
      });
    },
    async isStored(modelId) {
      try {
        return await isModelStored(store, modelId, 'q8');
      } catch {
        return false;
      }
    },
  };
}

/**
 * A model folder inside the vault, read through the adapter: model folders are often hidden
 * (`.models/`) or hold files the Vault API does not list (`.onnx`, `.json` in a dot folder).
 */
export function vaultModelFolder(adapter: DataAdapter, root: string): LocalModelFolder {
  return {
    root: normalizePath(root),
    async read(path) {
      const normalized = normalizePath(path);
      if (!(await adapter.exists(normalized))) return null;
      return adapter.readBinary(normalized);
    },
  };
}
