import type { BlockNode } from './block-tree';
import type { LineIndex } from './lines';
import type { CalloutCache, CalloutFold } from './types';

/**
 * A callout is a blockquote whose first line is `[!type]`, optionally followed by a fold
 * sign and a title (Obsidian Help, "Callouts"). The type is matched case-insensitively and
 * stored lower-cased; the title is kept exactly as written, '' when absent.
 */
const CALLOUT_HEAD = /^\[!([^\]\n]+)\]([+-]?)(?:[ \t]+(.*))?$/;

export interface CalloutHead {
  type: string;
  fold: CalloutFold;
  title: string;
}

export function parseCalloutHead(firstLine: string): CalloutHead | null {
  const m = CALLOUT_HEAD.exec(firstLine.trimEnd());
  if (!m) return null;
  const type = (m[1] ?? '').trim().toLowerCase();
  if (type === '') return null;
  return { type, fold: (m[2] ?? '') as CalloutFold, title: (m[3] ?? '').trim() };
}

/** The head of the callout a blockquote opens (`[!type]` on its first line), or null. */
export function calloutHeadOf(quote: BlockNode, text: string, lines: LineIndex): CalloutHead | null {
  const first = quote.children[0];
  const seg = first?.segments[0];
  if (!first || first.kind !== 'paragraph' || !seg || lines.lineAt(seg.start) !== quote.startLine) return null;
  return parseCalloutHead(text.slice(seg.start, seg.end));
}

/** The callout a blockquote opens, or null. `depth`/`parent` come from the enclosing callouts. */
export function calloutOf(quote: BlockNode, text: string, lines: LineIndex, depth: number, parent: number): CalloutCache | null {
  const head = calloutHeadOf(quote, text, lines);
  if (!head) return null;
  const callout: CalloutCache = {
    type: head.type,
    title: head.title,
    fold: head.fold,
    depth,
    position: lines.posOf(quote.start, quote.end),
    body: null,
    bodyText: '',
  };
  if (parent >= 0) callout.parent = parent;
  const body = calloutBody(quote, text, lines);
  if (body) {
    callout.body = lines.posOf(body.start, quote.end);
    callout.bodyText = body.text;
  }
  return callout;
}

/**
 * The lines after the title line with this quote's `>` marker removed; lazy continuation
 * lines (no marker) are taken from their first non-blank character; trailing blank lines
 * and trailing spaces are dropped. Null when every body line is blank.
 */
function calloutBody(quote: BlockNode, text: string, lines: LineIndex): { start: number; text: string } | null {
  const firstLine = quote.startLine + 1;
  const lastLine = lines.lineAt(quote.end);
  if (lastLine < firstLine) return null;
  const marked = new Map<number, number>();
  for (const at of quote.quoteLines ?? []) marked.set(lines.lineAt(at), at);
  const parts: string[] = [];
  let start = -1;
  for (let line = firstLine; line <= lastLine; line++) {
    let from = marked.get(line);
    if (from === undefined) {
      from = lines.lineStart(line);
      const lineEnd = lines.lineEnd(line);
      while (from < lineEnd && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
    }
    if (start === -1) start = from;
    parts.push(text.slice(from, lines.lineEnd(line)));
  }
  while (parts.length > 0 && (parts[parts.length - 1] ?? '').trim() === '') parts.pop();
  if (parts.length === 0 || start === -1) return null;
  return { start, text: parts.join('\n').trimEnd() };
}
