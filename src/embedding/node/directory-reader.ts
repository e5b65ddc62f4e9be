/**
 * Reads a model folder in the Hugging Face layout from disk (Node only: the CLI's
 * --models-dir, the user cache, test fixtures).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ModelFileReader } from '../../core/embedding/model-reader';

export function directoryReader(dir: string): ModelFileReader {
  const root = path.resolve(dir);
  return {
    description: root,
    async read(file: string): Promise<Uint8Array | null> {
      const full = path.resolve(root, file);
      if (!full.startsWith(root + path.sep)) throw new Error(`Refusing to read ${file}: it is outside ${root}.`);
      try {
        const buffer = await fs.readFile(full);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
