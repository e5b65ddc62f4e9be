/** Lexical retrieval: BM25 over the chunks (see lexical-index.ts for the analysis). */
import type { ChunkEntry, IndexState } from '../index/index-state';
import type { ChunkPredicate } from './filters';

export interface LexicalSearchHit {
  entry: ChunkEntry;
  /** BM25 score (unbounded; comparable only within one query). */
  score: number;
}

export function lexicalSearch(state: IndexState, query: string, limit: number, allow: ChunkPredicate | null): LexicalSearchHit[] {
  const lexical = state.lexical;
  if (!lexical || limit <= 0) return [];
  const permitted = (chunkId: string): boolean => {
    const entry = state.chunk(chunkId);
    return entry !== undefined && (!allow || allow(entry));
  };
  const hits: LexicalSearchHit[] = [];
  for (const hit of lexical.search(query, limit, permitted)) {
    const entry = state.chunk(hit.chunkId);
    if (entry) hits.push({ entry, score: hit.score });
  }
  return hits;
}
