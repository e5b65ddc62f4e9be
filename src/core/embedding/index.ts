// Public API of the pure embedding core (no Obsidian, no Node built-ins, no DOM).
export { abortError, isAbortError, throwIfAborted, raceAbort, yieldToEventLoop } from './abort';
export { planBatches, paddedTokens, DEFAULT_BATCH_PLAN, type BatchPlanOptions } from './batching';
export { embedInBatches, type BatchFunctions, type BatchRunOptions } from './batch-runner';
export { downloadModel, isModelStored, parseContentRange, ModelDownloadError, DEFAULT_PIECE_BYTES } from './download';
export type { DownloadOptions, DownloadPhase, DownloadProgress } from './download';
export { embedderReady, noEmbedder, errorMessage, type EmbedderResult } from './embedder-result';
export { DEFAULT_HUB_HOST, normalizeHost, fileUrl, treeUrl, type ExpectedFile } from './hub';
export { MODEL_CONFIG_FILES, onnxFileName, externalDataFiles, requiredModelFiles } from './model-files';
export { storeReader, folderReader, findModelFolder, modelFolderCandidates, type ModelFileReader } from './model-reader';
export { MemoryModelStore, type ModelFileEntry, type ModelManifest, type ModelStore } from './model-store';
export {
  DEFAULT_MODEL_ID,
  KNOWN_MODELS,
  findKnownModel,
  resolveModelSpec,
  isHubModelId,
  applyPrefix,
  embedderModelId,
  type ModelSpec,
  type ModelSpecOverrides,
  type ModelDtype,
  type Pooling,
} from './models';
export { poolTokenStates, normalizeInPlace, type TokenStates } from './pooling';
export { RemoteEmbedder, RemoteEmbeddingError, createRemoteEmbedder, embeddingsEndpoint, estimateTokens, type RemoteEmbedderOptions } from './remote-embedder';
