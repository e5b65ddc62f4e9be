/** What the related-notes ranking returns and accepts. */

/** How the related note and the active note are linked. */
export type LinkRelation = 'links-here' | 'linked-from-here' | 'both' | 'none';

/**
 * What the ranking was based on. `semantic`: the note's stored chunk vectors. `lexical`: the
 * note has no vectors (no embedding model, or not embedded yet), so its title, highlights,
 * headings and key terms were searched as keywords instead.
 */
export type RelatedBasis = 'semantic' | 'lexical';

/** The related note's passage that best matches the active note: the "why". */
export interface RelatedPassage {
  /** Innermost heading of the passage, or null before the first heading. */
  heading: string | null;
  /** 0-based first line of the passage in the related note (editor lines). */
  line: number;
  /** The passage's plain text, flattened and cut to a readable length. */
  snippet: string;
  chunkId: string;
  /** The active note's passage it matched best (semantic basis only). */
  from?: { heading: string | null; line: number };
}

export interface RelatedResult {
  path: string;
  title: string;
  /** Blended score, higher is better; comparable within one list (the best is at most 1). */
  score: number;
  /** Linked in either direction. */
  linked: boolean;
  linkRelation: LinkRelation;
  /** Names of the notes both link to (resolved titles, or link text for notes that do not exist yet), rarest first. */
  sharedLinks: string[];
  /** Titles of notes that link to both (co-citation), rarest first. */
  sharedBacklinks: string[];
  /** Reachable in exactly two link hops, either direction (and not linked directly). */
  twoHop: boolean;
  /** Intermediaries of two-hop chains not already named in `sharedLinks`/`sharedBacklinks` (titles, at most 3). */
  twoHopVia: string[];
  passage: RelatedPassage | null;
  basis: RelatedBasis;
  components: {
    /** Set-to-set similarity of the two notes' chunk vectors (cosine scale), on the semantic basis. */
    semantic: number;
    /** BM25 score of the note for the key-term query, on the lexical basis. */
    lexical?: number;
    /** Link-graph evidence in [0, 1]: a direct link and shared neighbours. */
    graph: number;
  };
}

/** How the three signals are weighed (see DEFAULT_RELATED_WEIGHTS for the measured choice). */
export interface RelatedWeights {
  /** Weight of the text similarity (on [0, 1], see related-text.ts). */
  text: number;
  /** Share of vector similarity in the text similarity, [0, 1]; the rest is the key-term keyword match. */
  dense: number;
  /** Added when the notes are linked either way. */
  direct: number;
  /** Weight of the indirect link evidence (shared links, shared backlinks, two hops), saturating in [0, 1). */
  indirect: number;
}

export interface RelatedOptions {
  /** Results to return (default 10). */
  limit?: number;
  /** Include notes linked either way (default true). */
  includeLinked?: boolean;
  /** Folders whose notes are never suggested (`Archive` or `Archive/`). */
  excludeFolders?: readonly string[];
  /** Paths never suggested, besides the note itself. */
  excludePaths?: Iterable<string>;
  weights?: Partial<RelatedWeights>;
  /** Force a basis (evaluation); by default semantic when the note has vectors. */
  basis?: RelatedBasis;
  signal?: AbortSignal;
  /**
   * Called between the steps (link graph, keyword and vector candidates, ranking) so a caller
   * on a UI thread can let input and paint through: together they can exceed 50 ms the first
   * time, before the JIT has warmed up.
   */
  yieldBetweenSteps?: () => Promise<void>;
}
