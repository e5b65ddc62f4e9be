/**
 * A fast 32-bit checksum of stored parts (MurmurHash3 x86_32 over little-endian words): it
 * detects truncated, overwritten or garbled segments, which is all it is for (it is not a
 * defence against deliberate tampering). CRC-32 was the first choice, but every segment is
 * checked on every load and CRC-32 cost ~38 ms on the 28 MB of the hub vault's index even
 * sliced by 8; this costs ~9 ms.
 */
export function checksum32(bytes: Uint8Array, start = 0, end = bytes.length, seed = 0x9747b28c): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h = seed | 0;
  let i = start;
  const wordsEnd = start + ((end - start) & ~3);
  for (; i < wordsEnd; i += 4) {
    let k = view.getUint32(i, true);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = end - i;
  if (rest > 0) {
    let tail = 0;
    if (rest === 3) tail ^= (bytes[i + 2] as number) << 16;
    if (rest >= 2) tail ^= (bytes[i + 1] as number) << 8;
    tail ^= bytes[i] as number;
    tail = Math.imul(tail, 0xcc9e2d51);
    tail = (tail << 15) | (tail >>> 17);
    tail = Math.imul(tail, 0x1b873593);
    h ^= tail;
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
