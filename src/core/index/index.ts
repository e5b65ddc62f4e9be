export { Indexer, reconcileLexical, type ProgressListener } from './indexer';
export { INDEXER_DEFAULTS, type IndexerOptions } from './indexer-options';
export { IndexState, type ChunkEntry } from './index-state';
export { createNoteProcessor, noteProcessorVersion, NOTE_PROCESSOR_REVISION, type NoteProcessorOptions } from './note-processor';
export { createExclusionFilter, type ExclusionFilter, type ExclusionOptions } from './exclusions';
export { compileGlob, type PathMatcher } from './glob';
export { hash64 } from './hash';
export { LexicalIndex, lexicalStamp } from './lexical/lexical-index';
export { IndexStore, type IndexIdentity } from './storage/index-store';
export { INDEX_SCHEMA_VERSION } from './storage/format';
export { CorruptDataError } from './storage/byte-reader';
export { systemTimers, type Timers } from './timers';
export { quantize, dequantize, strideFor, type QuantizedVector } from './vectors/quantize';
export { VectorMatrix, type KernelChoice } from './vectors/vector-matrix';
export type {
  FailedNote,
  IndexPhase,
  IndexProgress,
  IndexStatus,
  LoadReport,
  NoteMeta,
  NoteProcessor,
  NoteRecord,
  NoteWarning,
  ProcessedNote,
  SkippedNote,
  SkipReason,
  SyncReport,
  VaultEvent,
} from './types';
