import type { ParseWarning } from './types';

/** Notes above this many UTF-8 bytes are cut to a prefix (the CLI and worker pass their own limit). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The part of `text` that will be parsed: all of it, or, above `maxBytes`, the longest
 * prefix of whole lines that fits, with a `too-large` warning. Offsets in the prefix are
 * offsets in the original, so positions stay valid for the caller's string.
 */
export function limitInput(text: string, maxBytes: number, warnings: ParseWarning[]): string {
  const limit = Number.isFinite(maxBytes) && maxBytes >= 0 ? Math.floor(maxBytes) : DEFAULT_MAX_BYTES;
  // Each UTF-16 unit is at least one UTF-8 byte and at most three, so most notes skip the count.
  if (text.length * 3 <= limit) return text;
  const fits = utf8PrefixLength(text, limit);
  if (fits === text.length) return text;
  let cut = Math.max(text.lastIndexOf('\n', fits - 1), text.lastIndexOf('\r', fits - 1)) + 1;
  if (cut <= 0) cut = fits;
  warnings.push({
    code: 'too-large',
    message: `Note is larger than ${limit} bytes; only its first ${cut} characters were parsed.`,
    line: 0,
  });
  return text.slice(0, cut);
}

/** Number of leading UTF-16 units whose UTF-8 encoding fits in `limit` bytes (never splits a surrogate pair). */
function utf8PrefixLength(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let size: number;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      size = 4;
      units = 2;
    } else size = 3;
    if (bytes + size > limit) return i;
    bytes += size;
    i += units - 1;
  }
  return text.length;
}

/**
 * Binary data read as text: NUL bytes, or mostly control / replacement characters, in the
 * first 64 KiB. Such a "note" is still parsed (best effort, it never throws), but callers
 * learn why its links and tags are junk.
 */
export function binaryWarning(text: string): ParseWarning | null {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.length === 0) return null;
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return { code: 'binary', message: 'Note contains NUL bytes: it looks like binary data, parsed as text anyway.', line: 0 };
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) suspicious++;
  }
  if (suspicious > 8 && suspicious / sample.length > 0.1) {
    return { code: 'binary', message: 'Note is mostly control or undecodable characters: it looks like binary data, parsed as text anyway.', line: 0 };
  }
  return null;
}
