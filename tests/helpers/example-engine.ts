/**
 * A NotesEngine over a real vault folder (the example vault by default), indexed in memory
 * with the production parser, chunker and transformers.js embedder on an offline fixture
 * model: what ranking, card and answer tests run against.
 */
import path from 'node:path';
import { StaticNotesEngine } from '../../src/core/engine';
import type { Embedder, Generator } from '../../src/core/ports';
import { indexFolder } from './eval-harness';
import { GloveEmbedder, type GloveModel } from './glove-embedder';
import { repoRoot } from './shared';

export const exampleVault = path.join(repoRoot, 'examples', 'vault');

export interface ExampleEngineOptions {
  vault?: string;
  /** A fixture model, an Embedder of the test's own (e.g. FakeEmbedder), or null for keyword-only. */
  model?: GloveModel | Embedder | null;
  generator?: Generator | null;
}

export async function openExampleEngine(options: ExampleEngineOptions = {}): Promise<StaticNotesEngine> {
  const model = options.model === undefined ? 'glove-pt-en-100d' : options.model;
  const embedder = typeof model === 'string' ? await GloveEmbedder.create(model) : model;
  const { indexer, searcher } = await indexFolder(options.vault ?? exampleVault, embedder);
  return new StaticNotesEngine({
    indexer,
    searcher,
    model: embedder ? { kind: 'ready', modelId: embedder.info.modelId, backend: 'node' } : { kind: 'unavailable', modelId: 'none', reason: 'no model in this test' },
    generator: options.generator ?? null,
  });
}
