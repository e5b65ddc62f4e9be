import type { ChunkKind } from '../chunking/types';

/** A retrieved chunk with its scores: what search returns and what answers cite. */
export interface Passage {
  chunkId: string;
  path: string;
  /** Note title (file basename without `.md`). */
  title: string;
  headingTrail: string[];
  startLine: number;
  endLine: number;
  kind: ChunkKind;
  text: string;
  /** Final fused score, higher is better; comparable only within one result list. */
  score: number;
  /** Component scores, when that retriever contributed. */
  dense?: number;
  lexical?: number;
  blockId?: string;
  highlights: string[];
  links: string[];
}
