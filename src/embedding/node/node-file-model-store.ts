/**
 * ModelStore in a cache folder (Node: the CLI). Layout, one folder per model:
 *   <root>/models--<org>--<name>/files/<hub path>   staged and committed bytes
 *   <root>/models--<org>--<name>/manifest.json      written (atomically) only when complete
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelManifest, ModelStore } from '../../core/embedding/model-store';

/** `$XDG_CACHE_HOME/ask-my-notes/models`, or the platform's usual cache folder. */
export function defaultModelCacheDir(env: Record<string, string | undefined> = process.env, platform: string = process.platform): string {
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'ask-my-notes', 'models');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'ask-my-notes', 'models');
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'ask-my-notes', 'models');
  return path.join(os.homedir(), '.cache', 'ask-my-notes', 'models');
}

export class NodeFileModelStore implements ModelStore {
  readonly description: string;

  constructor(readonly root: string = defaultModelCacheDir()) {
    this.root = path.resolve(root);
    this.description = this.root;
  }

  /** The folder holding the model's files in the Hub layout. */
  filesDir(modelId: string): string {
    return path.join(this.modelDir(modelId), 'files');
  }

  async manifest(modelId: string): Promise<ModelManifest | null> {
    try {
      return JSON.parse(await fs.readFile(path.join(this.modelDir(modelId), 'manifest.json'), 'utf8')) as ModelManifest;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stagedSize(modelId: string, file: string): Promise<number> {
    try {
      return (await fs.stat(this.filePath(modelId, file))).size;
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
  }

  async appendStaged(modelId: string, file: string, offset: number, bytes: Uint8Array): Promise<void> {
    const size = await this.stagedSize(modelId, file);
    if (size !== offset) throw new Error(`Cannot write ${file} at byte ${offset}: ${size} bytes are staged in ${this.root}.`);
    const target = this.filePath(modelId, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.appendFile(target, bytes);
  }

  async readStaged(modelId: string, file: string): Promise<Uint8Array> {
    try {
      const buffer = await fs.readFile(this.filePath(modelId, file));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (isMissing(error)) return new Uint8Array(0);
      throw error;
    }
  }

  async discardStaged(modelId: string, file: string): Promise<void> {
    await fs.rm(this.filePath(modelId, file), { force: true });
  }

  async commit(manifest: ModelManifest): Promise<void> {
    const dir = this.modelDir(manifest.modelId);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `manifest.json.${process.pid}.tmp`);
    await fs.writeFile(temp, JSON.stringify(manifest, null, 1));
    await fs.rename(temp, path.join(dir, 'manifest.json'));
  }

  async read(modelId: string, file: string): Promise<Uint8Array | null> {
    const manifest = await this.manifest(modelId);
    if (!manifest?.files.some((f) => f.name === file)) return null;
    return this.readStaged(modelId, file);
  }

  async remove(modelId: string): Promise<void> {
    await fs.rm(this.modelDir(modelId), { recursive: true, force: true });
  }

  async list(): Promise<ModelManifest[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.root);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const out: ModelManifest[] = [];
    for (const name of names.filter((n) => n.startsWith('models--'))) {
      try {
        out.push(JSON.parse(await fs.readFile(path.join(this.root, name, 'manifest.json'), 'utf8')) as ModelManifest);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return out;
  }

  private modelDir(modelId: string): string {
    if (!/^[\w.-]+(\/[\w.-]+)?$/.test(modelId) || modelId.includes('..')) {
      throw new Error(`'${modelId}' is not a model id that can name a cache folder.`);
    }
    return path.join(this.root, `models--${modelId.replace('/', '--')}`);
  }

  private filePath(modelId: string, file: string): string {
    const dir = this.filesDir(modelId);
    const full = path.resolve(dir, file);
    if (!full.startsWith(dir + path.sep)) throw new Error(`Refusing model file path ${file}: it leaves ${dir}.`);
    return full;
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === 'ENOENT';
}
