/**
 * BENCH HELPER: the related view's refresh on a note switch, i.e. `relatedNotes` for the new
 * active note from stored vectors (nothing embedded), timed per note. The bench helper and
 * related.bench.ts call `benchRelatedRefresh`; `openHubEngine` builds the obsidian-hub index
 * (production parser and chunker, 384-d fake vectors) once into the temp folder and reopens it.
 */
import os from 'node:os';
import path from 'node:path';
import { StaticNotesEngine, type NotesEngine } from '../../src/core/engine';
import { Indexer } from '../../src/core/index/indexer';
import { createNoteProcessor, noteProcessorVersion } from '../../src/core/index/note-processor';
import { relatedNotes } from '../../src/core/retrieval/related';
import type { RelatedOptions } from '../../src/core/retrieval/related-types';
import { Searcher } from '../../src/core/search';
import { FileStorage } from '../../src/node';
import { FakeEmbedder } from '../helpers/fake-embedder';
import { FolderSource } from '../helpers/folder-source';
import { sharedPath } from '../helpers/shared';

export interface RefreshTimings {
  notes: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Times one refresh per path (after `warmup` untimed ones), in milliseconds. */
export async function benchRelatedRefresh(engine: NotesEngine, paths: readonly string[], options: { warmup?: number; related?: RelatedOptions } = {}): Promise<RefreshTimings> {
  const related = { limit: 10, ...options.related };
  for (const p of paths.slice(0, options.warmup ?? 20)) await relatedNotes(engine, p, related);
  const times: number[] = [];
  for (const p of paths) {
    const started = performance.now();
    await relatedNotes(engine, p, related);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { notes: times.length, p50: at(0.5), p95: at(0.95), max: times.at(-1) ?? 0, mean: times.reduce((s, t) => s + t, 0) / (times.length || 1) };
}

/** Every `step`-th indexed note, in path order: a deterministic spread over the vault. */
export function sampleNotes(engine: NotesEngine, count: number): string[] {
  const all = [...(engine.indexer()?.state.notes() ?? [])].map((n) => n.path).sort();
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

const HUB_MODEL = 'fake/384';

/** The obsidian-hub vault indexed with the production processor and 384-d fake vectors (cached in the temp folder). */
export async function openHubEngine(): Promise<StaticNotesEngine> {
  const embedder = new FakeEmbedder(384, HUB_MODEL);
  const dir = path.join(os.tmpdir(), 'ask-my-notes-bench', `hub-related-${noteProcessorVersion().replace(/[^a-z0-9]+/gi, '-')}`);
  const indexer = await Indexer.open({
    source: new FolderSource(sharedPath('vaults', 'obsidian-hub')),
    storage: await FileStorage.open(dir),
    processor: createNoteProcessor(),
    processorVersion: noteProcessorVersion(),
    embedder,
    embedBatchSize: 64,
    embedGroupSize: 512,
    flushEveryNotes: 2000,
    yieldToEventLoop: () => Promise.resolve(),
    yieldWhileLoading: false,
  });
  await indexer.sync();
  await indexer.lexicalReady;
  return new StaticNotesEngine({ indexer, searcher: new Searcher(indexer), model: { kind: 'ready', modelId: HUB_MODEL, backend: 'node' } });
}
