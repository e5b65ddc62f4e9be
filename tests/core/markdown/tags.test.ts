import { describe, expect, it } from 'vitest';
import { frontmatterTags, isValidTagBody, parseNote } from '../../../src/core/markdown';

const tags = (text: string) => parseNote(text).tags.map((t) => t.tag);

describe('inline tags', () => {
  it('reads plain, nested, accented and emoji tags', () => {
    expect(tags('#tag #nested/tag #inteligência_artificial #año-2024 #emoji😀 #日本語')).toEqual([
      '#tag',
      '#nested/tag',
      '#inteligência_artificial',
      '#año-2024',
      '#emoji😀',
      '#日本語',
    ]);
  });

  it('rejects all-digit tags but accepts digits with a letter', () => {
    expect(tags('#123 #1984 #y1984 #2024a')).toEqual(['#y1984', '#2024a']);
  });

  it('ends a tag at punctuation and general punctuation characters', () => {
    expect(tags('#end. #foo:x #a,b #q? #quote" #zwsp\u200bafter #dash—em')).toEqual(['#end', '#foo', '#a', '#q', '#quote', '#zwsp', '#dash']);
  });

  it('needs a space or the start of a text run before the hash', () => {
    expect(tags('foo#bar a#b')).toEqual([]);
    expect(tags('**#bold** ==#marked== [#inlink](x.md) \\[#escaped')).toEqual(['#bold', '#marked', '#inlink', '#escaped']);
  });

  it('finds no tags in code, math, URLs, link targets or HTML', () => {
    expect(
      tags('`#code` ``#code2`` $#math$ https://x.com/#frag [l](x.md#frag) <span data-x="#attr">#ok</span> <!-- #hidden -->'),
    ).toEqual(['#ok']);
  });

  it('reads tags in headings, lists, callouts and tables', () => {
    expect(tags('# Title #h\n\n- item #li\n\n> [!note] #title\n> #body\n\n| #cell | b |\n|---|---|\n| #row | c |\n')).toEqual([
      '#h',
      '#li',
      '#title',
      '#body',
      '#cell',
      '#row',
    ]);
  });

  it('is not confused by a heading marker', () => {
    expect(tags('# Heading\n#tag-line')).toEqual(['#tag-line']);
  });

  it('positions tags on the hash and the last tag character', () => {
    const [t] = parseNote('ab #tag.').tags;
    expect(t?.position.start).toEqual({ line: 0, col: 3, offset: 3 });
    expect(t?.position.end).toEqual({ line: 0, col: 7, offset: 7 });
  });
});

describe('frontmatter tags and allTags', () => {
  it('lists frontmatter tags first, then inline tags in order, like getAllTags', () => {
    const doc = parseNote('---\ntags:\n  - inteligência_artificial\n  - b\n---\n#c text #d\n');
    expect(doc.allTags).toEqual(['#inteligência_artificial', '#b', '#c', '#d']);
  });

  it('reads a single string as one tag and drops one holding a space (Obsidian 1.9+)', () => {
    expect(frontmatterTags({ tags: 'single' })).toEqual(['#single']);
    expect(frontmatterTags({ tags: 'a, b' })).toEqual([]);
    expect(frontmatterTags({ Tags: ['#x', ' y ', '', 'two words', 3] })).toEqual(['#x', '#y']);
    expect(frontmatterTags({ tag: 'old' })).toBeNull();
    expect(frontmatterTags({ tags: null })).toBeNull();
  });

  it('validates a tag body', () => {
    expect(isValidTagBody('ok/nested-1')).toBe(true);
    expect(isValidTagBody('123')).toBe(false);
    expect(isValidTagBody('has space')).toBe(false);
    expect(isValidTagBody('')).toBe(false);
  });
});
