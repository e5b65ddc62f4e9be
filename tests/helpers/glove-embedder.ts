/**
 * The production Node embedder (createNodeEmbedder: transformers.js + onnxruntime-node) over
 * the offline GloVe fixture models in ../shared/models, wrapped to count embedded texts.
 */
import os from 'node:os';
import path from 'node:path';
import { createNodeEmbedder } from '../../src/embedding/node';
import type { Embedder, EmbedKind, EmbedOptions, EmbedderInfo } from '../../src/core/ports';
import { sharedPath } from './shared';

export type GloveModel = 'glove-en-100d' | 'glove-pt-en-100d';

const loaded = new Map<GloveModel, Promise<Embedder>>();

async function load(name: GloveModel): Promise<Embedder> {
  const result = await createNodeEmbedder({
    model: name,
    modelsDir: path.dirname(sharedPath('models', name)),
    download: false,
    cacheDir: path.join(os.tmpdir(), 'ask-my-notes-test-model-cache'),
  });
  if (!result.ok) throw new Error(`fixture model ${name} did not load: ${result.reason}`);
  return result.embedder;
}

export class GloveEmbedder implements Embedder {
  /** Texts embedded through this wrapper (queries and passages). */
  embeddedTexts = 0;

  private constructor(private readonly inner: Embedder) {}

  static async create(name: GloveModel): Promise<GloveEmbedder> {
    let promise = loaded.get(name);
    if (!promise) loaded.set(name, (promise = load(name)));
    return new GloveEmbedder(await promise);
  }

  get info(): EmbedderInfo {
    return this.inner.info;
  }

  embed(texts: string[], kind: EmbedKind, options?: EmbedOptions): Promise<Float32Array[]> {
    this.embeddedTexts += texts.length;
    return this.inner.embed(texts, kind, options);
  }

  countTokens(texts: string[], kind: EmbedKind): Promise<number[]> {
    return this.inner.countTokens(texts, kind);
  }

  dispose(): Promise<void> {
    // Shared between tests in a file; the process exit releases it.
    return Promise.resolve();
  }
}
