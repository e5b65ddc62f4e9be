/**
 * The query-time API: dense, lexical or hybrid search over an index, returning passages or
 * notes. Queries are embedded with kind 'query'; stored chunks are never re-embedded.
 */
import type { IndexState } from '../index/index-state';
import type { Embedder } from '../ports';
import type { Passage } from '../retrieval/types';
import { aggregateByNote } from './aggregate';
import { denseSearch, type DenseHit } from './dense';
import { compileFilter } from './filters';
import { fuseRrf, fuseWeighted } from './fusion';
import { lexicalSearch, type LexicalSearchHit } from './lexical';
import type { FusionMethod, NoteHit, SearchFilter, SearchMode, SearchOptions } from './types';
import type { ChunkEntry } from '../index/index-state';

/** What a searcher reads: the Indexer provides it (its state is replaced when the model changes). */
export interface SearchableIndex {
  readonly state: IndexState;
  readonly embedder: Embedder | null;
  readonly lexicalReady: Promise<void>;
}

/**
 * Weighted fusion (α = 0.5 on min-max normalised scores) measured better than RRF on the 50
 * questions of tests/eval (production parser + chunker, GloVe PT-EN fixture model; note-level
 * MRR, example / help vault): weighted 0.788 / 0.559, RRF 0.764 / 0.467 (dense alone 0.650 /
 * 0.101, lexical alone 0.814 / 0.590), and on this package's own 14 help-vault questions:
 * 0.728 vs 0.571 (all in tests/core/search/fusion-eval.test.ts). RRF
 * gives the weaker retriever an equal vote by rank; weighted fusion lets a clear score gap
 * count. α = 0.3 scored higher still (0.808 / 0.627), but only because GloVe is a weak dense
 * model: re-measure with the production embedder (evaluateSearch) before changing α.
 */
export const DEFAULT_FUSION: FusionMethod = 'weighted';
export const DEFAULT_DENSE_WEIGHT = 0.5;
const DEFAULT_LIMIT = 10;

export interface ResolvedSearch {
  mode: SearchMode;
  passages: Passage[];
}

export class Searcher {
  constructor(private readonly index: SearchableIndex) {}

  /** Best passages for a text query. */
  async search(query: string, options: SearchOptions = {}): Promise<Passage[]> {
    const limit = options.limit ?? DEFAULT_LIMIT;
    return (await this.run(query, options, limit, Math.max(options.candidates ?? 0, limit * 5, 50))).passages;
  }

  /** Best notes for a text query, each with its best passages. */
  async searchNotes(query: string, options: SearchOptions = {}): Promise<NoteHit[]> {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const pool = Math.max(options.candidates ?? 0, limit * 10, 100);
    const { passages } = await this.run(query, options, pool, pool);
    return aggregateByNote(passages, limit);
  }

  /** Passages nearest to a vector (e.g. a note's own chunk vectors, for related notes): no embedding at all. */
  searchVector(vector: Float32Array, options: { limit?: number; filter?: SearchFilter } = {}): Passage[] {
    const state = this.index.state;
    const limit = options.limit ?? DEFAULT_LIMIT;
    return denseSearch(state, vector, limit, compileFilter(options.filter, state)).map((hit) =>
      toPassage(hit.entry, hit.score, hit.score, undefined),
    );
  }

  /** The mode a search would actually use, given what the index has now. */
  effectiveMode(requested: SearchMode = 'hybrid'): SearchMode {
    const dense = this.denseAvailable();
    const lexical = this.index.state.lexical !== null;
    if (requested === 'hybrid') return dense ? (lexical ? 'hybrid' : 'dense') : 'lexical';
    return requested;
  }

  private denseAvailable(): boolean {
    const state = this.index.state;
    return this.index.embedder !== null && state.matrix !== null && state.matrix.size > 0;
  }

  private async run(query: string, options: SearchOptions, limit: number, candidates: number): Promise<ResolvedSearch> {
    const requested = options.mode ?? 'hybrid';
    if (requested === 'dense' && this.index.embedder === null) {
      throw new Error('Dense search needs an embedding model, and none is loaded');
    }
    let mode = this.effectiveMode(requested);
    if (mode === 'lexical' || (mode === 'hybrid' && this.index.state.lexical === null)) {
      await this.index.lexicalReady;
      mode = this.effectiveMode(requested);
    }
    const denseQuery = mode !== 'lexical' && this.index.embedder ? await this.embedQuery(query, options.signal) : null;
    options.signal?.throwIfAborted();
    // Read the state only after the awaits: a model switch may have replaced it meanwhile.
    const state = this.index.state;
    const allow = compileFilter(options.filter, state);
    const dense: DenseHit[] = denseQuery && state.dims === denseQuery.length ? denseSearch(state, denseQuery, mode === 'hybrid' ? candidates : limit, allow) : [];
    const lexical: LexicalSearchHit[] = mode !== 'dense' ? lexicalSearch(state, query, mode === 'hybrid' ? candidates : limit, allow) : [];

    if (mode === 'dense' || lexical.length === 0) {
      return { mode, passages: dense.slice(0, limit).map((h) => toPassage(h.entry, h.score, h.score, undefined)) };
    }
    if (mode === 'lexical' || dense.length === 0) {
      return { mode, passages: lexical.slice(0, limit).map((h) => toPassage(h.entry, h.score, undefined, h.score)) };
    }
    const denseById = new Map(dense.map((h) => [h.entry.chunk.id, h]));
    const lexicalById = new Map(lexical.map((h) => [h.entry.chunk.id, h]));
    const denseRanked = dense.map((h) => ({ id: h.entry.chunk.id, score: h.score }));
    const lexicalRanked = lexical.map((h) => ({ id: h.entry.chunk.id, score: h.score }));
    const fused =
      (options.fusion ?? DEFAULT_FUSION) === 'rrf'
        ? fuseRrf([denseRanked, lexicalRanked])
        : fuseWeighted(denseRanked, lexicalRanked, options.denseWeight ?? DEFAULT_DENSE_WEIGHT);
    const passages = [...fused]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([id, score]) => {
        const d = denseById.get(id);
        const l = lexicalById.get(id);
        return toPassage((d ?? l)!.entry, score, d?.score, l?.score);
      });
    return { mode, passages };
  }

  private async embedQuery(query: string, signal: AbortSignal | undefined): Promise<Float32Array> {
    const embedder = this.index.embedder as Embedder;
    const [vector] = await embedder.embed([query], 'query', signal ? { signal } : undefined);
    if (!vector) throw new Error('the embedder returned no vector for the query');
    return vector;
  }
}

export function toPassage(entry: ChunkEntry, score: number, dense: number | undefined, lexical: number | undefined): Passage {
  const { chunk, note } = entry;
  const passage: Passage = {
    chunkId: chunk.id,
    path: chunk.path,
    title: note.meta.title,
    headingTrail: chunk.headingTrail,
    startLine: chunk.startLine,
    endLine: chunk.endLine,
    kind: chunk.kind,
    text: chunk.text,
    score,
    highlights: chunk.highlights,
    links: chunk.links,
  };
  if (dense !== undefined) passage.dense = dense;
  if (lexical !== undefined) passage.lexical = lexical;
  if (chunk.blockId !== undefined) passage.blockId = chunk.blockId;
  return passage;
}
