import { webCrypto } from './globals';

/**
 * Content digests the Hugging Face Hub publishes, computed with WebCrypto (available in
 * Node ≥ 20, browsers, workers and Obsidian's app:// origin, which is a secure context).
 */

/** Hex SHA-256 of the bytes: what the Hub lists as the LFS oid / `x-linked-etag`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** Git blob id (SHA-1 of `blob <size>\0<bytes>`): the Hub's etag/oid for small non-LFS files. */
export async function gitBlobSha1Hex(bytes: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.byteLength}\u0000`);
  const all = new Uint8Array(header.byteLength + bytes.byteLength);
  all.set(header, 0);
  all.set(bytes, header.byteLength);
  return toHex(await subtle().digest('SHA-1', all));
}

function subtle(): SubtleCrypto {
  const s = webCrypto()?.subtle;
  if (!s) throw new Error('WebCrypto is not available here, so downloaded model files cannot be verified.');
  return s;
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}
