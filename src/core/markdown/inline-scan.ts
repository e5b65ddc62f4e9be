import { AUTOLINK, INLINE_HTML_TAG } from './html-syntax';
import { isValidTagBody, tagBodyEnd } from './tags';
import { TextFinder } from './text-finder';

/**
 * One left-to-right pass over a block's inline text (paragraph, heading or table row,
 * container markers already stripped and lines joined by `\n`). It finds what Obsidian's
 * cache records (wikilinks, Markdown links and images, tags) and our highlights, and it
 * steps over what hides them: code spans, `$` math, HTML comments and tags, autolinks,
 * bare URLs and backslash escapes.
 *
 * Precedence is CommonMark's: the construct that starts first wins, code spans and raw
 * HTML bind tighter than link brackets, and a link cannot contain a link. `%%` comments are
 * transparent here on purpose: Obsidian's metadata keeps the tags and links inside an
 * inline `%% ... %%` (oracle `comments_markdown_style`); only our highlights skip them.
 *
 * Every search goes through {@link TextFinder}, so the pass stays linear on hostile input
 * (unclosed `[[`, lone backticks, megabyte runs of `=` or `$`).
 */
export interface RawWikilink {
  start: number;
  end: number;
  embed: boolean;
}

export interface RawMarkdownLink {
  start: number;
  end: number;
  embed: boolean;
  /** The bracketed text, raw. */
  text: string;
  /** The destination as written (angle brackets removed, not yet unescaped or decoded). */
  destination: string;
}

export interface RawSpan {
  start: number;
  end: number;
}

export interface InlineFindings {
  wikilinks: RawWikilink[];
  markdownLinks: RawMarkdownLink[];
  /** `[start, end)` of `#tag`. */
  tags: RawSpan[];
  /** `[start, end)` including both `==` markers. */
  highlights: RawSpan[];
}

interface Bracket {
  pos: number;
  image: boolean;
  active: boolean;
  textStart: number;
}

/** Nesting limit for parentheses in a link destination (CommonMark lets implementations cap it). */
const MAX_PAREN_DEPTH = 32;

export function scanInline(s: string, tableRow = false): InlineFindings {
  const out: InlineFindings = { wikilinks: [], markdownLinks: [], tags: [], highlights: [] };
  const n = s.length;
  const finder = new TextFinder(s);
  const brackets: Bracket[] = [];
  const comments: RawSpan[] = [];
  let mathClosers: number[] | null = null;
  let mathCursor = 0;
  /** Where the current run of plain text began: a tag may start there even without a space before it. */
  let chunkStart = 0;
  let highlightOpen = -1;
  /** The `%%` that closes the open inline comment: it must not open another one. */
  let commentClose = -1;
  let i = 0;

  while (i < n) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 92: {
        // \ escapes ASCII punctuation; the escaped character is plain text.
        if (i + 1 < n && isAsciiPunctuation(s.charCodeAt(i + 1))) {
          i += 2;
          chunkStart = i;
        } else i++;
        continue;
      }
      case 96: {
        const runEnd = runEndOf(s, i, 96);
        const close = finder.nextBacktickRun(runEnd - i, runEnd);
        i = close === -1 ? runEnd : close + (runEnd - i);
        if (close !== -1) chunkStart = i;
        continue;
      }
      case 36: {
        if (s.charCodeAt(i + 1) === 36) {
          const close = finder.next('$$', i + 2);
          if (close > i + 2) {
            i = close + 2;
            chunkStart = i;
          } else i += 2;
          continue;
        }
        const next = s.charCodeAt(i + 1);
        if (i + 1 < n && !isWhitespace(next)) {
          mathClosers ??= inlineMathClosers(s);
          while (mathCursor < mathClosers.length && (mathClosers[mathCursor] ?? 0) <= i) mathCursor++;
          const close = mathClosers[mathCursor];
          if (close !== undefined) {
            i = close + 1;
            chunkStart = i;
            continue;
          }
        }
        i++;
        continue;
      }
      case 60: {
        const end = rawHtmlOrAutolinkEnd(s, i, finder);
        if (end > i) {
          i = end;
          chunkStart = i;
        } else i++;
        continue;
      }
      case 33:
      case 91: {
        const image = c === 33;
        if (image && s.charCodeAt(i + 1) !== 91) {
          i++;
          continue;
        }
        const open = image ? i + 1 : i;
        if (s.charCodeAt(open + 1) === 91) {
          const end = wikilinkEnd(s, open, finder);
          if (end !== -1) {
            out.wikilinks.push({ start: i, end, embed: image });
            i = end;
            chunkStart = i;
            continue;
          }
        }
        brackets.push({ pos: i, image, active: true, textStart: open + 1 });
        i = open + 1;
        chunkStart = i;
        continue;
      }
      case 93: {
        const opener = brackets.pop();
        if (opener?.active && s.charCodeAt(i + 1) === 40) {
          const tail = linkTail(s, i + 2, finder);
          if (tail) {
            out.markdownLinks.push({
              start: opener.pos,
              end: tail.end,
              embed: opener.image,
              text: s.slice(opener.textStart, i),
              destination: tail.destination,
            });
            if (!opener.image) for (const b of brackets) if (!b.image) b.active = false;
            i = tail.end;
            chunkStart = i;
            continue;
          }
        }
        i++;
        continue;
      }
      case 35: {
        if (i === chunkStart || isWhitespace(s.charCodeAt(i - 1))) {
          const end = tagBodyEnd(s, i + 1);
          if (end > i + 1 && isValidTagBody(s.slice(i + 1, end))) {
            out.tags.push({ start: i, end });
            i = end;
            continue;
          }
        }
        i++;
        continue;
      }
      case 61: {
        const runEnd = runEndOf(s, i, 61);
        if (runEnd - i === 2) {
          if (highlightOpen !== -1 && !isWhitespace(s.charCodeAt(i - 1)) && i > highlightOpen + 2) {
            out.highlights.push({ start: highlightOpen, end: i + 2 });
            highlightOpen = -1;
            i += 2;
            chunkStart = i;
            continue;
          }
          if (highlightOpen === -1 && i + 2 < n && !isWhitespace(s.charCodeAt(i + 2))) {
            highlightOpen = i;
            i += 2;
            chunkStart = i;
            continue;
          }
        }
        i = runEnd;
        continue;
      }
      case 42:
      case 95:
      case 126: {
        // An emphasis/strike delimiter that can open starts a new text chunk (`**#tag**`).
        const runEnd = runEndOf(s, i, c);
        if (i === 0 || i === chunkStart || isWhitespace(s.charCodeAt(i - 1)) || isAsciiPunctuation(s.charCodeAt(i - 1))) chunkStart = runEnd;
        i = runEnd;
        continue;
      }
      case 37: {
        if (s.charCodeAt(i + 1) === 37) {
          if (i !== commentClose) {
            const close = finder.next('%%', i + 2);
            comments.push({ start: i, end: close === -1 ? n : close + 2 });
            commentClose = close;
          }
          i += 2;
          continue;
        }
        i++;
        continue;
      }
      case 124: {
        if (tableRow) {
          // A cell boundary: nothing inline crosses it.
          highlightOpen = -1;
          brackets.length = 0;
          chunkStart = i + 1;
        }
        i++;
        continue;
      }
      case 104:
      case 119: {
        if (i === 0 || isWhitespace(s.charCodeAt(i - 1)) || '*_~('.includes(s.charAt(i - 1))) {
          const end = bareUrlEnd(s, i);
          if (end > i) {
            i = end;
            continue;
          }
        }
        i++;
        continue;
      }
      default:
        i++;
    }
  }
  if (comments.length > 0) out.highlights = withoutCommented(out.highlights, comments);
  return out;
}

/** End of a `[[...]]` starting at `open` (the first `[`), or -1: non-empty and on one line. */
export function wikilinkEnd(s: string, open: number, finder: TextFinder): number {
  const close = finder.next(']]', open + 2);
  if (close === -1 || close === open + 2) return -1;
  const newline = finder.next('\n', open + 2);
  if (newline !== -1 && newline < close) return -1;
  return close + 2;
}

/** Parses `destination "title")` after `](`; CommonMark's inline link tail. */
function linkTail(s: string, from: number, finder: TextFinder): { destination: string; end: number } | null {
  const n = s.length;
  let p = skipLinkSpace(s, from);
  let destination: string;
  if (s.charCodeAt(p) === 60) {
    let q = p + 1;
    while (q < n) {
      const ch = s.charCodeAt(q);
      if (ch === 62) break;
      if (ch === 10 || ch === 60) return null;
      q += ch === 92 ? 2 : 1;
    }
    if (s.charCodeAt(q) !== 62) return null;
    destination = s.slice(p + 1, q);
    p = q + 1;
  } else {
    let q = p;
    let depth = 0;
    while (q < n) {
      const ch = s.charCodeAt(q);
      if (ch === 92 && q + 1 < n && isAsciiPunctuation(s.charCodeAt(q + 1))) {
        q += 2;
        continue;
      }
      if (ch === 40) {
        if (++depth > MAX_PAREN_DEPTH) return null;
      } else if (ch === 41) {
        if (depth === 0) break;
        depth--;
      } else if (ch <= 32 || ch === 127) break;
      q++;
    }
    if (depth !== 0) return null;
    destination = s.slice(p, q);
    p = q;
  }
  const beforeTitle = p;
  p = skipLinkSpace(s, p);
  if (s.charCodeAt(p) === 41) return { destination, end: p + 1 };
  const quote = s.charAt(p);
  if (p === beforeTitle || (quote !== '"' && quote !== "'" && quote !== '(')) return null;
  const closer = quote === '(' ? ')' : quote;
  let q = p + 1;
  for (;;) {
    q = finder.next(closer, q);
    if (q === -1) return null;
    if (!isEscaped(s, q)) break;
    q++;
  }
  p = skipLinkSpace(s, q + 1);
  return s.charCodeAt(p) === 41 ? { destination, end: p + 1 } : null;
}

function skipLinkSpace(s: string, p: number): number {
  let newlines = 0;
  for (;;) {
    const ch = s.charCodeAt(p);
    if (ch === 32 || ch === 9) p++;
    else if (ch === 10 && newlines === 0) {
      newlines++;
      p++;
    } else return p;
  }
}

function isEscaped(s: string, at: number): boolean {
  let k = at - 1;
  let slashes = 0;
  while (k >= 0 && s.charCodeAt(k) === 92) {
    slashes++;
    k--;
  }
  return slashes % 2 === 1;
}

/** End of inline raw HTML, an HTML comment or an autolink starting at `<`, or -1. */
function rawHtmlOrAutolinkEnd(s: string, i: number, finder: TextFinder): number {
  if (s.startsWith('<!--', i)) {
    if (s.startsWith('<!-->', i)) return i + 5;
    if (s.startsWith('<!--->', i)) return i + 6;
    const close = finder.next('-->', i + 4);
    return close === -1 ? -1 : close + 3;
  }
  if (s.startsWith('<?', i)) {
    const close = finder.next('?>', i + 2);
    return close === -1 ? -1 : close + 2;
  }
  if (s.startsWith('<![CDATA[', i)) {
    const close = finder.next(']]>', i + 9);
    return close === -1 ? -1 : close + 3;
  }
  if (s.startsWith('<!', i) && /[A-Za-z]/.test(s.charAt(i + 2))) {
    const close = finder.next('>', i + 2);
    return close === -1 ? -1 : close + 1;
  }
  AUTOLINK.lastIndex = i;
  if (AUTOLINK.test(s)) return AUTOLINK.lastIndex;
  INLINE_HTML_TAG.lastIndex = i;
  if (INLINE_HTML_TAG.test(s)) return INLINE_HTML_TAG.lastIndex;
  return -1;
}

/**
 * Positions of `$` that can close inline math: not escaped, not after whitespace, not
 * before a digit (so "$5 and $10" is no math), not part of `$$`. Computed once per text.
 */
function inlineMathClosers(s: string): number[] {
  const closers: number[] = [];
  for (let i = s.indexOf('$'); i !== -1; i = s.indexOf('$', i + 1)) {
    if (i === 0 || s.charCodeAt(i + 1) === 36 || s.charCodeAt(i - 1) === 36) continue;
    if (isWhitespace(s.charCodeAt(i - 1)) || isEscaped(s, i)) continue;
    const next = s.charCodeAt(i + 1);
    if (next >= 48 && next <= 57) continue;
    closers.push(i);
  }
  return closers;
}

/** GFM's bare URL literal (`https://...`, `www.`): up to whitespace or `<`, minus trailing punctuation. */
function bareUrlEnd(s: string, i: number): number {
  let body: number;
  if (s.startsWith('https://', i)) body = i + 8;
  else if (s.startsWith('http://', i)) body = i + 7;
  else if (s.startsWith('www.', i)) body = i + 4;
  else return -1;
  let j = body;
  while (j < s.length && !isWhitespace(s.charCodeAt(j)) && s.charCodeAt(j) !== 60) j++;
  while (j > body && '?!.,:*_~=\'"'.includes(s.charAt(j - 1))) j--;
  if (s.charAt(j - 1) === ')') {
    let balance = 0;
    for (let k = body; k < j; k++) {
      const ch = s.charAt(k);
      if (ch === '(') balance++;
      else if (ch === ')') balance--;
    }
    if (balance < 0) j--;
  }
  return j > body ? j : -1;
}

/** Drops spans that start inside a comment; both lists are in text order. */
function withoutCommented(spans: RawSpan[], comments: RawSpan[]): RawSpan[] {
  const kept: RawSpan[] = [];
  let k = 0;
  for (const h of spans) {
    while (k < comments.length && (comments[k]?.end ?? 0) <= h.start) k++;
    const c = comments[k];
    if (!c || h.start < c.start) kept.push(h);
  }
  return kept;
}

function runEndOf(s: string, i: number, c: number): number {
  let j = i;
  while (s.charCodeAt(j) === c) j++;
  return j;
}

export function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

export function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
