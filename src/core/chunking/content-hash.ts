/**
 * A fast, synchronous 64-bit content hash (two independent 32-bit lanes of a
 * murmur-style mix), rendered as 16 hex characters. It must be synchronous and pure
 * because it runs in the worker, the CLI and the UI thread alike, where WebCrypto is
 * async or absent. It identifies content, it is not a security boundary.
 */
export function contentHash(text: string): string {
  let h1 = 0x9e3779b9 ^ text.length;
  let h2 = 0x85ebca6b ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    h2 = Math.imul(h2 ^ c, 0x1b873593);
    h2 = (h2 << 13) | (h2 >>> 19);
    h2 = (Math.imul(h2, 5) + 0xe6546b64) | 0;
  }
  h1 ^= h2 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 ^= h1 >>> 15;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x7feb352d);
  return hex8(h1) + hex8(h2);
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
