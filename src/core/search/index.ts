export { Searcher, DEFAULT_FUSION, DEFAULT_DENSE_WEIGHT, toPassage, type SearchableIndex } from './searcher';
export { aggregateByNote, NOTE_BONUS } from './aggregate';
export { fuseRrf, fuseWeighted, RRF_K, type Ranked } from './fusion';
export { denseSearch, type DenseHit } from './dense';
export { lexicalSearch, type LexicalSearchHit } from './lexical';
export { compileFilter, type ChunkPredicate } from './filters';
export { evaluateRanking, evaluateSearch, type EvalQuestion, type EvalReport } from './evaluate';
export { TopK } from './top-k';
export type { FusionMethod, NoteHit, SearchFilter, SearchMode, SearchOptions } from './types';
