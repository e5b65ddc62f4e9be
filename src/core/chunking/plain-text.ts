import type { NoteDoc } from '../markdown/types';
import type { LineIndex } from './line-index';

/**
 * Turns the Markdown of some lines into the plain text that is embedded and indexed.
 * Links become their display text, embeds disappear (their target's text is not inlined;
 * the link is recorded on the chunk instead), highlight and emphasis markers go, and so do
 * blockquote/callout markers, heading hashes, fences and block ids. Positions come from the
 * parsed NoteDoc, so syntax inside code is never mistaken for a link.
 */
interface Edit {
  start: number;
  end: number;
  replacement: string;
}

export function collectEdits(doc: NoteDoc): Edit[] {
  const edits: Edit[] = [];
  for (const link of doc.links) {
    const display = link.displayText ?? link.link;
    edits.push({ start: link.position.start.offset, end: link.position.end.offset, replacement: display.replace(/ > /g, ' ') });
  }
  for (const embed of doc.embeds) edits.push({ start: embed.position.start.offset, end: embed.position.end.offset, replacement: '' });
  for (const h of doc.highlights) {
    const { start, end } = h.position;
    edits.push({ start: start.offset, end: start.offset + 2, replacement: '' });
    edits.push({ start: end.offset - 2, end: end.offset, replacement: '' });
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return edits;
}

/** Applies the edits that fall entirely inside [from, to) to that slice of the text. */
function applyEdits(text: string, from: number, to: number, edits: Edit[]): string {
  let out = '';
  let cursor = from;
  let i = lowerBound(edits, from);
  for (; i < edits.length; i++) {
    const edit = edits[i]!;
    if (edit.start >= to) break;
    if (edit.start < cursor || edit.end > to) continue;
    out += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return out + text.slice(cursor, to);
}

function lowerBound(edits: Edit[], offset: number): number {
  let lo = 0;
  let hi = edits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edits[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const MATH_FENCE = /^\s*\$\$\s*$/;
const QUOTE_MARKERS = /^(\s{0,3}>\s?)+/;
const CALLOUT_HEAD = /^\[!([^\]]*)\][+-]?\s*/;
const HEADING = /^\s{0,3}#{1,6}\s+/;
const BLOCK_ID = /\s\^[A-Za-z0-9-]+\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const COMMENT = /%%[^]*?%%/g;

/** Cleans one line of Markdown (after link edits) into plain text. */
export function cleanLine(line: string): string {
  if (FENCE.test(line) || MATH_FENCE.test(line) || TABLE_RULE.test(line)) return '';
  let s = line.replace(QUOTE_MARKERS, '');
  s = s.replace(CALLOUT_HEAD, '');
  s = s.replace(HEADING, '');
  s = s.replace(BLOCK_ID, '');
  s = s.replace(/\*\*|__|~~/g, '');
  s = s.replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2');
  s = s.replace(/`+([^`]*)`+/g, '$1');
  if (/^\s*\|.*\|\s*$/.test(s)) s = s.trim().slice(1, -1).split('|').map((c) => c.trim()).join(' ; ');
  return s.trimEnd();
}

/**
 * Plain text of the given lines. `lines` must be sorted; consecutive blank results are
 * collapsed so paragraph breaks survive as single blank lines.
 */
export function plainTextOfLines(text: string, lineIndex: LineIndex, lines: number[], edits: Edit[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    // Edits are applied over runs of consecutive lines so multi-line spans are handled together.
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    const from = lineIndex.starts[lines[i]!]!;
    const to = lineIndex.ends[lines[j]!]!;
    const slice = applyEdits(text, from, to, edits).replace(COMMENT, '');
    for (const raw of slice.split(/\r?\n/)) {
      const cleaned = cleanLine(raw);
      if (cleaned.trim() === '') {
        if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      } else out.push(cleaned);
    }
    i = j + 1;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
