/** Search options and results. */
import type { ChunkKind } from '../chunking/types';
import type { Passage } from '../retrieval/types';

export type SearchMode = 'hybrid' | 'dense' | 'lexical';

/**
 * How dense and lexical rankings combine. `rrf`: reciprocal rank fusion (ranks only).
 * `weighted`: min-max normalised scores, α·dense + (1−α)·lexical.
 */
export type FusionMethod = 'rrf' | 'weighted';

export interface SearchFilter {
  /** Only notes in these folders (`Projetos` or `Projetos/` both mean the folder). */
  pathPrefixes?: readonly string[];
  /** Only these notes, e.g. a note and the notes it links to. */
  paths?: Iterable<string>;
  /** Never these notes, e.g. the note the question is asked from. */
  excludePaths?: Iterable<string>;
  /** Never notes in these folders. */
  excludePrefixes?: readonly string[];
  /** Only these chunk kinds, e.g. `definition` for concept cards. */
  kinds?: readonly ChunkKind[];
}

export interface SearchOptions {
  /** Default 'hybrid'; falls back to what is available (no model: lexical; no lexical index yet: dense). */
  mode?: SearchMode;
  /** Passages (or notes, for note searches) to return. Default 10. */
  limit?: number;
  filter?: SearchFilter;
  /** Default: `DEFAULT_FUSION`. */
  fusion?: FusionMethod;
  /** Weight of the dense side in weighted fusion. Default `DEFAULT_DENSE_WEIGHT`. */
  denseWeight?: number;
  /** Candidates each retriever contributes before fusion (default: scales with `limit`). */
  candidates?: number;
  signal?: AbortSignal;
}

/** A note-level result: the note's best passages and an aggregate score. */
export interface NoteHit {
  path: string;
  title: string;
  /** Best passage's score plus a small bonus for further matching passages. */
  score: number;
  /** Best dense and lexical component among its passages, when that retriever matched. */
  dense?: number;
  lexical?: number;
  /** Its matching passages, best first (at most 3). */
  passages: Passage[];
}
