/** Line boundaries of a text, so chunks can be cut by line numbers as Obsidian's sections are. */
export interface LineIndex {
  /** Offset of the first character of each line. */
  starts: number[];
  /** Offset just past the last character of each line, excluding `\r\n` / `\n`. */
  ends: number[];
}

export function buildLineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      ends.push(i > 0 && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
      starts.push(i + 1);
    }
  }
  ends.push(text.length);
  return { starts, ends };
}
