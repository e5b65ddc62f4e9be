/** A NotesEngine over an in-memory vault with the production parser and chunker (test helper). */
import { StaticNotesEngine } from '../../../src/core/engine';
import { Indexer } from '../../../src/core/index/indexer';
import { createNoteProcessor, noteProcessorVersion } from '../../../src/core/index/note-processor';
import type { Embedder } from '../../../src/core/ports';
import { Searcher } from '../../../src/core/search';
import { MemorySource } from '../../helpers/memory-source';
import { MemoryStorage } from '../../helpers/memory-storage';

export async function openMemoryEngine(files: Record<string, string>, embedder: Embedder | null, options: { exclude?: string[] } = {}): Promise<StaticNotesEngine> {
  const indexer = await Indexer.open({
    source: new MemorySource(files),
    storage: new MemoryStorage(),
    processor: createNoteProcessor(),
    processorVersion: noteProcessorVersion(),
    embedder,
    exclusions: { patterns: options.exclude ?? [] },
    yieldToEventLoop: () => Promise.resolve(),
  });
  await indexer.sync();
  await indexer.lexicalReady;
  return new StaticNotesEngine({
    indexer,
    searcher: new Searcher(indexer),
    model: embedder ? { kind: 'ready', modelId: embedder.info.modelId, backend: 'test' } : { kind: 'unavailable', modelId: 'none', reason: 'no model in this test' },
  });
}
