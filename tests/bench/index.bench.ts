/**
 * Performance checks (run: `npx vitest bench tests/bench`), not unit tests:
 * - index load of the obsidian-hub vault (6.5k notes, ≈30k chunks, 384-d vectors);
 * - lexical snapshot load;
 * - one-note re-index, event to commit (fake embedder: model time excluded);
 * - dense top-10 over 100k synthetic 384-d chunks.
 */
import os from 'node:os';
import path from 'node:path';
import { bench, describe } from 'vitest';
import { FileStorage } from '../../src/node';
import { Indexer } from '../../src/core/index/indexer';
import { IndexState } from '../../src/core/index/index-state';
import { IndexStore } from '../../src/core/index/storage/index-store';
import { quantize } from '../../src/core/index/vectors/quantize';
import { denseSearch } from '../../src/core/search/dense';
import { Searcher } from '../../src/core/search';
import type { NoteRecord } from '../../src/core/index/types';
import { FakeEmbedder } from '../helpers/fake-embedder';
import { FolderSource } from '../helpers/folder-source';
import { MemoryStorage } from '../helpers/memory-storage';
import { mergingProcessor } from '../helpers/merging-processor';
import { sharedPath } from '../helpers/shared';
import type { NoteSource } from '../../src/core/ports';

const embedder = new FakeEmbedder(384, 'fake/384');
const processor = mergingProcessor(170); // ≈30k chunks for the hub vault
// Built once into a cache folder, so later runs measure a load in a process that never built it.
const dir = path.join(os.tmpdir(), 'ask-my-notes-bench', 'hub-170-v1');
const storage = await FileStorage.open(dir);

/** The hub vault with one note whose text the one-note benchmark changes. */
class EditableSource implements NoteSource {
  edits = 0;
  constructor(private readonly inner: FolderSource) {}
  list() {
    return this.inner.list().then((list) => list.map((s) => (s.path === EDITED ? { ...s, mtime: s.mtime + this.edits } : s)));
  }
  async read(path: string) {
    const text = await this.inner.read(path);
    return path === EDITED ? `${text}\n\nEdit number ${this.edits}.` : text;
  }
}
const EDITED = 'README.md';
const source = new EditableSource(new FolderSource(sharedPath('vaults', 'obsidian-hub')));

if ((await storage.keys()).length === 0) {
  const buildStarted = performance.now();
  const counting = new MemoryStorage();
  const builder = await Indexer.open({ source, storage: counting, processor, processorVersion: 'bench', embedder, embedBatchSize: 64, embedGroupSize: 512, flushEveryNotes: 2000, yieldToEventLoop: () => Promise.resolve() });
  await builder.sync();
  await builder.lexicalReady;
  await builder.close();
  process.stdout.write(
    `built hub index: ${builder.state.noteCount} notes, ${builder.state.chunkCount} chunks in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s ` +
      `(fake embedder), ${(counting.bytesWritten / 1e6).toFixed(1)} MB written while building\n`,
  );
  const entries = new Map<string, Uint8Array>();
  for (const key of await counting.keys()) entries.set(key, (await counting.read(key))!);
  await storage.commit(entries);
}
process.stdout.write(`stored hub index: ${((await storage.sizeBytes()) / 1e6).toFixed(1)} MB in ${dir}\n`);

describe('index load (hub: 6.5k notes)', () => {
  bench('notes + vectors from disk (IndexStore.open on FileStorage)', async () => {
    const { state } = await IndexStore.open(await FileStorage.open(dir), { modelId: 'fake/384', dims: 384, processorVersion: 'bench' }, () => performance.now());
    if (state.chunkCount < 25_000) throw new Error(`only ${state.chunkCount} chunks loaded`);
  }, { iterations: 10, warmupIterations: 1 });

  bench('lexical snapshot', async () => {
    const { store } = await IndexStore.open(await FileStorage.open(dir), { modelId: 'fake/384', dims: 384, processorVersion: 'bench' }, () => performance.now());
    await store.loadLexical(() => undefined);
  }, { iterations: 5, warmupIterations: 1 });

  bench('lexical snapshot, not yielding (CLI)', async () => {
    const { store } = await IndexStore.open(await FileStorage.open(dir), { modelId: 'fake/384', dims: 384, processorVersion: 'bench' }, () => performance.now());
    await store.loadLexical(() => undefined, false);
  }, { iterations: 5, warmupIterations: 1 });
});

const live = await Indexer.open({ source, storage, processor, processorVersion: 'bench', embedder, lexicalSnapshotEveryMs: 3_600_000, yieldToEventLoop: () => Promise.resolve() });
await live.lexicalReady;
const searcher = new Searcher(live);

const editedStat = (await source.list()).find((s) => s.path === EDITED)!;

describe('one-note re-index (hub, fake embedder)', () => {
  bench('edit → re-chunk, embed 1 chunk, commit (event path)', async () => {
    source.edits++;
    live.notify({ type: 'modify', stat: { ...editedStat, mtime: editedStat.mtime + source.edits } });
    live.prioritize(EDITED);
    await live.whenIdle();
  }, { iterations: 20, warmupIterations: 2 });

  bench('hybrid search (query embedding excluded: fake)', async () => {
    await searcher.searchNotes('plugin settings folder', { limit: 10 });
  }, { iterations: 50 });

  bench('lexical search only', async () => {
    await searcher.searchNotes('plugin settings folder', { limit: 10, mode: 'lexical' });
  }, { iterations: 50 });

  bench('dense search only (fake query embedding)', async () => {
    await searcher.searchNotes('plugin settings folder', { limit: 10, mode: 'dense' });
  }, { iterations: 50 });
});

describe('dense top-10 over 100k synthetic 384-d chunks', () => {
  const dims = 384;
  const synthetic = new IndexState(dims);
  let seed = 1;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296) - 0.5;
  const vector = () => Float32Array.from({ length: dims }, random);
  for (let n = 0; n < 10_000; n++) {
    const path = `n${n}.md`;
    const note: NoteRecord = {
      path, mtime: 0, size: 0, contentHash: '', language: 'en', indexedAt: 0, processor: 'b',
      meta: { title: path, aliases: [], tags: [], links: [], warnings: [] },
      chunks: Array.from({ length: 10 }, (_, j) => ({ id: `${n}-${j}`, path, hash: `${n}-${j}`, kind: 'section' as const, headingTrail: [], startLine: 0, endLine: 0, text: '', links: [], embeds: [], highlights: [], tokens: 0 })),
    };
    synthetic.setNote(note, note.chunks.map(() => quantize(vector())));
  }
  const query = vector();
  const jsState = new IndexState(dims, 'js');
  for (const note of synthetic.notes()) jsState.setNote(note, synthetic.noteVectors(note.path));

  bench(`WASM SIMD kernel (${synthetic.matrix!.kernel})`, () => {
    denseSearch(synthetic, query, 10, null);
  }, { iterations: 200, warmupIterations: 20 });

  bench('JS fallback kernel', () => {
    denseSearch(jsState, query, 10, null);
  }, { iterations: 50, warmupIterations: 5 });

  bench('WASM, with a folder filter (10% of notes)', () => {
    denseSearch(synthetic, query, 10, (entry) => entry.noteOrdinal % 10 === 0);
  }, { iterations: 100, warmupIterations: 10 });
});
