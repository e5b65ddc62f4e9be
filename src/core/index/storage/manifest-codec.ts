/**
 * The manifest: the root of one committed index generation. It names the model and
 * processor the index was built with, lists the live segments and lexical snapshot parts
 * with their checksums and lengths, and keeps the skipped/failed notes for the status view.
 * It is rewritten on every commit (it is small: no per-note data except skipped/failed).
 *
 *   u32 magic "AMM1" | u32 schema | string modelId | u32 dims | string processorVersion
 *   f64 generation | f64 updatedAt
 *   varint n × (string key, u32 checksum, u32 bytes)            segments, oldest first
 *   string lexicalId | varint n × (string key, u32 checksum, u32 bytes)   snapshot parts
 *   varint n × skipped (string path, u8 reason, string detail, f64 mtime, f64 size)
 *   varint n × failed (string path, string reason, f64 mtime, f64 size, f64 at)
 *   u32 checksum32 of everything before it
 */
import type { FailedNote, SkipReason, SkippedNote } from '../types';
import { ByteReader, CorruptDataError } from './byte-reader';
import { ByteWriter } from './byte-writer';
import { checksum32 } from './checksum';
import { INDEX_SCHEMA_VERSION, MANIFEST_MAGIC } from './format';

export interface StoredPart {
  key: string;
  checksum: number;
  bytes: number;
}

export interface Manifest {
  /** '' for a lexical-only index. */
  modelId: string;
  /** 0 for a lexical-only index. */
  dims: number;
  processorVersion: string;
  /** Increases with every commit; new segment keys derive from it. */
  generation: number;
  updatedAt: number;
  segments: StoredPart[];
  lexicalId: string;
  lexicalParts: StoredPart[];
  skipped: SkippedNote[];
  failed: FailedNote[];
}

const SKIP_REASONS: SkipReason[] = ['excluded', 'too-large', 'binary'];

export class SchemaMismatchError extends Error {
  constructor(readonly found: number) {
    super(`the stored index has schema version ${found}; this version of the plugin uses ${INDEX_SCHEMA_VERSION}`);
    this.name = 'SchemaMismatchError';
  }
}

export function encodeManifest(manifest: Manifest): Uint8Array {
  const out = new ByteWriter(1024);
  out.u32(MANIFEST_MAGIC);
  out.u32(INDEX_SCHEMA_VERSION);
  out.string(manifest.modelId);
  out.u32(manifest.dims);
  out.string(manifest.processorVersion);
  out.f64(manifest.generation);
  out.f64(manifest.updatedAt);
  writeParts(out, manifest.segments);
  out.string(manifest.lexicalId);
  writeParts(out, manifest.lexicalParts);
  out.varint(manifest.skipped.length);
  for (const s of manifest.skipped) {
    out.string(s.path);
    out.u8(SKIP_REASONS.indexOf(s.reason));
    out.string(s.detail);
    out.f64(s.mtime);
    out.f64(s.size);
  }
  out.varint(manifest.failed.length);
  for (const f of manifest.failed) {
    out.string(f.path);
    out.string(f.reason);
    out.f64(f.mtime);
    out.f64(f.size);
    out.f64(f.at);
  }
  out.u32(checksum32(out.peek()));
  return out.finish();
}

/** Throws `SchemaMismatchError` for another schema version, `CorruptDataError` for anything unreadable. */
export function decodeManifest(bytes: Uint8Array): Manifest {
  const key = 'manifest';
  if (bytes.length < 12) throw new CorruptDataError(`${key}: ${bytes.length} bytes is too short`);
  const bodyEnd = bytes.length - 4;
  const input = new ByteReader(bytes, key, 0, bodyEnd);
  if (input.u32() !== MANIFEST_MAGIC) throw input.error('not an index manifest');
  // The schema is checked before the checksum so that a future layout reports as "other version", not "corrupt".
  const schema = input.u32();
  if (schema !== INDEX_SCHEMA_VERSION) throw new SchemaMismatchError(schema);
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bodyEnd, true);
  if (checksum32(bytes, 0, bodyEnd) !== stored) throw new CorruptDataError(`${key}: checksum mismatch (truncated or overwritten)`);
  const modelId = input.string();
  const dims = input.u32();
  const processorVersion = input.string();
  const generation = input.f64();
  const updatedAt = input.f64();
  const segments = readParts(input);
  const lexicalId = input.string();
  const lexicalParts = readParts(input);
  const skipped: SkippedNote[] = [];
  const skippedCount = input.count(20);
  for (let i = 0; i < skippedCount; i++) {
    const path = input.string();
    const reason = SKIP_REASONS[input.u8()];
    if (!reason) throw input.error('unknown skip reason');
    skipped.push({ path, reason, detail: input.string(), mtime: input.f64(), size: input.f64() });
  }
  const failed: FailedNote[] = [];
  const failedCount = input.count(26);
  for (let i = 0; i < failedCount; i++) {
    failed.push({ path: input.string(), reason: input.string(), mtime: input.f64(), size: input.f64(), at: input.f64() });
  }
  if (input.remaining !== 0) throw input.error(`${input.remaining} unexpected trailing bytes`);
  return { modelId, dims, processorVersion, generation, updatedAt, segments, lexicalId, lexicalParts, skipped, failed };
}

function writeParts(out: ByteWriter, parts: StoredPart[]): void {
  out.varint(parts.length);
  for (const part of parts) {
    out.string(part.key);
    out.u32(part.checksum);
    out.u32(part.bytes);
  }
}

function readParts(input: ByteReader): StoredPart[] {
  const count = input.count(9);
  const parts: StoredPart[] = [];
  for (let i = 0; i < count; i++) parts.push({ key: input.string(), checksum: input.u32(), bytes: input.u32() });
  return parts;
}

/**
 * Checks bytes read for a part against what the manifest recorded. Segments carry their
 * own checksum in their last 4 bytes (which `decodeSegment` verifies against the content), so
 * for them the manifest's checksum is compared with that trailer instead of hashing twice.
 */
export function verifyPart(part: StoredPart, bytes: Uint8Array | null, checksumInTrailer: boolean): Uint8Array {
  if (!bytes) throw new CorruptDataError(`${part.key}: missing from storage`);
  if (bytes.length !== part.bytes) throw new CorruptDataError(`${part.key}: ${bytes.length} bytes, the manifest recorded ${part.bytes}`);
  const checksum = checksumInTrailer ? trailerChecksum(bytes) : checksum32(bytes);
  if (checksum !== part.checksum) throw new CorruptDataError(`${part.key}: checksum differs from the manifest's`);
  return bytes;
}

export function trailerChecksum(bytes: Uint8Array): number {
  if (bytes.length < 4) return -1;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true);
}
