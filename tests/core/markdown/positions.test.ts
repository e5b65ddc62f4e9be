import { describe, expect, it } from 'vitest';
import { createLineIndex, parseNote } from '../../../src/core/markdown';
import type { NoteDoc } from '../../../src/core/markdown';

/** Line/col of every link, tag, heading and section start, to compare LF and CRLF twins. */
function lineCols(doc: NoteDoc): string[] {
  const all = [...doc.links, ...doc.embeds, ...doc.tags, ...doc.headings, ...doc.sections, ...doc.listItems, ...doc.highlights, ...doc.callouts];
  return all.map((i) => `${i.position.start.line}:${i.position.start.col}-${i.position.end.line}:${i.position.end.col}`);
}

const NOTE = '---\ntags: [x]\n---\n# Title #h\n\n> [!note] T\n> body ==hl== [[Link]]\n\n- [ ] task #t\n    - child ![[img.png]]\n\n| a | b |\n|---|---|\n| [[C]] | d |\n';

describe('positions', () => {
  it('gives CRLF notes the same lines and columns as their LF twins, with offsets into the CRLF text', () => {
    const lf = parseNote(NOTE);
    const crlfText = NOTE.replace(/\n/g, '\r\n');
    const crlf = parseNote(crlfText);
    expect(lineCols(crlf)).toEqual(lineCols(lf));
    for (const l of crlf.links) expect(crlfText.slice(l.position.start.offset, l.position.end.offset)).toBe(l.original);
    expect(crlf.frontmatter).toEqual(lf.frontmatter);
    expect(crlf.callouts[0]?.bodyText).toBe('body ==hl== [[Link]]');
  });

  it('treats a lone CR as a line ending', () => {
    const doc = parseNote('# A\r[[B]]\r#t');
    expect(doc.headings[0]?.heading).toBe('A');
    expect(doc.links[0]?.position.start).toEqual({ line: 1, col: 0, offset: 4 });
    expect(doc.tags[0]?.position.start).toEqual({ line: 2, col: 0, offset: 10 });
  });

  it('keeps a BOM as character 0 of line 0 and parses Markdown after it', () => {
    const doc = parseNote('\ufeff# Title\n[[L]]');
    expect(doc.headings[0]).toMatchObject({ heading: 'Title', position: { start: { line: 0, col: 1, offset: 1 } } });
    expect(doc.links[0]?.position.start).toEqual({ line: 1, col: 0, offset: 9 });
  });

  it('counts a tab as one column and resolves tab indentation like CommonMark', () => {
    const doc = parseNote('- Root\n\t- [ ] child #t\n');
    expect(doc.listItems.map((i) => [i.position.start.col, i.parent])).toEqual([
      [0, -1],
      [1, 0],
    ]);
    expect(doc.tags[0]?.position.start).toEqual({ line: 1, col: 13, offset: 20 });
  });

  it('counts UTF-16 code units, so an emoji is two columns', () => {
    const doc = parseNote('😀 [[L]]');
    expect(doc.links[0]?.position.start).toEqual({ line: 0, col: 3, offset: 3 });
  });
});

describe('createLineIndex', () => {
  it('maps offsets to positions and clamps out-of-range offsets', () => {
    const index = createLineIndex('ab\r\ncd\ne');
    expect(index.lineCount).toBe(3);
    expect(index.positionAt(0)).toEqual({ line: 0, col: 0, offset: 0 });
    expect(index.positionAt(2)).toEqual({ line: 0, col: 2, offset: 2 });
    expect(index.positionAt(4)).toEqual({ line: 1, col: 0, offset: 4 });
    expect(index.positionAt(7)).toEqual({ line: 2, col: 0, offset: 7 });
    expect(index.positionAt(99)).toEqual({ line: 2, col: 1, offset: 8 });
    expect(index.positionAt(-5)).toEqual({ line: 0, col: 0, offset: 0 });
  });
});
