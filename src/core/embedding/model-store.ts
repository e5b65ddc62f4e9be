/**
 * Per-device storage for downloaded model files (IndexedDB in Obsidian, a cache folder in
 * the CLI; never the synced vault). Files are first *staged* piece by piece so an interrupted
 * download resumes where it stopped; a model becomes readable only once `commit` records a
 * manifest, which the downloader writes after every file was verified. So a half-written or
 * corrupt model is never loaded.
 */

export interface ModelFileEntry {
  /** Path in the Hugging Face layout, e.g. `onnx/model_quantized.onnx`. */
  name: string;
  size: number;
  /** Hex SHA-256 when the host published one and it was checked. */
  sha256?: string;
}

export interface ModelManifest {
  modelId: string;
  /** Where the files came from (host URL or folder), for the status view. */
  source: string;
  files: ModelFileEntry[];
  /** Epoch ms. */
  completedAt: number;
}

export interface ModelStore {
  /** Where this store keeps its data, for messages ("IndexedDB 'ask-my-notes-models'", a path). */
  readonly description: string;
  /** The manifest of a completely downloaded and verified model, or null. */
  manifest(modelId: string): Promise<ModelManifest | null>;
  /** Bytes of `file` staged so far (the resume point). */
  stagedSize(modelId: string, file: string): Promise<number>;
  /**
   * Appends `bytes` to a staged file. `offset` must equal the staged size, so a piece can never
   * be written twice or leave a gap.
   */
  appendStaged(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void>;
  /** The staged bytes of `file` (for verification). */
  readStaged(modelId: string, file: string): Promise<Uint8Array>;
  discardStaged(modelId: string, file: string): Promise<void>;
  /** Marks the model complete: its staged files become readable through `read`. */
  commit(manifest: ModelManifest): Promise<void>;
  /** A file of a committed model, or null when the model is not complete or lacks the file. */
  read(modelId: string, file: string): Promise<Uint8Array | null>;
  /** Deletes the model's manifest and every staged or committed file. */
  remove(modelId: string): Promise<void>;
  list(): Promise<ModelManifest[]>;
}

/** A ModelStore in memory: for tests and for a session that must not write to disk. */
export class MemoryModelStore implements ModelStore {
  readonly description = 'memory';
  private readonly manifests = new Map<string, ModelManifest>();
  private readonly staged = new Map<string, Uint8Array[]>();

  manifest(modelId: string): Promise<ModelManifest | null> {
    return Promise.resolve(this.manifests.get(modelId) ?? null);
  }

  stagedSize(modelId: string, file: string): Promise<number> {
    return Promise.resolve(totalLength(this.staged.get(key(modelId, file)) ?? []));
  }

  async appendStaged(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void> {
    const size = await this.stagedSize(modelId, file);
    if (offset !== size) throw new Error(`Cannot write ${file} at byte ${offset}: ${size} bytes are staged.`);
    const pieces = this.staged.get(key(modelId, file)) ?? [];
    pieces.push(bytes.slice());
    this.staged.set(key(modelId, file), pieces);
  }

  readStaged(modelId: string, file: string): Promise<Uint8Array> {
    return Promise.resolve(concatBytes(this.staged.get(key(modelId, file)) ?? []));
  }

  discardStaged(modelId: string, file: string): Promise<void> {
    this.staged.delete(key(modelId, file));
    return Promise.resolve();
  }

  commit(manifest: ModelManifest): Promise<void> {
    this.manifests.set(manifest.modelId, structuredClone(manifest));
    return Promise.resolve();
  }

  async read(modelId: string, file: string): Promise<Uint8Array | null> {
    const manifest = this.manifests.get(modelId);
    if (!manifest?.files.some((f) => f.name === file)) return null;
    return this.readStaged(modelId, file);
  }

  remove(modelId: string): Promise<void> {
    this.manifests.delete(modelId);
    for (const k of [...this.staged.keys()]) if (k.startsWith(`${modelId}\u0000`)) this.staged.delete(k);
    return Promise.resolve();
  }

  list(): Promise<ModelManifest[]> {
    return Promise.resolve([...this.manifests.values()].map((m) => structuredClone(m)));
  }
}

function key(modelId: string, file: string): string {
  return `${modelId}\u0000${file}`;
}

export function totalLength(pieces: readonly Uint8Array[]): number {
  return pieces.reduce((sum, p) => sum + p.byteLength, 0);
}

export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(totalLength(pieces));
  let offset = 0;
  for (const p of pieces) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
