/** Splits text into candidate words for the lexical index. */

// Letters and digits of any script; everything else (punctuation, Markdown, emoji) separates words.
const WORD = /[\p{L}\p{N}]+(?:[\p{M}]+[\p{L}\p{N}]*)*/gu;

/** Longer "words" are hashes, base64 or URLs fragments: noise that would bloat the index. */
export const MAX_WORD_LENGTH = 40;

/**
 * Words in order, as written (case and accents kept, so callers decide how to normalise).
 * Single letters are dropped (they carry no meaning on their own); single digits are kept.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (word.length > MAX_WORD_LENGTH) continue;
    if (word.length === 1 && !/\p{N}/u.test(word)) continue;
    words.push(word);
  }
  return words;
}
