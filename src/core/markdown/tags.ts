/**
 * Obsidian's tag alphabet. A tag is `#` then one or more characters outside
 * U+2000–U+206F (general punctuation, which includes zero-width spaces), U+2E00–U+2E7F,
 * JavaScript's `\s`, and the ASCII set  '!"#$%&()*+,.:;<=>?@^`{|}~[]\  ; and it may not be
 * all digits (`#1984` is not a tag, `#y1984` is). This is the pattern shipped in
 * Obsidian's app.js (quoted in obsidianmd/obsidian-help#816), and the oracle agrees: `#foo:x`
 * tags `#foo`, accents and emoji are kept, `#3344:` is no tag.
 */
const EXCLUDED_ASCII = new Set("'!\"#$%&()*+,.:;<=>?@^`{|}~[]\\".split('').map((c) => c.charCodeAt(0)));

export function isTagChar(c: number): boolean {
  if (c < 128) return c !== 32 && !(c >= 9 && c <= 13) && !EXCLUDED_ASCII.has(c);
  if (c >= 0x2000 && c <= 0x206f) return false;
  if (c >= 0x2e00 && c <= 0x2e7f) return false;
  return !isJsWhitespace(c);
}

/** JavaScript's `\s` beyond ASCII (U+2000–U+200A, U+2028/9, U+205F sit in the excluded range already). */
function isJsWhitespace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || c === 0x202f || c === 0x3000 || c === 0xfeff;
}

/** End of the tag body starting at `from` (just after `#`), or `from` when there is none. */
export function tagBodyEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && isTagChar(text.charCodeAt(j))) j++;
  return j;
}

/** True when `body` could follow `#` as a whole tag: non-empty, tag characters only, not all digits. */
export function isValidTagBody(body: string): boolean {
  if (body.length === 0 || tagBodyEnd(body, 0) !== body.length) return false;
  return !/^[0-9]+$/.test(body);
}

/**
 * Frontmatter tags as Obsidian's `parseFrontMatterTags` reads them: the first key named
 * `tags` in any case (the singular `tag` is no longer read, Obsidian 1.9+); a string value
 * is ONE tag, so `tags: a, b` is the single invalid tag "a, b" and yields nothing (the oracle's
 * `yaml_tags_with_two_values_on_one_line`); an array contributes its string items. Items are
 * trimmed, empty ones and ones holding a space are dropped, and `#` is prefixed.
 * Returns null when there is no `tags` key (Obsidian returns null too).
 */
export function frontmatterTags(frontmatter: Record<string, unknown> | undefined): string[] | null {
  if (!frontmatter) return null;
  const key = Object.keys(frontmatter).find((k) => /^tags$/i.test(k));
  if (key === undefined) return null;
  const value = frontmatter[key];
  let raw: string[];
  if (typeof value === 'string') raw = [value.trim()];
  else if (Array.isArray(value)) raw = value.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
  else return value === null || value === undefined ? null : [];
  return raw.filter((t) => t !== '' && !t.includes(' ')).map((t) => (t.startsWith('#') ? t : `#${t}`));
}
