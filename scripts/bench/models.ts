/** The embedders the rows measure, loaded through the project's own code paths. */
import { pipeline } from '@huggingface/transformers';
import type { ModelDtype } from '../../src/core/embedding/models';
import type { Embedder } from '../../src/core/ports';
import { createNodeEmbedder, directoryReader, TransformersEmbedder } from '../../src/embedding/node';
import { registerModelFiles } from '../../src/embedding/transformers-env';
import { sharedPath } from './paths';

/** e5's prefixes: the twin stands in for the default model, so it embeds exactly the same strings. */
export const E5_PREFIXES = { query: 'query: ', passage: 'passage: ' };

/** createNodeEmbedder over the perf twin: onnxruntime-node with intraOpNumThreads = all cores, as the CLI runs. */
export async function loadPerfTwin(dir: string, dtype: ModelDtype, threads?: number): Promise<TransformersEmbedder> {
  const result = await createNodeEmbedder({ model: dir, dtype, download: false, ...(threads ? { threads } : {}), overrides: { prefixes: E5_PREFIXES, dims: 384 } });
  if (!result.ok) throw new Error(`The perf twin in ${dir} did not load: ${result.reason}`);
  if (!(result.embedder instanceof TransformersEmbedder)) throw new Error('createNodeEmbedder returned an embedder that is not a TransformersEmbedder.');
  return result.embedder;
}

export async function loadGlove(name = 'glove-en-100d'): Promise<Embedder> {
  const result = await createNodeEmbedder({ model: name, modelsDir: sharedPath('models'), download: false });
  if (!result.ok) throw new Error(`The fixture model ${name} did not load: ${result.reason}`);
  return result.embedder;
}

/** The part of a transformers.js feature-extraction pipeline the naive baseline calls. */
export interface NaivePipeline {
  (text: string, options: { pooling: 'mean'; normalize: boolean }): Promise<{ dispose?: () => void }>;
  dispose(): Promise<void>;
}

/**
 * What a plugin that simply follows the transformers.js README gets: `pipeline()` with default
 * session options (one intra-op thread here, PERF.md finding 1), called once per text.
 */
export async function loadNaivePipeline(dir: string, dtype: ModelDtype): Promise<NaivePipeline> {
  const files = registerModelFiles(directoryReader(dir));
  try {
    return await pipeline('feature-extraction', files.key, { dtype, device: 'cpu' });
  } finally {
    files.release();
  }
}
