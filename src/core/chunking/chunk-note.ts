import type { CalloutCache, NoteDoc, SectionCache } from '../markdown/types';
import type { Chunk, ChunkKind } from './types';
import { buildLineIndex } from './line-index';
import { collectEdits, plainTextOfLines } from './plain-text';
import { contentHash } from './content-hash';
import { isDefinitionCallout } from './definition';
import { estimateTokens, type TokenCounter } from './token-estimate';
import { splitToBudget } from './split-text';

export interface ChunkOptions {
  /** Maximum tokens per chunk (the `chunkTokenBudget` setting; default 256 word pieces). */
  tokenBudget?: number;
  /** Exact token counter from the model's tokenizer; an estimate is used otherwise. */
  countTokens?: TokenCounter;
}

export const DEFAULT_TOKEN_BUDGET = 256;

/** A run of lines that belongs together before packing (a paragraph, a list, or one line of a long one). */
interface Unit {
  lines: number[];
  text: string;
  tokens: number;
  /** Units from the same section are joined with a single newline, others with a blank line. */
  section: number;
}

interface Draft {
  kind: ChunkKind;
  headingTrail: string[];
  lines: number[];
  text: string;
  callout?: { type: string; title: string };
}

const SKIPPED_SECTIONS = new Set(['yaml', 'comment', 'thematicBreak']);

/**
 * Splits a parsed note into chunks: one per callout (typed `definition` when it defines
 * the concept), and heading sections that stay whole when short and split at paragraph
 * boundaries when over the budget. Short notes are never dropped: a two-line note is a chunk.
 */
export function chunkNote(path: string, text: string, doc: NoteDoc, options: ChunkOptions = {}): Chunk[] {
  const budget = Math.max(16, options.tokenBudget ?? DEFAULT_TOKEN_BUDGET);
  const count = options.countTokens ?? estimateTokens;
  const lineIndex = buildLineIndex(text);
  const edits = collectEdits(doc);
  const drafts: Draft[] = [];

  const calloutLines = new Set<number>();
  for (const callout of doc.callouts) for (const l of ownLines(callout, doc.callouts)) calloutLines.add(l);

  const trailAt = headingTrailResolver(doc);
  let groupTrail: string[] = [];
  let groupUnits: Unit[] = [];
  const flushGroup = () => {
    if (groupUnits.length > 0) drafts.push(...packGroup(groupTrail, groupUnits, budget, count));
    groupUnits = [];
  };

  doc.sections.forEach((section: SectionCache, sectionNumber) => {
    if (SKIPPED_SECTIONS.has(section.type)) return;
    const first = section.position.start.line;
    const last = section.position.end.line;
    if (section.type === 'heading') {
      flushGroup();
      groupTrail = trailAt(first, true);
      return;
    }
    const lines: number[] = [];
    for (let l = first; l <= last; l++) if (!calloutLines.has(l)) lines.push(l);
    if (lines.length === 0) return;
    const unitText = plainTextOfLines(text, lineIndex, lines, edits);
    if (unitText.trim() === '') return;
    groupUnits.push({ lines, text: unitText, tokens: count(unitText), section: sectionNumber });
  });
  flushGroup();

  doc.callouts.forEach((callout) => {
    const lines = ownLines(callout, doc.callouts);
    const body = plainTextOfLines(text, lineIndex, lines, edits);
    if (body.trim() === '') return;
    const kind: ChunkKind = isDefinitionCallout(callout.type, callout.title) ? 'definition' : 'callout';
    const trail = trailAt(callout.position.start.line, false);
    const callInfo = { type: callout.type, title: callout.title };
    for (const piece of splitToBudget(body, budget, count)) {
      drafts.push({ kind, headingTrail: trail, lines, text: piece, callout: callInfo });
    }
  });

  if (drafts.length === 0 && doc.headings.length > 0) {
    // A stub note with only headings still deserves to be findable.
    const lines = doc.headings.map((h) => h.position.start.line);
    drafts.push({ kind: 'section', headingTrail: [], lines, text: doc.headings.map((h) => h.heading).join('\n') });
  }

  drafts.sort((a, b) => a.lines[0]! - b.lines[0]! || kindOrder(a.kind) - kindOrder(b.kind));
  return finalize(path, drafts, doc, count);
}

function kindOrder(kind: ChunkKind): number {
  return kind === 'section' ? 1 : 0;
}

/** Lines of a callout that are not inside one of its nested callouts. */
function ownLines(callout: CalloutCache, all: CalloutCache[]): number[] {
  const self = all.indexOf(callout);
  const nested = new Set<number>();
  all.forEach((other, i) => {
    if (i !== self && isDescendant(i, self, all)) {
      for (let l = other.position.start.line; l <= other.position.end.line; l++) nested.add(l);
    }
  });
  const lines: number[] = [];
  for (let l = callout.position.start.line; l <= callout.position.end.line; l++) if (!nested.has(l)) lines.push(l);
  return lines;
}

function isDescendant(index: number, ancestor: number, all: CalloutCache[]): boolean {
  let parent = all[index]?.parent;
  let guard = 0;
  while (parent !== undefined && guard++ < all.length) {
    if (parent === ancestor) return true;
    parent = all[parent]?.parent;
  }
  return false;
}

/** Returns a function giving the heading trail in force at a line. */
function headingTrailResolver(doc: NoteDoc): (line: number, inclusive: boolean) => string[] {
  const headings = [...doc.headings].sort((a, b) => a.position.start.line - b.position.start.line);
  return (line, inclusive) => {
    const stack: { level: number; text: string }[] = [];
    for (const h of headings) {
      const hl = h.position.start.line;
      if (hl > line || (!inclusive && hl === line)) break;
      while (stack.length > 0 && stack[stack.length - 1]!.level >= h.level) stack.pop();
      stack.push({ level: h.level, text: h.heading });
    }
    return stack.map((s) => s.text);
  };
}

/** Keeps a short section whole; packs a long one by paragraphs, then lines, under the budget. */
function packGroup(trail: string[], units: Unit[], budget: number, count: TokenCounter): Draft[] {
  const total = units.reduce((sum, u) => sum + u.tokens, 0);
  if (total <= budget) return [{ kind: 'section', headingTrail: trail, lines: units.flatMap((u) => u.lines), text: joinUnits(units) }];
  const fine: Unit[] = [];
  for (const unit of units) {
    if (unit.tokens <= budget) {
      fine.push(unit);
      continue;
    }
    const lineTexts = unit.text.split('\n');
    // Plain-text lines map one-to-one onto source lines only when no line was dropped; otherwise keep the unit's span.
    const aligned = lineTexts.length === unit.lines.length;
    lineTexts.forEach((lineText, i) => {
      if (lineText.trim() === '') return;
      const lines = aligned ? [unit.lines[i]!] : unit.lines;
      for (const piece of splitToBudget(lineText, budget, count)) fine.push({ lines, text: piece, tokens: count(piece), section: unit.section });
    });
  }
  const drafts: Draft[] = [];
  let current: Unit[] = [];
  let tokens = 0;
  for (const unit of fine) {
    if (current.length > 0 && tokens + unit.tokens > budget) {
      drafts.push({ kind: 'section', headingTrail: trail, lines: uniqueLines(current), text: joinUnits(current) });
      current = [];
      tokens = 0;
    }
    current.push(unit);
    tokens += unit.tokens;
  }
  if (current.length > 0) drafts.push({ kind: 'section', headingTrail: trail, lines: uniqueLines(current), text: joinUnits(current) });
  return drafts;
}

function joinUnits(units: Unit[]): string {
  let out = '';
  units.forEach((u, i) => {
    if (i > 0) out += u.section === units[i - 1]!.section ? '\n' : '\n\n';
    out += u.text;
  });
  return out;
}

function uniqueLines(units: Unit[]): number[] {
  return [...new Set(units.flatMap((u) => u.lines))].sort((a, b) => a - b);
}

/** The exact string that is embedded: the heading trail gives a chunk its context. */
export function embeddingText(chunk: Pick<Chunk, 'headingTrail' | 'text'>): string {
  return chunk.headingTrail.length > 0 ? `${chunk.headingTrail.join(' > ')}\n${chunk.text}` : chunk.text;
}

function finalize(path: string, drafts: Draft[], doc: NoteDoc, count: TokenCounter): Chunk[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const lineSet = new Set(draft.lines);
    const inChunk = (line: number) => lineSet.has(line);
    const hash = contentHash(`${draft.kind}\u0000${embeddingText(draft)}`);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    const blocks = Object.values(doc.blocks).filter((b) => inChunk(b.position.start.line));
    const chunk: Chunk = {
      id: n === 0 ? `${path}#${hash}` : `${path}#${hash}~${n}`,
      path,
      hash,
      kind: draft.kind,
      headingTrail: draft.headingTrail,
      startLine: draft.lines[0]!,
      endLine: draft.lines[draft.lines.length - 1]!,
      text: draft.text,
      links: doc.links.filter((l) => inChunk(l.position.start.line)).map((l) => l.link),
      embeds: doc.embeds.filter((e) => inChunk(e.position.start.line)).map((e) => e.link),
      highlights: doc.highlights.filter((h) => inChunk(h.position.start.line) && draft.text.includes(h.text.trim())).map((h) => h.text),
      tokens: count(embeddingText(draft)),
    };
    if (draft.callout) chunk.callout = draft.callout;
    const block = blocks[blocks.length - 1];
    if (block) chunk.blockId = block.id;
    return chunk;
  });
}
