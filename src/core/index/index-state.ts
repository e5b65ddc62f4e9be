/**
 * The live index in memory: notes, their chunks, one vector row per embedded chunk, and the
 * lexical index. Every change is synchronous, so a search (which never awaits in between)
 * always sees whole notes, never half an update.
 */
import type { Chunk } from '../chunking/types';
import type { LexicalIndex } from './lexical/lexical-index';
import type { NoteRecord } from './types';
import type { QuantizedVector } from './vectors/quantize';
import { VectorLru } from './vectors/vector-lru';
import { VectorMatrix, type KernelChoice } from './vectors/vector-matrix';

export interface ChunkEntry {
  chunk: Chunk;
  note: NoteRecord;
  /** Row in the vector matrix, or -1 without a vector. */
  row: number;
  /** Small integer naming the note, for per-query filter masks. */
  noteOrdinal: number;
}

/** Enough for the vectors of any burst of renames or moves between two flushes. */
const ORPHAN_LIMIT = 20_000;

export class IndexState {
  /** 0 for a lexical-only index. */
  readonly dims: number;
  readonly matrix: VectorMatrix | null;
  /** Null while the lexical index is still loading or being rebuilt. */
  lexical: LexicalIndex | null = null;
  private readonly notesByPath = new Map<string, NoteRecord>();
  private readonly chunksById = new Map<string, ChunkEntry>();
  private readonly rowOwners: ChunkEntry[] = [];
  /** Live chunks with a vector, by content hash: one entry, or a list when the same text repeats. */
  private readonly byHash = new Map<string, ChunkEntry | ChunkEntry[]>();
  private readonly orphans = new VectorLru(ORPHAN_LIMIT);
  private readonly ordinals = new Map<string, number>();
  private readonly freeOrdinals: number[] = [];
  private nextOrdinal = 0;
  private changes = 0;

  constructor(dims: number, kernel: KernelChoice = 'auto') {
    this.dims = dims;
    this.matrix = dims > 0 ? new VectorMatrix(dims, { kernel }) : null;
  }

  /** Increases with every change: views re-render only when it moved. */
  get revision(): number {
    return this.changes;
  }

  get noteCount(): number {
    return this.notesByPath.size;
  }

  get chunkCount(): number {
    return this.chunksById.size;
  }

  get vectorCount(): number {
    return this.matrix?.size ?? 0;
  }

  /** Upper bound (exclusive) of note ordinals, for sizing filter masks. */
  get ordinalLimit(): number {
    return this.nextOrdinal;
  }

  notes(): IterableIterator<NoteRecord> {
    return this.notesByPath.values();
  }

  note(path: string): NoteRecord | undefined {
    return this.notesByPath.get(path);
  }

  chunk(id: string): ChunkEntry | undefined {
    return this.chunksById.get(id);
  }

  /** The chunk whose vector sits in `row`. */
  rowOwner(row: number): ChunkEntry {
    return this.rowOwners[row] as ChunkEntry;
  }

  ordinalOf(path: string): number | undefined {
    return this.ordinals.get(path);
  }

  /** A stored vector for this content hash (from a live chunk or one recently removed), or null. */
  vectorFor(hash: string): QuantizedVector | null {
    if (!this.matrix) return null;
    const live = this.byHash.get(hash);
    if (live) return this.matrix.get((Array.isArray(live) ? (live[0] as ChunkEntry) : live).row);
    return this.orphans.get(hash) ?? null;
  }

  /** Vectors of a note's chunks, in chunk order (null for chunks without one). */
  noteVectors(path: string): (QuantizedVector | null)[] {
    const note = this.notesByPath.get(path);
    if (!note) return [];
    return note.chunks.map((chunk) => {
      const entry = this.chunksById.get(chunk.id);
      return entry && entry.row >= 0 && this.matrix ? this.matrix.get(entry.row) : null;
    });
  }

  /** Adds or replaces a note. `vectors[i]` belongs to `note.chunks[i]`. */
  setNote(note: NoteRecord, vectors: readonly (QuantizedVector | null)[]): void {
    validateChunks(note);
    // Same chunks, title, aliases and language (e.g. vectors added to a note indexed for keywords
    // only): its keyword postings stay as they are, which saves re-analysing the whole note.
    const keepLexical = this.lexical !== null && this.notesByPath.has(note.path) && this.lexical.isCurrent(note);
    this.removeEntries(note.path, keepLexical);
    let ordinal = this.ordinals.get(note.path);
    if (ordinal === undefined) {
      ordinal = this.freeOrdinals.pop() ?? this.nextOrdinal++;
      this.ordinals.set(note.path, ordinal);
    }
    this.notesByPath.set(note.path, note);
    note.chunks.forEach((chunk, i) => {
      const vector = vectors[i] ?? null;
      const entry: ChunkEntry = { chunk, note, row: -1, noteOrdinal: ordinal };
      if (vector && this.matrix) {
        entry.row = this.matrix.add(vector);
        this.rowOwners[entry.row] = entry;
        const existing = this.byHash.get(chunk.hash);
        if (!existing) this.byHash.set(chunk.hash, entry);
        else if (Array.isArray(existing)) existing.push(entry);
        else this.byHash.set(chunk.hash, [existing, entry]);
      }
      this.chunksById.set(chunk.id, entry);
    });
    if (!keepLexical) this.lexical?.setNote(note);
    this.changes++;
  }

  /** Updates stat fields of a note whose content did not change. */
  touchNote(path: string, mtime: number, size: number): void {
    const note = this.notesByPath.get(path);
    if (!note) return;
    note.mtime = mtime;
    note.size = size;
  }

  removeNote(path: string): boolean {
    if (!this.notesByPath.has(path)) return false;
    this.removeEntries(path);
    const ordinal = this.ordinals.get(path);
    if (ordinal !== undefined) {
      this.ordinals.delete(path);
      this.freeOrdinals.push(ordinal);
    }
    this.changes++;
    return true;
  }

  private removeEntries(path: string, keepLexical = false): void {
    const note = this.notesByPath.get(path);
    if (!note) return;
    for (const chunk of note.chunks) {
      const entry = this.chunksById.get(chunk.id);
      if (!entry || entry.note !== note) continue;
      this.chunksById.delete(chunk.id);
      if (entry.row >= 0 && this.matrix) {
        this.orphans.set(chunk.hash, this.matrix.get(entry.row));
        const existing = this.byHash.get(chunk.hash);
        if (existing === entry) this.byHash.delete(chunk.hash);
        else if (Array.isArray(existing)) {
          existing.splice(existing.indexOf(entry), 1);
          if (existing.length === 1) this.byHash.set(chunk.hash, existing[0] as ChunkEntry);
        }
        const moved = this.matrix.remove(entry.row);
        if (moved >= 0) {
          const owner = this.rowOwners[moved] as ChunkEntry;
          owner.row = entry.row;
          this.rowOwners[entry.row] = owner;
        }
        this.rowOwners.length = this.matrix.size;
        entry.row = -1;
      }
    }
    this.notesByPath.delete(path);
    // The record it was indexed from, so its lexical postings are removed exactly.
    if (!keepLexical) this.lexical?.removeNote(path, note);
  }
}

/** Checked before any change, so a bad note leaves the index untouched. */
function validateChunks(note: NoteRecord): void {
  const ids = new Set<string>();
  for (const chunk of note.chunks) {
    if (ids.has(chunk.id)) throw new Error(`chunk id "${chunk.id}" appears twice in ${note.path}; chunk ids must be unique`);
    if (chunk.path !== note.path) throw new Error(`chunk "${chunk.id}" has path "${chunk.path}" but belongs to ${note.path}`);
    ids.add(chunk.id);
  }
}
