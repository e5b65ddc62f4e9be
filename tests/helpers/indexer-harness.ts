/** Builds an Indexer over in-memory parts with fake time, for tests. */
import { Indexer } from '../../src/core/index/indexer';
import type { IndexerOptions } from '../../src/core/index/indexer-options';
import { BLANK_LINE_PROCESSOR_VERSION, blankLineProcessor } from './blank-line-processor';
import { FakeEmbedder } from './fake-embedder';
import { FakeTimers } from './fake-timers';
import { MemorySource } from './memory-source';
import { MemoryStorage } from './memory-storage';

export interface Harness {
  source: MemorySource;
  storage: MemoryStorage;
  embedder: FakeEmbedder;
  timers: FakeTimers;
  open(overrides?: Partial<IndexerOptions>): Promise<Indexer>;
}

export function harness(files: Record<string, string> = {}): Harness {
  const source = new MemorySource(files);
  const storage = new MemoryStorage();
  const embedder = new FakeEmbedder();
  const timers = new FakeTimers();
  return {
    source,
    storage,
    embedder,
    timers,
    open: (overrides = {}) =>
      Indexer.open({
        source,
        storage,
        processor: blankLineProcessor,
        processorVersion: BLANK_LINE_PROCESSOR_VERSION,
        embedder,
        clock: timers,
        timers,
        yieldToEventLoop: () => Promise.resolve(),
        debounceMs: 1000,
        lexicalSnapshotEveryMs: 0,
        lexicalSnapshotMinChanges: 1,
        kernel: 'js',
        ...overrides,
      }),
  };
}

/** Lets queued promise callbacks run (the indexer awaits between steps). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** Fires debounce timers and waits until the indexer has nothing left to do. */
export async function drainEvents(indexer: Indexer, timers: FakeTimers): Promise<void> {
  for (let i = 0; i < 100; i++) {
    timers.advance(60_000);
    await settle();
    if ((await indexer.status()).pending === 0 && timers.scheduled === 0) break;
  }
  await indexer.whenIdle();
}

/** What the index holds, per note, in a comparable form. */
export function snapshot(indexer: Indexer): Record<string, { chunks: [string, string, boolean][]; title: string }> {
  const state = indexer.state;
  const result: Record<string, { chunks: [string, string, boolean][]; title: string }> = {};
  for (const note of [...state.notes()].sort((a, b) => a.path.localeCompare(b.path))) {
    result[note.path] = {
      title: note.meta.title,
      chunks: note.chunks.map((c) => [c.id, c.hash, (state.chunk(c.id)?.row ?? -1) >= 0]),
    };
  }
  return result;
}
