/** Checks a generated answer's `[n]` markers against the sources it was given. */
import { splitSentences } from './sentences';
import type { CitationCheck, UncitedRange } from './types';

/**
 * `[1]`, `[1, 2]`, `[1; 2]`, `[1-3]`, `[1 e 2]`, `[1 and 2]`, and the wordier `[Fonte 1]`/`[Source 2]`
 * some models write. Not `[^1]` footnotes, `[[1]]` wikilinks, `[1](url)` links or escaped `\[1\]`
 * (checked at the match site, since lookbehind is not available on older iOS).
 */
const MARKER = /\[\s*(?:(?:fontes?|sources?|src|refs?)\s*:?\s*)?(\d+(?:\s*(?:[,;]|[-–]|\band\b|\be\b)\s*\d+)*)\s*\](?!\()/gi;
/** A range wider than this is more likely a typo than a citation. */
const MAX_RANGE = 20;

export interface CheckOptions {
  /** Remove invalid numbers from the text (default) or leave them in place and only report them. */
  removeInvalid?: boolean;
}

/** `sources`: how many sources were given (valid numbers are 1..sources), or the valid numbers themselves. */
export function checkCitations(answer: string, sources: number | Iterable<number>, options: CheckOptions = {}): CitationCheck {
  const valid = typeof sources === 'number' ? new Set(Array.from({ length: sources }, (_, i) => i + 1)) : new Set(sources);
  const removeInvalid = options.removeInvalid ?? true;
  const used: number[] = [];
  const invalid = new Set<number>();
  const code = codeRanges(answer);
  let cleaned = '';
  let last = 0;
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(answer); match; match = MARKER.exec(answer)) {
    const before = answer.charAt(match.index - 1);
    if (before === '[' || before === '\\' || answer.charAt(match.index + match[0].length) === ']') continue;
    const at = match.index;
    if (code.some(([from, to]) => at >= from && at < to)) continue;
    const numbers = expand(match[1] ?? '');
    const good = numbers.filter((n) => valid.has(n));
    for (const n of numbers) if (!valid.has(n)) invalid.add(n);
    for (const n of good) if (!used.includes(n)) used.push(n);
    const kept = removeInvalid ? good : numbers;
    let head = answer.slice(last, match.index);
    if (kept.length === 0) head = head.replace(/[ \t]+$/, '');
    cleaned += head + kept.map((n) => `[${n}]`).join('');
    last = match.index + match[0].length;
  }
  cleaned += answer.slice(last);
  const uncited = findUncited(cleaned, valid);
  return {
    answer: cleaned,
    used,
    invalid: [...invalid].sort((a, b) => a - b),
    uncited,
    uncitedSentences: uncited.map((u) => u.text),
  };
}

/** Fenced code blocks and inline code spans, where brackets are code, not citations. */
function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[^\n]*$|(?![\s\S]))/gm)) ranges.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/(`+)[^`\n]+?\1/g)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

function expand(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/\s*(?:[,;]|\band\b|\be\b)\s*/i)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part.trim());
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to >= from && to - from <= MAX_RANGE) for (let n = from; n <= to; n++) out.push(n);
      else out.push(from, to);
    } else if (/^\d+$/.test(part.trim())) {
      out.push(Number(part.trim()));
    }
  }
  return [...new Set(out)];
}

const CITED = /\[(\d+)\]/g;

/**
 * Sentences that carry no valid citation. Headings, code, blank lines, lead-ins ending with ':' and
 * fragments of under three words are not claims and are never reported.
 */
function findUncited(text: string, valid: ReadonlySet<number>): UncitedRange[] {
  const out: UncitedRange[] = [];
  let offset = 0;
  let inFence = false;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || /^\s*(#|$|\||---)/.test(line)) continue;
    const prefix = /^\s*(?:>\s*)*(?:[-*+]|\d{1,3}[.)])?\s*/.exec(line)?.[0] ?? '';
    for (const span of splitSentences(line.slice(prefix.length))) {
      if (hasValidCitation(span.text, valid)) continue;
      if (span.text.endsWith(':') || span.text.split(/\s+/).length < 3) continue;
      const start = lineStart + prefix.length + span.start;
      out.push({ text: span.text, start, end: start + span.text.length });
    }
  }
  return out;
}

function hasValidCitation(sentence: string, valid: ReadonlySet<number>): boolean {
  for (const match of sentence.matchAll(CITED)) if (valid.has(Number(match[1]))) return true;
  return false;
}
