/** The shapes the indexer stores, reports and accepts. */
import type { Chunk } from '../chunking/types';
import type { NoteStat } from '../ports';
import type { StemLanguage } from '../text/language';

export interface NoteWarning {
  /** Machine-readable kind, e.g. `yaml`. */
  code: string;
  message: string;
  /** 0-based line, when known. */
  line?: number;
}

/** What the indexer keeps about a note besides its chunks (from the parser, or Obsidian's metadata cache). */
export interface NoteMeta {
  /** Display title, usually the file basename without `.md`. */
  title: string;
  aliases: string[];
  /** With the leading `#`, as Obsidian stores them. */
  tags: string[];
  /** Outgoing link targets (links, embeds, frontmatter links) as written, e.g. `RAG#Busca`. */
  links: string[];
  warnings: NoteWarning[];
}

export interface ProcessedNote {
  chunks: Chunk[];
  meta: NoteMeta;
}

/**
 * Turns one note's text into chunks and metadata: in production `parseNote` + `chunkNote`;
 * in tests anything deterministic. Chunks must carry `path` equal to the note path.
 */
export type NoteProcessor = (path: string, text: string) => ProcessedNote | Promise<ProcessedNote>;

/** One indexed note as stored. */
export interface NoteRecord {
  path: string;
  mtime: number;
  size: number;
  /** `hash64` of the full text: an mtime-only change with equal content re-processes nothing. */
  contentHash: string;
  meta: NoteMeta;
  /** Which stemmer the lexical index used for this note. */
  language: StemLanguage;
  /** Clock time of the last (re)processing. */
  indexedAt: number;
  /** Version of the processor that chunked it: a note chunked by another version is re-processed. */
  processor: string;
  chunks: Chunk[];
}

export type SkipReason = 'excluded' | 'too-large' | 'binary';

/** A note deliberately left out of the index. */
export interface SkippedNote {
  path: string;
  reason: SkipReason;
  /** Human-readable detail, e.g. "3.2 MB is over the 2 MB limit". */
  detail: string;
  mtime: number;
  size: number;
}

/** A note that could not be indexed; retried on the next sync. Its previous index entry, if any, is kept. */
export interface FailedNote {
  path: string;
  reason: string;
  mtime: number;
  size: number;
  at: number;
}

/**
 * A vault change, as the Obsidian adapter (vault `create`/`modify`/`rename`/`delete`) or a
 * file watcher reports it. Stats come with the event so no extra listing is needed.
 */
export type VaultEvent =
  | { type: 'create' | 'modify'; stat: NoteStat }
  | { type: 'delete'; path: string }
  | { type: 'rename'; oldPath: string; stat: NoteStat };

export type IndexPhase = 'loading' | 'scanning' | 'indexing' | 'saving' | 'idle';

/** Progress for a status line like "Indexing 120 / 450 notes". */
export interface IndexProgress {
  phase: IndexPhase;
  /** Notes handled (indexed, unchanged, skipped or failed) in the current run. */
  notesDone: number;
  /** Notes in the current run so far (grows when edits arrive during the run). */
  notesTotal: number;
  /** Chunks sent to the embedder in the current run. */
  chunksEmbedded: number;
  /** Chunks the current run still has to embed, as known so far. */
  chunksPending: number;
  /** The note being worked on, when there is one. */
  currentPath?: string;
}

/** Why the stored index was not (entirely) used at load. */
export interface LoadReport {
  /** `stored`: loaded as saved; `partial`: some segments were unreadable and their notes will be re-indexed; `empty`: nothing stored yet; `rebuild`: discarded. */
  outcome: 'stored' | 'partial' | 'empty' | 'rebuild';
  /** For `partial` and `rebuild`: what was wrong, naming the key and the cause. */
  reason?: string;
  notes: number;
  chunks: number;
  /** Milliseconds to read and decode notes and vectors (the lexical index loads afterwards). */
  millis: number;
}

export interface IndexStatus {
  state: 'idle' | 'indexing';
  notesIndexed: number;
  chunksIndexed: number;
  /** Chunks with a stored vector (0 when there is no embedding model). */
  vectorsStored: number;
  /** Notes waiting to be (re)indexed. */
  pending: number;
  skipped: SkippedNote[];
  failed: FailedNote[];
  /** Embedding model of the stored vectors; null when the index is lexical-only. */
  modelId: string | null;
  dims: number | null;
  /** Set when vectors are absent, saying why (e.g. no embedding model). */
  lexicalOnlyReason?: string;
  /** Whether keyword search is available yet (it loads after the vectors). */
  lexicalReady: boolean;
  /** Bytes the index occupies in storage. */
  sizeBytes: number;
  /** Clock time of the last change written, or null before the first. */
  lastUpdated: number | null;
  load: LoadReport;
  /** `wasm` (SIMD) or `js`: which dense-scoring kernel runs on this device. */
  kernel: 'wasm' | 'js';
}

/** Counts of what one sync run did. */
export interface SyncReport {
  /** Notes (re)chunked and stored. */
  indexed: number;
  /** Notes whose stored entry was still valid (content unchanged). */
  unchanged: number;
  removed: number;
  skipped: number;
  failed: number;
  chunksEmbedded: number;
  /** True when the run stopped on its AbortSignal; what was committed stays and the next run continues. */
  cancelled: boolean;
}
