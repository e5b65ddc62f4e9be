/**
 * Persistence of the index through the `IndexStorage` port, as a log of segments:
 *
 * - a flush writes ONE new segment holding the notes changed since the last flush (and
 *   tombstones for deleted ones), plus the manifest, in one atomic commit: an edit rewrites
 *   kilobytes, not the index;
 * - segments are kept in geometrically decreasing sizes: while the newest is at least half
 *   the size of the one before, the two are merged (from memory, keeping only live notes).
 *   Like a binary counter this bounds the segment count to O(log n) and rewrites each byte
 *   O(log n) times during a full indexing run;
 * - when more than half of the stored bytes are dead (superseded records), everything is
 *   rewritten once (full compaction).
 *
 * Loading reads the manifest, checks every segment against the manifest's length and checksum,
 * and replays segments oldest first (later records win). Whatever cannot be read is
 * reported, never thrown: an unreadable manifest, another schema or another embedding model
 * means a rebuild; an unreadable segment loses only its notes, which the next sync re-indexes.
 */
import type { IndexStorage } from '../../ports';
import { IndexState } from '../index-state';
import type { LexicalIndex } from '../lexical/lexical-index';
import { decodeLexicalSnapshot, encodeLexicalSnapshot } from '../lexical/lexical-snapshot';
import type { FailedNote, LoadReport, NoteRecord, SkippedNote } from '../types';
import type { KernelChoice } from '../vectors/vector-matrix';
import { CorruptDataError } from './byte-reader';
import { checksum32 } from './checksum';
import { lexicalKey, MANIFEST_KEY, segmentKey } from './format';
import { decodeManifest, encodeManifest, SchemaMismatchError, trailerChecksum, verifyPart, type Manifest, type StoredPart } from './manifest-codec';
import { noSlicing, type TimeSlicer } from '../time-slicer';
import { decodeNote, encodeSegmentSliced, scanSegment, type RecordLocation, type ScannedSegment, type SegmentRecord } from './segment-codec';

/** What the index is built with; a stored index built otherwise is rebuilt or refreshed. */
export interface IndexIdentity {
  /** Embedding model id, or null when no embedder is available now (stored vectors are kept). */
  modelId: string | null;
  /** Vector dimensions of that model (ignored when modelId is null). */
  dims: number;
  /** Changes when chunking changes: notes chunked by another version are re-processed (vectors are reused by content hash). */
  processorVersion: string;
}

interface SegmentInfo extends StoredPart {
  /** Records written into it. */
  records: number;
  /** Paths whose current note record lives here. */
  notes: Set<string>;
  /** Paths whose current tombstone lives here (needed while an older segment holds the path). */
  tombstones: Set<string>;
}

/** Merge the two newest segments while the older is smaller than this many times the newer. */
const MERGE_RATIO = 2;
/** Full compaction when more than this share of stored bytes is dead... */
const MAX_DEAD_SHARE = 0.5;
/** ...and the store is at least this big (below it, dead bytes cost nothing worth a rewrite). */
const COMPACTION_MIN_BYTES = 1 << 20;
/** Segment size target for full compaction. */
const COMPACTED_SEGMENT_BYTES = 8 << 20;

export interface OpenedIndex {
  store: IndexStore;
  state: IndexState;
  report: LoadReport;
}

export class IndexStore {
  readonly skipped = new Map<string, SkippedNote>();
  readonly failed = new Map<string, FailedNote>();
  private segments: SegmentInfo[] = [];
  private lexicalId = '';
  private lexicalParts: StoredPart[] = [];
  private generation = 0;
  private updatedAt: number | null = null;
  private readonly dirty = new Set<string>();
  private metaDirty = false;
  private compactionNeeded = false;

  private constructor(
    private readonly storage: IndexStorage,
    private modelId: string,
    readonly dims: number,
    private readonly processorVersion: string,
    /** Loading, flushing and snapshot encoding pause through it (see time-slicer.ts). */
    private readonly slicer: TimeSlicer,
  ) {}

  static async open(storage: IndexStorage, identity: IndexIdentity, now: () => number, kernel: KernelChoice = 'auto', slicer: TimeSlicer = noSlicing): Promise<OpenedIndex> {
    const started = now();
    const fresh = async (outcome: 'empty' | 'rebuild', reason?: string): Promise<OpenedIndex> => {
      if (outcome === 'rebuild' || (await storage.keys()).length > 0) await storage.clear();
      const dims = identity.modelId === null ? 0 : identity.dims;
      const store = new IndexStore(storage, identity.modelId ?? '', dims, identity.processorVersion, slicer);
      store.metaDirty = true;
      const report: LoadReport = { outcome, notes: 0, chunks: 0, millis: now() - started };
      if (reason) report.reason = reason;
      return { store, state: new IndexState(dims, kernel), report };
    };

    const manifestBytes = await storage.read(MANIFEST_KEY);
    if (!manifestBytes) {
      // Commits write the manifest with the first segment, so parts without one mean damage (a lost file), not a new index.
      const leftovers = (await storage.keys()).filter((key) => key !== MANIFEST_KEY);
      if (leftovers.length > 0) return fresh('rebuild', `the manifest is missing or unreadable while ${leftovers.length} other index parts are stored; the index is rebuilt`);
      return fresh('empty');
    }
    let manifest: Manifest;
    try {
      manifest = decodeManifest(manifestBytes);
    } catch (error) {
      if (error instanceof SchemaMismatchError || error instanceof CorruptDataError) return fresh('rebuild', error.message);
      throw error;
    }
    if (identity.modelId !== null && manifest.modelId !== '' && (manifest.modelId !== identity.modelId || manifest.dims !== identity.dims)) {
      return fresh('rebuild', `the embedding model changed from ${manifest.modelId} (${manifest.dims} d) to ${identity.modelId} (${identity.dims} d): every note is re-embedded`);
    }

    // A lexical-only index adopts the model when one becomes available; its notes then lack vectors and get embedded.
    const modelId = identity.modelId ?? manifest.modelId;
    const dims = identity.modelId === null ? manifest.dims : identity.dims;
    const store = new IndexStore(storage, modelId, dims, identity.processorVersion, slicer);
    store.generation = manifest.generation;
    store.updatedAt = manifest.updatedAt;
    store.lexicalId = manifest.lexicalId;
    store.lexicalParts = manifest.lexicalParts;
    for (const s of manifest.skipped) store.skipped.set(s.path, s);
    for (const f of manifest.failed) store.failed.set(f.path, f);
    if (modelId !== manifest.modelId) store.metaDirty = true;

    const state = new IndexState(dims, kernel);
    const problems = await store.replaySegments(manifest.segments, state);
    if (manifest.processorVersion !== identity.processorVersion) store.metaDirty = true;
    const report: LoadReport = {
      outcome: problems.length > 0 ? 'partial' : 'stored',
      notes: state.noteCount,
      chunks: state.chunkCount,
      millis: now() - started,
    };
    if (problems.length > 0) report.reason = `${problems.join('; ')}; the notes stored there will be re-indexed`;
    return { store, state, report };
  }

  /** Time of the last successful commit, or null before the first. */
  get lastUpdated(): number | null {
    return this.updatedAt;
  }

  get hasLexicalSnapshot(): boolean {
    return this.lexicalParts.length > 0;
  }

  get hasChanges(): boolean {
    return this.dirty.size > 0 || this.metaDirty || this.compactionNeeded;
  }

  get storedModelId(): string {
    return this.modelId;
  }

  /** Records that a note was added, changed or removed in the state since the last flush. */
  markDirty(path: string): void {
    this.dirty.add(path);
  }

  /** Records that skipped/failed bookkeeping changed. */
  markMetaDirty(): void {
    this.metaDirty = true;
  }

  sizeBytes(): Promise<number> {
    return this.storage.sizeBytes();
  }

  /** Reads and decodes the lexical snapshot; null when there is none or it is unreadable (reported through `onProblem`). */
  async loadLexical(onProblem: (reason: string) => void, yielding = true, slicer: TimeSlicer = this.slicer): Promise<LexicalIndex | null> {
    if (this.lexicalParts.length === 0) return null;
    try {
      const parts: Uint8Array[] = [];
      for (const part of this.lexicalParts) parts.push(verifyPart(part, await this.storage.read(part.key), false));
      return await decodeLexicalSnapshot(parts, yielding, slicer);
    } catch (error) {
      if (!(error instanceof CorruptDataError)) throw error;
      onProblem(`lexical index snapshot unreadable (${error.message}); rebuilding it from the stored notes`);
      this.lexicalParts = [];
      this.lexicalId = '';
      this.metaDirty = true;
      return null;
    }
  }

  /**
   * Writes the changes since the last flush (see the file comment for the policy). On a
   * storage error nothing is marked clean, so the next flush retries everything.
   */
  async flush(state: IndexState, now: number): Promise<void> {
    if (!this.hasChanges) return;
    let generation = this.generation;
    const written = new Map<string, Uint8Array>();
    const encode = async (notes: Iterable<string>, tombstones: Iterable<string>): Promise<SegmentInfo> => {
      const records: SegmentRecord[] = [];
      const notePaths = new Set<string>();
      for (const path of notes) {
        const note = state.note(path);
        if (!note) continue;
        records.push({ kind: 'note', note, vectors: state.noteVectors(path) });
        notePaths.add(path);
      }
      const tombstonePaths = new Set(tombstones);
      for (const path of tombstonePaths) records.push({ kind: 'tombstone', path });
      const bytes = await encodeSegmentSliced(records, this.vectorDimsFor(records), () => this.slicer.pause());
      const key = segmentKey(++generation);
      written.set(key, bytes);
      return { key, checksum: trailerChecksum(bytes), bytes: bytes.length, records: records.length, notes: notePaths, tombstones: tombstonePaths };
    };

    let segments = this.segments.map((s) => ({ ...s, notes: new Set(s.notes), tombstones: new Set(s.tombstones) }));
    const newNotes: string[] = [];
    const newTombstones: string[] = [];
    for (const path of this.dirty) {
      const holder = segments.find((s) => s.notes.has(path));
      holder?.notes.delete(path);
      if (state.note(path)) {
        newNotes.push(path);
        for (const s of segments) s.tombstones.delete(path);
      } else if (holder) {
        newTombstones.push(path);
      }
    }
    if (newNotes.length + newTombstones.length > 0) segments.push(await encode(newNotes, newTombstones));
    // A segment whose every record has been superseded is dropped without rewriting anything.
    segments = segments.filter((s) => s.notes.size + s.tombstones.size > 0);

    const total = segments.reduce((sum, s) => sum + s.bytes, 0);
    const dead = segments.reduce((sum, s) => sum + (s.records === 0 ? s.bytes : s.bytes * (1 - (s.notes.size + s.tombstones.size) / s.records)), 0);
    if (this.compactionNeeded || (total >= COMPACTION_MIN_BYTES && dead > total * MAX_DEAD_SHARE)) {
      segments = await this.compactAll(state, encode, written);
    } else {
      while (segments.length >= 2) {
        const newer = segments[segments.length - 1] as SegmentInfo;
        const older = segments[segments.length - 2] as SegmentInfo;
        if (older.bytes >= MERGE_RATIO * newer.bytes) break;
        const coversAll = segments.length === 2;
        const merged = await encode([...older.notes, ...newer.notes], coversAll ? [] : [...older.tombstones, ...newer.tombstones]);
        written.delete(older.key);
        written.delete(newer.key);
        if (merged.records > 0) segments.splice(segments.length - 2, 2, merged);
        else {
          written.delete(merged.key);
          segments.splice(segments.length - 2, 2);
        }
      }
    }

    const live = new Set(segments.map((s) => s.key));
    const remove = this.segments.filter((s) => !live.has(s.key)).map((s) => s.key);
    const manifest = this.manifest(segments, generation, now);
    written.set(MANIFEST_KEY, encodeManifest(manifest));
    await this.storage.commit(written, remove);

    this.segments = segments;
    this.generation = generation;
    this.updatedAt = now;
    this.dirty.clear();
    this.metaDirty = false;
    this.compactionNeeded = false;
  }

  /** Replaces the stored lexical snapshot (with a manifest naming it) in one commit. */
  async saveLexical(lexical: LexicalIndex, state: IndexState, now: number): Promise<void> {
    await this.flush(state, now);
    const parts = await encodeLexicalSnapshot(lexical, this.slicer);
    const id = (this.generation + 1).toString(36);
    const entries = new Map<string, Uint8Array>();
    const stored: StoredPart[] = parts.map((bytes, i) => {
      const key = lexicalKey(id, i);
      entries.set(key, bytes);
      return { key, checksum: checksum32(bytes), bytes: bytes.length };
    });
    const previous = this.lexicalParts.map((p) => p.key);
    const manifest = { ...this.manifest(this.segments, this.generation + 1, now), lexicalId: id, lexicalParts: stored };
    entries.set(MANIFEST_KEY, encodeManifest(manifest));
    await this.storage.commit(entries, previous);
    this.generation++;
    this.lexicalId = id;
    this.lexicalParts = stored;
    this.updatedAt = now;
  }

  private manifest(segments: SegmentInfo[], generation: number, now: number): Manifest {
    return {
      modelId: this.modelId,
      dims: this.dims,
      processorVersion: this.processorVersion,
      generation,
      updatedAt: now,
      segments: segments.map(({ key, checksum, bytes }) => ({ key, checksum, bytes })),
      lexicalId: this.lexicalId,
      lexicalParts: this.lexicalParts,
      skipped: [...this.skipped.values()],
      failed: [...this.failed.values()],
    };
  }

  /** Every live note rewritten into fresh segments of about COMPACTED_SEGMENT_BYTES; no tombstones needed. */
  private async compactAll(
    state: IndexState,
    encode: (notes: Iterable<string>, tombstones: Iterable<string>) => Promise<SegmentInfo>,
    written: Map<string, Uint8Array>,
  ): Promise<SegmentInfo[]> {
    written.clear();
    const result: SegmentInfo[] = [];
    let batch: string[] = [];
    let estimate = 0;
    for (const note of [...state.notes()]) {
      batch.push(note.path);
      estimate += estimateBytes(note, this.dims);
      if (estimate >= COMPACTED_SEGMENT_BYTES) {
        result.push(await encode(batch, []));
        batch = [];
        estimate = 0;
      }
    }
    if (batch.length > 0) result.push(await encode(batch, []));
    return result;
  }

  /** 0 ("no vectors") when none of the records has one, so lexical-only segments stay small and model-neutral. */
  private vectorDimsFor(records: SegmentRecord[]): number {
    if (this.dims === 0) return 0;
    const any = records.some((r) => r.kind === 'note' && r.vectors.some((v) => v !== null));
    return any ? this.dims : 0;
  }

  /**
   * Two passes: find where each path's latest record is (segments oldest first, later records
   * win), then decode only those and add them to the state one by one, so superseded records
   * are never decoded and nothing decoded outlives its note (which keeps load-time GC low).
   */
  private async replaySegments(parts: StoredPart[], state: IndexState): Promise<string[]> {
    const problems: string[] = [];
    const latest = new Map<string, { segment: ScannedSegment; record: RecordLocation; info: SegmentInfo }>();
    const tombstones = new Map<string, SegmentInfo>();
    for (const part of parts) {
      let segment: ScannedSegment;
      try {
        segment = scanSegment(verifyPart(part, await this.storage.read(part.key), true), part.key, this.dims);
      } catch (error) {
        if (!(error instanceof CorruptDataError)) throw error;
        problems.push(error.message);
        this.compactionNeeded = true;
        continue;
      }
      await this.slicer.pause();
      const info: SegmentInfo = { ...part, records: segment.records.length, notes: new Set(), tombstones: new Set() };
      for (const record of segment.records) {
        if (record.kind === 'note') {
          latest.set(record.path, { segment, record, info });
          tombstones.delete(record.path);
        } else {
          latest.delete(record.path);
          tombstones.set(record.path, info);
        }
      }
      this.segments.push(info);
    }
    for (const [path, { segment, record, info }] of latest) {
      try {
        const { note, vectors } = decodeNote(segment, record);
        state.setNote(note, vectors);
        info.notes.add(path);
      } catch (error) {
        if (!(error instanceof CorruptDataError)) throw error;
        // The checksum matched, so this is a writer bug rather than disk damage: drop the note, keep the rest.
        problems.push(error.message);
        this.compactionNeeded = true;
      }
      await this.slicer.pause();
    }
    for (const [path, segment] of tombstones) segment.tombstones.add(path);
    return problems;
  }
}

function estimateBytes(note: NoteRecord, dims: number): number {
  let bytes = 200 + note.path.length * 2;
  for (const chunk of note.chunks) bytes += 64 + chunk.text.length * 1.2 + chunk.id.length + dims + 4;
  return bytes;
}
