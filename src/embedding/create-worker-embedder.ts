/**
 * The plugin's local embedder: finds the model (a local folder for air-gapped use, else the
 * per-device ModelStore, else a first-use download from the Hub or a mirror), then starts the
 * Web Worker(s). Never throws: a model that cannot be had gives `{ ok: false, reason }` and the
 * plugin falls back to keyword search, saying so once.
 */
import { downloadModel, isModelStored, type DownloadProgress } from '../core/embedding/download';
import { embedderReady, errorMessage, noEmbedder, type EmbedderResult } from '../core/embedding/embedder-result';
import { normalizeHost } from '../core/embedding/hub';
import { findModelFolder, storeReader, type ModelFileReader } from '../core/embedding/model-reader';
import type { ModelStore } from '../core/embedding/model-store';
import { isHubModelId, resolveModelSpec, type ModelDtype, type ModelSpecOverrides } from '../core/embedding/models';
import type { HttpClient, Logger } from '../core/ports';
import type { DevicePreference } from './worker/protocol';
import { WorkerEmbedder } from './worker/worker-embedder';
import type { WorkerLike } from './worker/worker-slot';

export interface LocalModelFolder {
  /** Folder holding `<org>/<name>/…` or `<name>/…` model folders, e.g. a vault path. */
  root: string;
  /** Reads `<root>/…/<file>`; null when the file does not exist. */
  read(path: string): Promise<Uint8Array | ArrayBuffer | null>;
}

export interface WorkerEmbedderSetup {
  modelId: string;
  overrides?: ModelSpecOverrides;
  dtype?: ModelDtype;
  /** Per-device store for downloaded models (IndexedDbModelStore in Obsidian). */
  store: ModelStore;
  http: HttpClient;
  /** Hub mirror; empty for huggingface.co. */
  mirrorHost?: string;
  /** Checked first; a model found there is never downloaded. */
  localFolder?: LocalModelFolder;
  /** Whether a missing model may be downloaded now (first use, after the user agreed). */
  allowDownload: boolean;
  createWorker: () => WorkerLike;
  /** Runs before the first worker starts (the inlined worker builds its script Blob in slices). */
  prepareWorker?: () => Promise<void>;
  workerCount?: number;
  device?: DevicePreference;
  onDownloadProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  logger?: Logger;
}

export async function createWorkerEmbedder(setup: WorkerEmbedderSetup): Promise<EmbedderResult> {
  const dtype = setup.dtype ?? 'q8';
  let reader: ModelFileReader | null = null;
  try {
    const folder = setup.localFolder;
    if (folder) reader = await findModelFolder(folder.root, setup.modelId, (path) => folder.read(path));
    if (!reader && (await isModelStored(setup.store, setup.modelId, dtype))) reader = storeReader(setup.store, setup.modelId);
    if (!reader) {
      const missing = whyMissing(setup);
      if (missing) return noEmbedder(missing);
      await downloadModel({
        http: setup.http,
        store: setup.store,
        modelId: setup.modelId,
        dtype,
        host: setup.mirrorHost,
        signal: setup.signal,
        onProgress: setup.onDownloadProgress,
      });
      reader = storeReader(setup.store, setup.modelId);
    }
  } catch (error) {
    if (setup.signal?.aborted) return noEmbedder('The model download was cancelled; search uses keywords only until it completes.');
    return noEmbedder(`${errorMessage(error)} Search uses keywords only until the model is available.`);
  }

  try {
    await setup.prepareWorker?.();
    const embedder = await WorkerEmbedder.start({
      createWorker: setup.createWorker,
      spec: resolveModelSpec(setup.modelId, setup.overrides),
      reader,
      dtype,
      device: setup.device,
      workerCount: setup.workerCount,
      logger: setup.logger,
    });
    return embedderReady(embedder, reader.description);
  } catch (error) {
    return noEmbedder(`${errorMessage(error)} Search uses keywords only.`);
  }
}

/** The reason a model that is neither local nor stored cannot be downloaded now, or null if it can. */
function whyMissing(setup: WorkerEmbedderSetup): string | null {
  const folder = setup.localFolder ? ` It is not in the local model folder '${setup.localFolder.root}' either.` : '';
  if (!isHubModelId(setup.modelId)) {
    return `Model '${setup.modelId}' is not a Hugging Face id (org/name), so it can only come from the local model folder.${folder} Search uses keywords only.`;
  }
  if (!setup.allowDownload) {
    const size = resolveModelSpec(setup.modelId).approxDownloadMB;
    const what = size ? `about ${size} MB from ${normalizeHost(setup.mirrorHost)}` : `from ${normalizeHost(setup.mirrorHost)}`;
    return `Model '${setup.modelId}' is not downloaded yet (${what}).${folder} Search uses keywords only until it is downloaded.`;
  }
  return null;
}
