import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/core/markdown';

const sections = (text: string) => parseNote(text).sections.map((s) => `${s.type} ${s.position.start.line}-${s.position.end.line}`);

describe('sections', () => {
  it('types every top-level block with mdast names', () => {
    const text = [
      '# H1', // 0
      'para', // 1
      '', // 2
      '- a', // 3
      '- b', // 4
      '', // 5
      '> quote', // 6
      '', // 7
      '> [!note]', // 8
      '> c', // 9
      '', // 10
      '```', // 11
      'code', // 12
      '```', // 13
      '***', // 14
      '| a |', // 15
      '|---|', // 16
      '| b |', // 17
      '', // 18
      '$$', // 19
      'x', // 20
      '$$', // 21
      '%%', // 22
      'c', // 23
      '%%', // 24
      '<div>', // 25
      '</div>', // 26
      '', // 27
      '[^1]: note', // 28
      '', // 29
      'Setext', // 30
      '===', // 31
    ].join('\n');
    expect(sections(text)).toEqual([
      'heading 0-0',
      'paragraph 1-1',
      'list 3-4',
      'blockquote 6-6',
      'callout 8-9',
      'code 11-13',
      'thematicBreak 14-14',
      'table 15-17',
      'math 19-21',
      'comment 22-24',
      'html 25-26',
      'footnoteDefinition 28-28',
      'heading 30-31',
    ]);
  });

  it('splits lists when the marker changes and keeps loose lists together', () => {
    expect(sections('- a\n* b\n+ c\n1. d\n1) e\n')).toEqual(['list 0-0', 'list 1-1', 'list 2-2', 'list 3-3', 'list 4-4']);
    expect(sections('- a\n\n- b\n')).toEqual(['list 0-2']);
  });

  it('ends a paragraph at a list, quote, heading, fence or %% comment, not at indented text', () => {
    expect(sections('p\n- item\n')).toEqual(['paragraph 0-0', 'list 1-1']);
    expect(sections('p\n> q\n')).toEqual(['paragraph 0-0', 'blockquote 1-1']);
    expect(sections('p\n%%\nc\n%%\n')).toEqual(['paragraph 0-0', 'comment 1-3']);
    expect(sections('p\n2. not a list\n')).toEqual(['paragraph 0-1']);
  });

  it('turns a paragraph line over --- into a heading, and a lone --- into a rule', () => {
    expect(sections('Title\n---\n\n---\n')).toEqual(['heading 0-1', 'thematicBreak 3-3']);
  });

  it('splits a paragraph whose last line is a table header', () => {
    expect(sections('intro line\n| a | b |\n| - | - |\n| 1 | 2 |\n')).toEqual(['paragraph 0-0', 'table 1-3']);
    expect(sections('| a | b |\n| - |\n')).toEqual(['paragraph 0-1']);
  });
});

describe('headings', () => {
  it('reads ATX headings, dropping closing hashes, and setext headings', () => {
    const doc = parseNote('# One #\n## Two ##   \n###### Six\n####### seven\n#NoSpace\n\nSetext\nover two lines\n---\n# C# language\n');
    expect(doc.headings.map((h) => [h.level, h.heading])).toEqual([
      [1, 'One'],
      [2, 'Two'],
      [6, 'Six'],
      [2, 'Setext over two lines'],
      [1, 'C# language'],
    ]);
    expect(doc.sections.map((s) => s.type)).toEqual(['heading', 'heading', 'heading', 'paragraph', 'heading', 'heading']);
    expect(doc.headings[1]?.position).toEqual({ start: { line: 1, col: 0, offset: 8 }, end: { line: 1, col: 12, offset: 20 } });
  });

  it('keeps only top-level headings (not those inside quotes or lists)', () => {
    expect(parseNote('> # quoted\n- # listed\n# top\n').headings.map((h) => h.heading)).toEqual(['top']);
  });
});

describe('list items', () => {
  it('records nesting, tasks and Obsidian item ranges', () => {
    const doc = parseNote('- [ ] parent\n    - [x] child\n    - plain\n\n- [?] second root\n');
    expect(doc.listItems.map((i) => [i.position.start.line, i.position.start.col, i.position.end.line, i.position.end.col, i.parent, i.task])).toEqual([
      [0, 0, 0, 12, -1, ' '],
      [1, 2, 1, 15, 0, 'x'],
      [2, 2, 2, 11, 0, undefined],
      [4, 0, 4, 17, -1, '?'],
    ]);
  });

  it('ends an item followed by a blank line and a sibling at the start of the next line', () => {
    const doc = parseNote('# T\n\n1. one\n\n2. two\n');
    expect(doc.listItems.map((i) => [i.position.end.line, i.position.end.col, i.parent])).toEqual([
      [3, 0, -2],
      [4, 6, -2],
    ]);
  });

  it('reads items inside quotes and callouts', () => {
    const doc = parseNote('> [!todo]\n> - [ ] a\n>     - [ ] b\n');
    expect(doc.listItems.map((i) => [i.position.start.line, i.position.start.col, i.parent])).toEqual([
      [1, 2, -1],
      [2, 4, 1],
    ]);
  });
});

describe('block ids', () => {
  it('names paragraphs and list items by a trailing ^id', () => {
    const doc = parseNote('para text ^p1\n\n- item ^li-2\n- other\n');
    expect(Object.keys(doc.blocks)).toEqual(['p1', 'li-2']);
    expect(doc.blocks.p1?.position).toEqual(doc.sections[0]?.position);
    expect(doc.sections[0]?.id).toBe('p1');
    expect(doc.listItems[0]?.id).toBe('li-2');
    expect(doc.blocks['li-2']?.position).toEqual(doc.listItems[0]?.position);
  });

  it('gives a lone ^id paragraph to the block before it (quotes, tables, lists)', () => {
    const doc = parseNote('> quote\n\n^q1\n\n| a |\n|---|\n| b |\n\n^t1\n');
    expect(doc.blocks.q1?.position).toEqual(doc.sections[0]?.position);
    expect(doc.blocks.t1?.position).toEqual(doc.sections[2]?.position);
    expect(doc.sections[0]?.id).toBe('q1');
  });

  it('ignores ^ that is not at the end or holds other characters', () => {
    expect(parseNote('a ^not-end here\n\nb ^bad_id\n\nc^glued\n').blocks).toEqual({});
  });
});
