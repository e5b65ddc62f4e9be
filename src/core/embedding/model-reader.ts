/**
 * Where a model's files are read from when it is loaded: a verified download in a
 * ModelStore, or a folder in the Hugging Face layout (air-gapped use, the CLI's --models-dir,
 * test fixtures). The loader asks for files by their Hub path (`config.json`,
 * `onnx/model_quantized.onnx`) and gets null for a file that does not exist.
 */
import type { ModelStore } from './model-store';

export interface ModelFileReader {
  /** Where the files are, for error messages: "IndexedDB 'ask-my-notes-models'", a folder path. */
  readonly description: string;
  read(file: string): Promise<Uint8Array | null>;
}

/** Reads a committed (completely downloaded and verified) model from a store. */
export function storeReader(store: ModelStore, modelId: string): ModelFileReader {
  return {
    description: `${store.description} (model ${modelId})`,
    read: (file) => store.read(modelId, file),
  };
}
