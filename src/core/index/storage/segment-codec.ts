/**
 * One segment: a batch of note records (metadata, chunks, int8 vectors) and tombstones,
 * written by one flush. Later segments override earlier ones per path; a full note record
 * replaces any earlier one. Layout (little-endian):
 *
 *   u32 magic "AMS1" | u32 schema | u32 dims (0 = no vectors) | varint records
 *   record: u8 kind (1 note, 2 tombstone) | string path | varint body length | body (note-body.ts)
 *   u32 checksum32 of everything before it
 *
 * Strings are varint byte length + UTF-8. Vectors are `dims` int8 values + f32 scale. The
 * body length lets a load skip superseded records without decoding them (`scanSegment`).
 */
import type { Chunk, ChunkKind } from '../../chunking/types';
import type { StemLanguage } from '../../text/language';
import type { NoteRecord } from '../types';
import type { QuantizedVector } from '../vectors/quantize';
import { ByteReader, CorruptDataError } from './byte-reader';
import { ByteWriter } from './byte-writer';
import { NoteBodyReader, NoteBodyWriter } from './note-body';
import { checksum32 } from './checksum';
import { INDEX_SCHEMA_VERSION, SEGMENT_MAGIC } from './format';

export type SegmentRecord =
  | { kind: 'note'; note: NoteRecord; vectors: (QuantizedVector | null)[] }
  | { kind: 'tombstone'; path: string };

const NOTE = 1;
const TOMBSTONE = 2;
const KINDS: ChunkKind[] = ['definition', 'callout', 'section'];
const LANGUAGES: StemLanguage[] = ['pt', 'en', 'both'];
const HAS_CALLOUT = 1;
const HAS_BLOCK_ID = 2;
const HAS_VECTOR = 4;

export function encodeSegment(records: Iterable<SegmentRecord>, dims: number): Uint8Array {
  const list = [...records];
  const out = segmentHeader(list.length, dims);
  for (const record of list) writeRecord(out, record, dims);
  return segmentTrailer(out);
}

/**
 * `encodeSegment` with `pause()` between records, so a large segment (a merge writes tens of
 * MB on a big vault) is encoded in slices (see time-slicer.ts). Same bytes.
 */
export async function encodeSegmentSliced(records: readonly SegmentRecord[], dims: number, pause: () => Promise<void>): Promise<Uint8Array> {
  const out = segmentHeader(records.length, dims);
  for (const record of records) {
    writeRecord(out, record, dims);
    await pause();
  }
  return segmentTrailer(out);
}

function segmentHeader(records: number, dims: number): ByteWriter {
  const out = new ByteWriter(64 * 1024);
  out.u32(SEGMENT_MAGIC);
  out.u32(INDEX_SCHEMA_VERSION);
  out.u32(dims);
  out.varint(records);
  return out;
}

function writeRecord(out: ByteWriter, record: SegmentRecord, dims: number): void {
  if (record.kind === 'tombstone') {
    out.u8(TOMBSTONE);
    out.string(record.path);
  } else {
    out.u8(NOTE);
    out.string(record.note.path);
    const body = new NoteBodyWriter();
    writeNote(body, record.note, record.vectors, dims);
    body.writeTo(out);
  }
}

function segmentTrailer(out: ByteWriter): Uint8Array {
  out.u32(checksum32(out.peek()));
  return out.finish();
}

function writeNote(out: NoteBodyWriter, note: NoteRecord, vectors: (QuantizedVector | null)[], dims: number): void {
  out.f64(note.mtime);
  out.f64(note.size);
  out.string(note.contentHash);
  out.string(note.meta.title);
  out.strings(note.meta.aliases);
  out.strings(note.meta.tags);
  out.strings(note.meta.links);
  out.varint(note.meta.warnings.length);
  for (const warning of note.meta.warnings) {
    out.string(warning.code);
    out.string(warning.message);
    out.varint(warning.line === undefined ? 0 : warning.line + 1);
  }
  out.u8(LANGUAGES.indexOf(note.language));
  out.f64(note.indexedAt);
  out.string(note.processor);
  out.varint(note.chunks.length);
  note.chunks.forEach((chunk, i) => writeChunk(out, chunk, dims > 0 ? (vectors[i] ?? null) : null, dims));
}

function writeChunk(out: NoteBodyWriter, chunk: Chunk, vector: QuantizedVector | null, dims: number): void {
  out.string(chunk.id);
  out.string(chunk.hash);
  out.u8(KINDS.indexOf(chunk.kind));
  out.strings(chunk.headingTrail);
  out.varint(chunk.startLine);
  out.varint(chunk.endLine);
  out.string(chunk.text);
  out.strings(chunk.links);
  out.strings(chunk.embeds);
  out.strings(chunk.highlights);
  out.u8((chunk.callout ? HAS_CALLOUT : 0) | (chunk.blockId !== undefined ? HAS_BLOCK_ID : 0) | (vector ? HAS_VECTOR : 0));
  if (chunk.callout) {
    out.string(chunk.callout.type);
    out.string(chunk.callout.title);
  }
  if (chunk.blockId !== undefined) out.string(chunk.blockId);
  out.varint(chunk.tokens);
  if (vector) {
    out.f32(vector.scale);
    out.raw(new Uint8Array(vector.values.buffer, vector.values.byteOffset, dims));
  }
}

/** Where one record sits in a segment, found without decoding it. */
export interface RecordLocation {
  kind: 'note' | 'tombstone';
  path: string;
  /** Body range (notes only). */
  start: number;
  end: number;
}

export interface ScannedSegment {
  bytes: Uint8Array;
  key: string;
  /** Dimensions of the vectors in this segment (0: none). */
  dims: number;
  records: RecordLocation[];
}

/**
 * Verifies a segment (checksum, magic, schema, dims) and lists its records. `dims` is the
 * index's vector size; a segment written without vectors (dims 0: before any model was
 * available) is accepted too. Throws `CorruptDataError` naming the key and the cause.
 */
export function scanSegment(bytes: Uint8Array, key: string, dims: number): ScannedSegment {
  if (bytes.length < 16) throw new CorruptDataError(`${key}: ${bytes.length} bytes is too short for a segment`);
  const bodyEnd = bytes.length - 4;
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bodyEnd, true);
  if (checksum32(bytes, 0, bodyEnd) !== stored) throw new CorruptDataError(`${key}: checksum mismatch (truncated or overwritten)`);
  const input = new ByteReader(bytes, key, 0, bodyEnd);
  if (input.u32() !== SEGMENT_MAGIC) throw input.error('not an index segment');
  const schema = input.u32();
  if (schema !== INDEX_SCHEMA_VERSION) throw input.error(`schema version ${schema}, expected ${INDEX_SCHEMA_VERSION}`);
  const storedDims = input.u32();
  if (storedDims !== 0 && storedDims !== dims) throw input.error(`vectors have ${storedDims} dimensions, expected ${dims}`);
  const count = input.count(2);
  const records: RecordLocation[] = [];
  for (let i = 0; i < count; i++) {
    const kind = input.u8();
    const path = input.string();
    if (kind === TOMBSTONE) {
      records.push({ kind: 'tombstone', path, start: 0, end: 0 });
    } else if (kind === NOTE) {
      const length = input.varint();
      const start = input.position;
      input.raw(length);
      records.push({ kind: 'note', path, start, end: start + length });
    } else {
      throw input.error(`unknown record kind ${kind}`);
    }
  }
  if (input.remaining !== 0) throw input.error(`${input.remaining} unexpected trailing bytes`);
  return { bytes, key, dims: storedDims, records };
}

/** Decodes one note record found by `scanSegment`. Vector values are views into the segment's bytes. */
export function decodeNote(segment: ScannedSegment, record: RecordLocation): { note: NoteRecord; vectors: (QuantizedVector | null)[] } {
  const input = new NoteBodyReader(segment.bytes, segment.key, record.start, record.end);
  const decoded = readNote(input, record.path, segment.dims);
  input.finish(`note ${record.path}`);
  return decoded;
}

/** Decodes a whole segment (all records, superseded or not). */
export function decodeSegment(bytes: Uint8Array, key: string, dims: number): SegmentRecord[] {
  const segment = scanSegment(bytes, key, dims);
  return segment.records.map((record): SegmentRecord =>
    record.kind === 'tombstone' ? { kind: 'tombstone', path: record.path } : { kind: 'note', ...decodeNote(segment, record) },
  );
}

function readNote(input: NoteBodyReader, path: string, dims: number): { note: NoteRecord; vectors: (QuantizedVector | null)[] } {
  const mtime = input.f64();
  const size = input.f64();
  const contentHash = input.string();
  const title = input.string();
  const aliases = input.strings();
  const tags = input.strings();
  const links = input.strings();
  const warningCount = input.count(3);
  const warnings = [];
  for (let i = 0; i < warningCount; i++) {
    const code = input.string();
    const message = input.string();
    const line = input.varint();
    warnings.push(line === 0 ? { code, message } : { code, message, line: line - 1 });
  }
  const language = LANGUAGES[input.u8()];
  if (!language) throw input.error('unknown language code');
  const indexedAt = input.f64();
  const processor = input.string();
  const chunkCount = input.count(8);
  const chunks: Chunk[] = [];
  const vectors: (QuantizedVector | null)[] = [];
  for (let i = 0; i < chunkCount; i++) {
    const [chunk, vector] = readChunk(input, path, dims);
    chunks.push(chunk);
    vectors.push(vector);
  }
  const note: NoteRecord = { path, mtime, size, contentHash, meta: { title, aliases, tags, links, warnings }, language, indexedAt, processor, chunks };
  return { note, vectors };
}

function readChunk(input: NoteBodyReader, path: string, dims: number): [Chunk, QuantizedVector | null] {
  const id = input.string();
  const hash = input.string();
  const kind = KINDS[input.u8()];
  if (!kind) throw input.error('unknown chunk kind');
  const headingTrail = input.strings();
  const startLine = input.varint();
  const endLine = input.varint();
  const text = input.string();
  const links = input.strings();
  const embeds = input.strings();
  const highlights = input.strings();
  const flags = input.u8();
  const chunk: Chunk = { id, path, hash, kind, headingTrail, startLine, endLine, text, links, embeds, highlights, tokens: 0 };
  if (flags & HAS_CALLOUT) chunk.callout = { type: input.string(), title: input.string() };
  if (flags & HAS_BLOCK_ID) chunk.blockId = input.string();
  chunk.tokens = input.varint();
  let vector: QuantizedVector | null = null;
  if (flags & HAS_VECTOR) {
    if (dims === 0) throw input.error('vector in a segment without vectors');
    const scale = input.f32();
    const raw = input.raw(dims);
    vector = { scale, values: new Int8Array(raw.buffer, raw.byteOffset, dims) };
  }
  return [chunk, vector];
}
