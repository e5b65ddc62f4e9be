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

/**
 * A model folder read through any file API (Obsidian's vault adapter, a fetch-able mirror of
 * files): `readFile` gets `<root>/<file>` with forward slashes and returns null when missing.
 */
export function folderReader(root: string, readFile: (path: string) => Promise<Uint8Array | ArrayBuffer | null>, description = root): ModelFileReader {
  const base = root.replace(/\/+$/, '');
  return {
    description,
    async read(file: string): Promise<Uint8Array | null> {
      if (file.split('/').some((part) => part === '..' || part === '')) throw new Error(`Refusing model file path ${file}.`);
      const bytes = await readFile(base ? `${base}/${file}` : file);
      if (bytes === null) return null;
      return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    },
  };
}

/**
 * Where a model may sit inside a folder of models: `<root>/<org>/<name>` (Hub layout) or
 * `<root>/<name>` (a flat folder such as ../shared/models), in that order.
 */
export function modelFolderCandidates(root: string, modelId: string): string[] {
  const base = root.replace(/\/+$/, '');
  const join = (p: string): string => (base ? `${base}/${p}` : p);
  const name = modelId.split('/').pop() ?? modelId;
  return [...new Set([join(modelId), join(name)])];
}

/** The first candidate folder that has a config.json, as a reader; null when none has. */
export async function findModelFolder(
  root: string,
  modelId: string,
  readFile: (path: string) => Promise<Uint8Array | ArrayBuffer | null>,
): Promise<ModelFileReader | null> {
  for (const folder of modelFolderCandidates(root, modelId)) {
    const reader = folderReader(folder, readFile);
    if ((await reader.read('config.json')) !== null) return reader;
  }
  return null;
}
