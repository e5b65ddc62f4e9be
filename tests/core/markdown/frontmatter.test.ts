import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/core/markdown';

describe('frontmatter', () => {
  it('reads values as Obsidian does: dates stay strings, empty values are null', () => {
    const doc = parseNote(
      '---\ndate: 2024-07-21\nwhen: 2024-07-21T12:37:00\nn: 246\nflag: true\nyes_word: yes\nempty:\nlist:\n  -\n  - x\ntext: |\n  a\n  b\n---\nbody\n',
    );
    expect(doc.frontmatter).toEqual({
      date: '2024-07-21',
      when: '2024-07-21T12:37:00',
      n: 246,
      flag: true,
      yes_word: 'yes',
      empty: null,
      list: [null, 'x'],
      text: 'a\nb\n',
    });
    expect(doc.frontmatterPosition?.start).toEqual({ line: 0, col: 0, offset: 0 });
    expect(doc.frontmatterPosition?.end.line).toBe(13);
    expect(doc.sections[0]?.type).toBe('yaml');
  });

  it('records wikilinks in values with dotted keys for list items and nested maps', () => {
    const doc = parseNote('---\nup: "[[Parent]]"\nrelated:\n  - "[[A|alias]]"\n  - "[[B#Part]]"\nnested:\n  deeper: "see [[C]]"\n---\n');
    expect(doc.frontmatterLinks).toEqual([
      { key: 'up', link: 'Parent', original: '[[Parent]]', displayText: 'Parent' },
      { key: 'related.0', link: 'A', original: '[[A|alias]]', displayText: 'alias' },
      { key: 'related.1', link: 'B#Part', original: '[[B#Part]]', displayText: 'B > Part' },
      { key: 'nested.deeper', link: 'C', original: '[[C]]', displayText: 'C' },
    ]);
    expect(doc.links).toEqual([]);
  });

  it('normalises aliases from lists, comma strings and the legacy key', () => {
    expect(parseNote('---\naliases:\n  - LLM\n  - Large Language Model\n---\n').aliases).toEqual(['LLM', 'Large Language Model']);
    expect(parseNote('---\naliases: one, two , three\n---\n').aliases).toEqual(['one', 'two', 'three']);
    expect(parseNote('---\nalias: Old style\n---\n').aliases).toEqual(['Old style']);
    expect(parseNote('---\naliases:\n---\n').aliases).toEqual([]);
  });

  it('reads JSON frontmatter', () => {
    expect(parseNote('---\n{\n  "tags": "journal",\n  "publish": false\n}\n---\n').frontmatter).toEqual({ tags: 'journal', publish: false });
  });

  it('has no frontmatter for an empty block, but still a yaml section', () => {
    const doc = parseNote('---\n---\n# Title\n');
    expect(doc.frontmatter).toBeUndefined();
    expect(doc.frontmatterPosition).toBeUndefined();
    expect(doc.sections.map((s) => s.type)).toEqual(['yaml', 'heading']);
  });

  it('needs the block at the very top and a closing line', () => {
    expect(parseNote('\n---\na: 1\n---\n').frontmatter).toBeUndefined();
    const unclosed = parseNote('---\na: 1\n\ntext\n');
    expect(unclosed.frontmatter).toBeUndefined();
    expect(unclosed.sections[0]?.type).toBe('thematicBreak');
  });

  it('warns about broken YAML with the note line, never throws, and parses the rest', () => {
    const doc = parseNote('---\ntitle: ok\nlist: [a, b\nother: x\n---\n# Body [[Link]]\n');
    expect(doc.frontmatter).toBeUndefined();
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatchObject({ code: 'yaml' });
    expect(doc.warnings[0]?.line).toBeGreaterThanOrEqual(2);
    expect(doc.warnings[0]?.message).toMatch(/^Frontmatter is not valid YAML: /);
    expect(doc.headings.map((h) => h.heading)).toEqual(['Body [[Link]]']);
    expect(doc.links.map((l) => l.link)).toEqual(['Link']);
    expect(doc.frontmatterPosition?.end.line).toBe(4);
  });

  it('treats a non-mapping block as no frontmatter, and survives alias bombs', () => {
    expect(parseNote('---\n- a\n- b\n---\n').frontmatter).toBeUndefined();
    expect(parseNote('---\njust text\n---\n').frontmatter).toBeUndefined();
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`);
    const doc = parseNote(`---\n${bomb.join('\n')}\n---\nbody\n`);
    expect(doc.frontmatter).toBeUndefined();
    expect(doc.warnings.map((w) => w.code)).toEqual(['yaml']);
  });

  it('reads CRLF frontmatter after a BOM', () => {
    const doc = parseNote('\ufeff---\r\ntags: [a, b]\r\n---\r\n# T\r\n');
    expect(doc.frontmatter).toEqual({ tags: ['a', 'b'] });
    expect(doc.allTags).toEqual(['#a', '#b']);
    expect(doc.frontmatterPosition?.start).toEqual({ line: 0, col: 1, offset: 1 });
    expect(doc.headings[0]?.position.start).toEqual({ line: 3, col: 0, offset: 25 });
  });
});
