/** Constants of the stored index layout (see segment-codec.ts and manifest-codec.ts). */

/** Bump on any change to the byte layout; a stored index of another version is rebuilt. */
export const INDEX_SCHEMA_VERSION = 1;

export const MANIFEST_KEY = 'manifest';
export const SEGMENT_PREFIX = 'seg/';
export const LEXICAL_PREFIX = 'lex/';

export const MANIFEST_MAGIC = 0x314d4d41; // "AMM1"
export const SEGMENT_MAGIC = 0x31534d41; // "AMS1"

export function segmentKey(generation: number): string {
  return `${SEGMENT_PREFIX}${generation.toString(36).padStart(8, '0')}`;
}

export function lexicalKey(snapshotId: string, part: number): string {
  return `${LEXICAL_PREFIX}${snapshotId}/${part}`;
}
