/** What the chunker produces: the unit that is embedded, indexed, retrieved and cited. */

/**
 * `definition`: a definition-like callout (info/abstract/summary/definition/tldr, or titled
 * Definição/Definition) — the note's own statement of what a concept is.
 * `callout`: any other callout. `section`: heading-delimited prose (split by paragraphs when long).
 */
export type ChunkKind = 'definition' | 'callout' | 'section';

export interface Chunk {
  /**
   * Stable id: `<path>#<hash>` (plus `~n` when the same content repeats in a note), so an
   * unchanged chunk keeps its id when other parts of the note change.
   */
  id: string;
  /** Vault-relative note path. */
  path: string;
  /** Content hash of `text` (16 hex chars). Vectors are cached by it, so renames re-embed nothing. */
  hash: string;
  kind: ChunkKind;
  /** Headings enclosing the chunk, outermost first (text only, no `#`). Cite as `[[Note#last heading]]`. */
  headingTrail: string[];
  /** 0-based first and last line (inclusive) in the note's text. */
  startLine: number;
  endLine: number;
  /** Plain text that is embedded and indexed: Markdown syntax stripped, link aliases kept, callout markers gone. */
  text: string;
  /** Link targets (`link` as in LinkCache, e.g. `RAG#Busca`) of the wikilinks and Markdown links inside. */
  links: string[];
  /** Targets of `![[embeds]]` inside (their text is not inlined). */
  embeds: string[];
  /** `==highlight==` texts inside the chunk. */
  highlights: string[];
  /** For callout chunks: lower-cased type and the title as written. */
  callout?: { type: string; title: string };
  /** Block id (`^id`) of the chunk's last block, for block citations. */
  blockId?: string;
  /** Token count under the budget's tokenizer (an estimate unless an exact counter was given). */
  tokens: number;
}
