import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/core/markdown';
import type { Loc, NoteDoc, Pos } from '../../../src/core/markdown';

/**
 * Invariants that must hold for ANY input, checked on random strings and on random
 * strings built from Markdown-ish fragments (the pieces that make parsers trip).
 */
const FRAGMENTS = [
  '[[', ']]', '|', '\\|', '#', '#tag', '#123', '==', '=', '>', '> ', '> > ', '[!', '[!note]', '[!INFO]- Título', ']', '[', '(', ')',
  '![', '![[', '](', '](x.md)', '`', '``', '```', '~~~', '%%', '$', '$$', '---', '***', '\n', '\n\n', '\r\n', '\r', '\t', ' ', '    ',
  'é', 'ção', 'Definição', '😀', '中', '\u200b', '\ufeff', 'a', 'word', 'Note', '- ', '* ', '1. ', '2) ', '- [ ] ', '[x] ', '^id',
  ' ^block-1', '<!--', '-->', '<div>', '</div>', '<b>', '\\', '*', '_', '**', '~~', '|---|', '| a |', '[^1]', '[^1]: ',
  'https://x.com/#a', '<https://x.y>', '\0', '---\ntags: [a]\n---\n',
];

const markdownish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }), markdownish);

/** Line starts computed independently of the parser's LineIndex. */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function allPositions(doc: NoteDoc): Pos[] {
  const positions: Pos[] = [];
  const add = (items: Array<{ position: Pos }>) => items.forEach((i) => positions.push(i.position));
  add(doc.links);
  add(doc.embeds);
  add(doc.headings);
  add(doc.tags);
  add(doc.sections);
  add(doc.listItems);
  add(Object.values(doc.blocks));
  add(doc.callouts);
  add(doc.highlights);
  for (const c of doc.callouts) if (c.body) positions.push(c.body);
  if (doc.frontmatterPosition) positions.push(doc.frontmatterPosition);
  return positions;
}

function checkLoc(loc: Loc, text: string, starts: number[]): string | null {
  if (loc.offset < 0 || loc.offset > text.length) return `offset ${loc.offset} outside 0..${text.length}`;
  const start = starts[loc.line];
  if (start === undefined) return `line ${loc.line} does not exist`;
  if (start + loc.col !== loc.offset) return `line ${loc.line} col ${loc.col} is not offset ${loc.offset}`;
  const next = starts[loc.line + 1];
  if (next !== undefined) {
    const eol = text.slice(start, next).match(/\r\n$|\r$|\n$/)?.[0].length ?? 0;
    if (loc.offset > next - eol) return `offset ${loc.offset} is inside or past the line ending of line ${loc.line}`;
  }
  return null;
}

const slice = (text: string, p: Pos) => text.slice(p.start.offset, p.end.offset);

describe('parseNote invariants', () => {
  it('never throws and never reports an internal error', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const doc = parseNote(text);
        expect(doc.warnings.filter((w) => w.code === 'internal')).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps every position inside the text, with line/col consistent with the offset', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const starts = lineStarts(text);
        for (const p of allPositions(parseNote(text))) {
          expect(checkLoc(p.start, text, starts)).toBeNull();
          expect(checkLoc(p.end, text, starts)).toBeNull();
          expect(p.start.offset).toBeLessThanOrEqual(p.end.offset);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('slices links and embeds back to their original text, tags to their tag', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const doc = parseNote(text);
        for (const l of [...doc.links, ...doc.embeds]) expect(slice(text, l.position)).toBe(l.original);
        for (const t of doc.tags) expect(slice(text, t.position)).toBe(t.tag);
      }),
      { numRuns: 1500 },
    );
  });

  it('slices highlights to ==text==', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const h of parseNote(text).highlights) expect(slice(text, h.position)).toBe(`==${h.text}==`);
      }),
      { numRuns: 1500 },
    );
  });

  it('covers the heading line with the heading position', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const h of parseNote(text).headings) {
          const source = slice(text, h.position);
          for (const word of h.heading.split(/\s+/).filter(Boolean)) expect(source).toContain(word);
          expect(h.level).toBeGreaterThanOrEqual(1);
          expect(h.level).toBeLessThanOrEqual(6);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps callout and highlight indices consistent', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const doc = parseNote(text);
        doc.callouts.forEach((c, i) => {
          if (c.parent !== undefined) {
            expect(c.parent).toBeLessThan(i);
            expect(c.depth).toBe((doc.callouts[c.parent]?.depth ?? -2) + 1);
          } else expect(c.depth).toBe(0);
          expect(c.type).toBe(c.type.toLowerCase());
        });
        for (const h of doc.highlights) if (h.callout !== undefined) expect(doc.callouts[h.callout]).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a CRLF note the same lines and columns as its LF twin', () => {
    fc.assert(
      fc.property(markdownish, (raw) => {
        const lf = raw.replace(/\r\n?/g, '\n');
        const crlf = lf.replace(/\n/g, '\r\n');
        const view = (doc: NoteDoc) => allPositions(doc).map((p) => `${p.start.line}:${p.start.col}-${p.end.line}:${p.end.col}`);
        expect(view(parseNote(crlf))).toEqual(view(parseNote(lf)));
      }),
      { numRuns: 1000 },
    );
  });
});
