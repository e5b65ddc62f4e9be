/**
 * The embedding worker's script as a Blob, built in pieces with a yield between them: turning
 * the ~6 MB inlined worker source into a Blob in one call held Obsidian's main thread for
 * ~35 ms (a long task measured while the first model loaded). A piece never ends inside a
 * UTF-16 surrogate pair, so no character is mangled.
 */
const PIECE_CHARS = 256 * 1024;

export async function scriptBlobInPieces(source: string, yieldBetween: () => Promise<void>, pieceChars = PIECE_CHARS): Promise<Blob> {
  const parts: Blob[] = [];
  for (let start = 0; start < source.length; ) {
    let end = Math.min(source.length, start + Math.max(2, pieceChars));
    const last = source.charCodeAt(end - 1);
    if (end < source.length && last >= 0xd800 && last <= 0xdbff) end++;
    parts.push(new Blob([source.slice(start, end)]));
    start = end;
    if (start < source.length) await yieldBetween();
  }
  return new Blob(parts, { type: 'text/javascript' });
}
