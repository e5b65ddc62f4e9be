/**
 * TEST-ONLY Embedder over the real transformers.js pipeline with the offline GloVe fixture
 * models (../shared/models). A stand-in until the production embedder (src/embedding/)
 * lands; then these tests should use that instead.
 */
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Embedder, EmbedKind, EmbedOptions, EmbedderInfo } from '../../src/core/ports';
import { sharedPath } from './shared-fixtures';

export type GloveModel = 'glove-en-100d' | 'glove-pt-en-100d';

const loaded = new Map<GloveModel, Promise<FeatureExtractionPipeline>>();

function load(name: GloveModel): Promise<FeatureExtractionPipeline> {
  let promise = loaded.get(name);
  if (!promise) {
    const models = sharedPath('models', name);
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = path.dirname(models) + path.sep;
    promise = pipeline('feature-extraction', name, { dtype: 'q8' });
    loaded.set(name, promise);
  }
  return promise;
}

export class GloveEmbedder implements Embedder {
  readonly info: EmbedderInfo;
  embeddedTexts = 0;

  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    name: GloveModel,
  ) {
    this.info = { modelId: `fixture/${name}`, dims: 100, maxTokens: 512 };
  }

  static async create(name: GloveModel): Promise<GloveEmbedder> {
    return new GloveEmbedder(await load(name), name);
  }

  async embed(texts: string[], _kind: EmbedKind, options?: EmbedOptions): Promise<Float32Array[]> {
    const result: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 16) {
      options?.signal?.throwIfAborted();
      const batch = texts.slice(i, i + 16);
      const output = await this.extractor(batch, { pooling: 'mean', normalize: true });
      const data = output.data as Float32Array;
      for (let j = 0; j < batch.length; j++) result.push(data.slice(j * 100, (j + 1) * 100));
      options?.onProgress?.(Math.min(i + 16, texts.length), texts.length);
    }
    this.embeddedTexts += texts.length;
    return result;
  }

  countTokens(texts: string[]): Promise<number[]> {
    return Promise.resolve(texts.map((t) => this.extractor.tokenizer.encode(t).length));
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
