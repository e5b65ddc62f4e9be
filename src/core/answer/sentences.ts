/** Splits note text into the units an extractive answer quotes: sentences, list items, list groups. */
import { fold, wordCount } from './text';

export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * Words that end with a dot without ending the sentence, folded and without the dot (PT and EN).
 * "etc." is left out on purpose: it usually does end the sentence.
 */
const ABBREVIATIONS = new Set([
  'ex', 'exs', 'sr', 'sra', 'srs', 'sras', 'dr', 'dra', 'drs', 'prof', 'profa', 'profs', 'eng', 'obs',
  'pag', 'pags', 'pg', 'p', 'pp', 'cap', 'caps', 'fig', 'figs', 'vol', 'vols', 'num', 'aprox', 'sec',
  'tel', 'av', 'ed', 'eds', 'org', 'orgs', 'coord', 'trad', 'adj', 'art', 'arts', 'inc', 'ltd', 'co',
  'corp', 'mr', 'mrs', 'ms', 'st', 'jr', 'vs', 'cf', 'al', 'approx', 'dept', 'est', 'no', 'nos', 'sto',
  'sta', 'gen', 'gov', 'lt', 'col', 'rev', 'op', 'cit', 'ibid', 'id', 'ca',
]);

/** Characters that may open the next sentence. */
const SENTENCE_START = /[\p{Lu}\p{N}"'“‘«([¿¡*_]/u;
const TERMINATOR = /[.!?…]+["'”’)\]»]*(?=\s|$)/g;
/** Citation markers right after a full stop belong to the sentence they follow ("Claim. [1] Next."). */
const TRAILING_MARKERS = /^\s*(?:\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\])+/;

/** Sentence spans of one paragraph (no line breaks expected), with offsets into it. */
export function splitSentences(paragraph: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  TERMINATOR.lastIndex = 0;
  for (let match = TERMINATOR.exec(paragraph); match; match = TERMINATOR.exec(paragraph)) {
    let end = match.index + match[0].length;
    const markers = TRAILING_MARKERS.exec(paragraph.slice(end));
    if (markers) end += markers[0].length;
    const rest = paragraph.slice(end);
    const next = rest.trimStart().charAt(0);
    if (next !== '' && !SENTENCE_START.test(next)) continue;
    if (match[0] === '.' && isAbbreviation(paragraph.slice(start, match.index))) continue;
    pushSpan(spans, paragraph, start, end);
    start = end;
    TERMINATOR.lastIndex = end;
  }
  pushSpan(spans, paragraph, start, paragraph.length);
  return spans;
}

function pushSpan(spans: Span[], text: string, from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  if (end > start) spans.push({ text: text.slice(start, end), start, end });
}

/** Whether the word before a dot is an abbreviation, an initial ("J.") or dotted ("e.g", "i.e", "p.ex"). */
function isAbbreviation(before: string): boolean {
  const word = /([\p{L}\p{N}.]+)$/u.exec(before)?.[1];
  if (!word) return false;
  if (word.includes('.')) return true;
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(fold(word));
}

export interface TextUnit {
  text: string;
  /** Position among the passage's units, from 0, in reading order. */
  order: number;
  /** A list item, or a lead-in sentence merged with its short list. */
  list: boolean;
  /** A lead-in ending with ':' whose list was too long to merge: weak on its own. */
  danglingIntro: boolean;
}

export interface UnitContext {
  /** Titles of the passage (note title, headings, callout title): a first line equal to one is a label, not content. */
  labels?: readonly string[];
  /** Callout chunks often start with the callout's title on its own line ("Definição"). */
  isCallout?: boolean;
}

const LIST_MARKER = /^(?:[-*+•]|\d{1,3}[.)])\s+(?:\[[ xX-]\]\s+)?/;
const MAX_MERGED_WORDS = 70;
const MAX_MERGED_ITEMS = 8;

/**
 * Units of a passage's plain text. Obsidian notes put one paragraph per line, so every line is a
 * paragraph; a line ending with ':' followed by list lines becomes one unit when short, because
 * the lead-in alone ("Examples are:") answers nothing.
 */
export function splitUnits(text: string, context: UnitContext = {}): TextUnit[] {
  const lines = text.split(/\r\n|\r|\n/);
  const labelKeys = new Set((context.labels ?? []).map((l) => fold(l).trim()));
  const units: TextUnit[] = [];
  let firstContent = true;
  for (let i = 0; i < lines.length; i++) {
    const line = withoutTags(lines[i] ?? '');
    if (!line) continue;
    if (firstContent && isLabel(line, lines.length > i + 1, labelKeys, context.isCallout === true)) {
      firstContent = false;
      continue;
    }
    firstContent = false;
    if (LIST_MARKER.test(line)) {
      units.push(unit(line.replace(LIST_MARKER, ''), true));
      continue;
    }
    const sentences = splitSentences(line);
    const last = sentences[sentences.length - 1];
    for (const span of sentences.slice(0, -1)) units.push(unit(span.text, false));
    if (!last) continue;
    if (!last.text.endsWith(':')) {
      units.push(unit(last.text, false));
      continue;
    }
    const items = collectListItems(lines, i + 1);
    const merged = mergeIntro(last.text, items.texts);
    if (merged) {
      units.push(unit(merged, true));
      i = items.nextLine - 1;
    } else {
      units.push({ ...unit(last.text, false), danglingIntro: true });
    }
  }
  return units.map((u, order) => ({ ...u, order }));
}

/**
 * Obsidian tags (`#ia/aprendizado`: `#` after a space, at least one non-digit) file the note; in
 * a quoted sentence they read as noise, and a line of tags alone is no sentence at all.
 */
const TAG = /(^|\s)#[\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*/gu;

function withoutTags(line: string): string {
  const trimmed = line.trim();
  if (!trimmed.includes('#')) return trimmed;
  const stripped = trimmed.replace(TAG, '$1');
  if (stripped === trimmed) return trimmed;
  return stripped.replace(/\s+([.!?…,;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

function unit(text: string, list: boolean): TextUnit {
  return { text, order: 0, list, danglingIntro: false };
}

function isLabel(line: string, hasMore: boolean, labels: ReadonlySet<string>, isCallout: boolean): boolean {
  if (!hasMore || /[.!?…:;]$/.test(line)) return false;
  if (labels.has(fold(line).trim())) return true;
  return isCallout && wordCount(line) <= 4;
}

/** The list lines after a lead-in: marked items, or (when markers were stripped) short unpunctuated lines. */
function collectListItems(lines: readonly string[], from: number): { texts: string[]; nextLine: number } {
  const texts: string[] = [];
  const marked = LIST_MARKER.test((lines[from] ?? '').trim());
  let i = from;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) break;
    if (marked) {
      if (!LIST_MARKER.test(line)) break;
      texts.push(line.replace(LIST_MARKER, ''));
    } else if (wordCount(line) <= 20 && !/[.!?…:;]$/.test(line) && !LIST_MARKER.test(line)) {
      texts.push(line);
    } else {
      // A sentence, or the lead-in of the next list: this list has ended.
      break;
    }
  }
  return { texts, nextLine: i };
}

function mergeIntro(intro: string, items: readonly string[]): string | undefined {
  if (items.length === 0 || items.length > MAX_MERGED_ITEMS) return undefined;
  const cleaned = items.map((item) => item.replace(/[\s.;,]+$/, ''));
  const merged = `${intro} ${cleaned.join('; ')}.`;
  return wordCount(merged) <= MAX_MERGED_WORDS ? merged : undefined;
}
