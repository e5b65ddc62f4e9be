/** What an Indexer is built from, and the defaults of its tuning knobs. */
import type { Clock, Embedder, IndexStorage, Logger, NoteSource } from '../ports';
import type { ExclusionOptions } from './exclusions';
import type { Timers } from './timers';
import type { NoteProcessor } from './types';
import type { KernelChoice } from './vectors/vector-matrix';

export interface IndexerOptions {
  source: NoteSource;
  storage: IndexStorage;
  /** Note text → chunks + metadata (production: parseNote + chunkNote). */
  processor: NoteProcessor;
  /** Bump when the processor's output changes for the same text; notes chunked by another version are re-processed. */
  processorVersion: string;
  /** Null or absent: the index works lexically only, and says so in its status. */
  embedder?: Embedder | null;
  exclusions?: ExclusionOptions;
  /** Notes larger than this are skipped. Default 1 MB. */
  maxNoteBytes?: number;
  /** Quiet time after a vault event before the note is re-indexed. Default 2 s. */
  debounceMs?: number;
  /**
   * Texts per embedder call. Default 64: the embedder plans batches of ≤ 8 itself (PERF.md's
   * robust size) from real token counts, one in flight per worker, so a call must span several.
   */
  embedBatchSize?: number;
  /** Texts collected from several notes before embedding them together. Default 64. */
  embedGroupSize?: number;
  /** Commit at least every this many notes during long runs. Default 250. */
  flushEveryNotes?: number;
  /** ...or every this many milliseconds. Default 30 s. */
  flushEveryMs?: number;
  /**
   * The lexical snapshot is a cache (a stale one is brought up to date at load), and saving
   * it blocks for up to ~1 s on a 6k-note vault; so besides at `close()` and when none exists,
   * it is saved only after at least `lexicalSnapshotMinChanges` notes changed (default 200)
   * and at most every `lexicalSnapshotEveryMs` (default 5 min).
   */
  lexicalSnapshotEveryMs?: number;
  lexicalSnapshotMinChanges?: number;
  clock?: Clock;
  timers?: Timers;
  /** Lets the host breathe during long synchronous work; defaults to a zero-delay timer. */
  yieldToEventLoop?: () => Promise<void>;
  /**
   * Whether loading and indexing may pause to keep a UI responsive (default true). The CLI
   * passes false: no UI to keep alive, and loading in one go is faster in total.
   */
  yieldWhileLoading?: boolean;
  /**
   * Longest stretch of synchronous index work (parsing, chunking, keyword indexing, encoding,
   * loading) between two `yieldToEventLoop` calls, by `clock`; default 10 ms, so indexing never
   * makes a long task (> 50 ms) on a UI thread. Ignored when `yieldWhileLoading` is false.
   */
  sliceMs?: number;
  logger?: Logger;
  /** Dense kernel: 'auto' picks WASM SIMD when available. */
  kernel?: KernelChoice;
}

export const INDEXER_DEFAULTS = {
  maxNoteBytes: 1_000_000,
  debounceMs: 2000,
  embedBatchSize: 64,
  embedGroupSize: 64,
  flushEveryNotes: 250,
  flushEveryMs: 30_000,
  lexicalSnapshotEveryMs: 300_000,
  lexicalSnapshotMinChanges: 200,
};
