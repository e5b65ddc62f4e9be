/** "Copy answer as Markdown": the answer with its citations as working wikilinks. */
import type { AnswerCitation } from './types';

export interface MarkdownExportOptions {
  /**
   * `footnotes` (default): `[n]` becomes a footnote reference `[^n]`, and the footnotes are the
   * wikilinks `[^n]: [[Note#Heading]]`. Reading view shows small numbered superscripts that jump
   * to the list of sources, the prose stays readable, and every cited note gets a backlink.
   * `list`: `[n]` stays as text and a "Sources" list of numbered wikilinks follows.
   */
  style?: 'footnotes' | 'list';
  /**
   * Footnote labels are per note: two answers pasted into one note would share `[^1]`. A prefix
   * (e.g. "q2-") keeps them apart. Obsidian numbers footnotes by position whatever the label.
   */
  labelPrefix?: string;
  /** Heading of the sources list in `list` style. */
  sourcesHeading?: string;
}

/** A marker with the space before it (footnote references sit right after the word); `\[2\]` is escaped text. */
const MARKER = / ?(\\)?\[(\d+)\]/g;

export function toMarkdownWithWikilinks(
  result: { answer: string; citations: readonly AnswerCitation[] },
  options: MarkdownExportOptions = {},
): string {
  const cited = new Map(result.citations.map((c) => [c.n, c]));
  if (cited.size === 0) return result.answer;
  if (options.style === 'list') {
    const list = [...cited.values()].sort((a, b) => a.n - b.n).map((c) => `${c.n}. [[${c.linktext}]]`);
    return `${result.answer}\n\n${options.sourcesHeading ?? 'Sources'}:\n${list.join('\n')}\n`;
  }
  const prefix = options.labelPrefix ?? '';
  const referenced: number[] = [];
  const body = result.answer.replace(MARKER, (marker: string, escaped: string | undefined, digits: string) => {
    // `\[2\]` is a bracketed number quoted from a note, not a citation.
    if (escaped) return marker;
    const n = Number(digits);
    if (!cited.has(n)) return marker;
    if (!referenced.includes(n)) referenced.push(n);
    return `[^${prefix}${n}]`;
  });
  const notes = referenced
    .sort((a, b) => a - b)
    .map((n) => `[^${prefix}${n}]: [[${cited.get(n)?.linktext ?? ''}]]`);
  return `${body}\n\n${notes.join('\n')}\n`;
}
