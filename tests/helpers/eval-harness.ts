/** Indexes a real vault folder in memory and compares search configurations on questions. */
import { Indexer } from '../../src/core/index/indexer';
import type { Embedder } from '../../src/core/ports';
import { evaluateSearch, Searcher, type EvalQuestion, type SearchOptions } from '../../src/core/search';
import { createNoteProcessor, noteProcessorVersion } from '../../src/core/index/note-processor';
import { FsNoteSource } from '../../src/node/fs-note-source';
import { MemoryStorage } from './memory-storage';

/** Indexes with the production parser and chunker. */
export async function indexFolder(root: string, embedder: Embedder | null): Promise<{ indexer: Indexer; searcher: Searcher }> {
  const indexer = await Indexer.open({
    source: new FsNoteSource(root),
    storage: new MemoryStorage(),
    processor: createNoteProcessor(),
    processorVersion: noteProcessorVersion(),
    embedder,
    yieldToEventLoop: () => Promise.resolve(),
    embedBatchSize: 32,
  });
  await indexer.sync();
  await indexer.lexicalReady;
  return { indexer, searcher: new Searcher(indexer) };
}

export const CONFIGURATIONS: Record<string, SearchOptions> = {
  dense: { mode: 'dense' },
  lexical: { mode: 'lexical' },
  'hybrid rrf': { mode: 'hybrid', fusion: 'rrf' },
  'hybrid weighted 0.3': { mode: 'hybrid', fusion: 'weighted', denseWeight: 0.3 },
  'hybrid weighted 0.5': { mode: 'hybrid', fusion: 'weighted', denseWeight: 0.5 },
  'hybrid weighted 0.7': { mode: 'hybrid', fusion: 'weighted', denseWeight: 0.7 },
};

export interface ConfigScore {
  name: string;
  recall1: number;
  recall5: number;
  recall10: number;
  mrr: number;
}

export async function compare(searcher: Searcher, questions: EvalQuestion[]): Promise<ConfigScore[]> {
  const scores: ConfigScore[] = [];
  for (const [name, options] of Object.entries(CONFIGURATIONS)) {
    const report = await evaluateSearch(searcher, questions, { ...options, ks: [1, 5, 10] });
    scores.push({ name, recall1: report.recall[1]!, recall5: report.recall[5]!, recall10: report.recall[10]!, mrr: report.mrr });
  }
  return scores;
}

export function table(title: string, scores: ConfigScore[]): string {
  const f = (x: number) => x.toFixed(3);
  return [
    title,
    'config                 R@1    R@5    R@10   MRR',
    ...scores.map((s) => `${s.name.padEnd(22)} ${f(s.recall1)}  ${f(s.recall5)}  ${f(s.recall10)}  ${f(s.mrr)}`),
  ].join('\n');
}
