import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/core/markdown';

const highlights = (text: string) => parseNote(text).highlights.map((h) => h.text);

describe('highlights', () => {
  it('finds ==text== with its position', () => {
    const text = 'a ==first== b ==second one==';
    const doc = parseNote(text);
    expect(doc.highlights.map((h) => h.text)).toEqual(['first', 'second one']);
    const [h] = doc.highlights;
    expect(h?.position.start).toEqual({ line: 0, col: 2, offset: 2 });
    expect(text.slice(h?.position.start.offset, h?.position.end.offset)).toBe('==first==');
  });

  it('finds highlights in callouts with the innermost callout index', () => {
    const doc = parseNote('> [!info] Definição\n> O ==modelo pré-treinado== aprende.\n> > [!note] inner\n> > ==deep==\n\n==outside==\n');
    expect(doc.highlights.map((h) => [h.text, h.callout])).toEqual([
      ['modelo pré-treinado', 0],
      ['deep', 1],
      ['outside', undefined],
    ]);
  });

  it('finds highlights in list items, headings and table cells', () => {
    expect(highlights('- item ==li==\n\n# Title ==h==\n\n| ==c1== | b |\n|---|---|\n| x | ==c2== |\n')).toEqual(['li', 'h', 'c1', 'c2']);
  });

  it('does not cross table cells or paragraph breaks', () => {
    expect(highlights('| ==a | b== |\n|---|---|\n')).toEqual([]);
    expect(highlights('==start\n\nend==')).toEqual([]);
  });

  it('may wrap lines inside one paragraph; the text is the source between the markers', () => {
    const doc = parseNote('> ==one\n> two==\n');
    expect(doc.highlights.map((h) => h.text)).toEqual(['one\n> two']);
  });

  it('ignores unterminated, empty and space-padded markers, and runs of other lengths', () => {
    expect(highlights('==open only')).toEqual([]);
    expect(highlights('==== a === b =')).toEqual([]);
    expect(highlights('== spaced== and ==x ==')).toEqual([]);
  });

  it('ignores highlights in code, math, comments and escapes', () => {
    expect(highlights('`==code==` $==m==$ %% ==commented== %% \\==escaped== <!-- ==html== -->\n\n%%\n==block comment==\n%%\n')).toEqual([]);
  });

  it('keeps links and bold inside a highlight', () => {
    const doc = parseNote('==see [[Note|this]] and **bold**==');
    expect(doc.highlights.map((h) => h.text)).toEqual(['see [[Note|this]] and **bold**']);
    expect(doc.links.map((l) => l.link)).toEqual(['Note']);
  });
});
