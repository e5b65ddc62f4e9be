import { describe, expect, it } from 'vitest';
import { linkpathOf, parseLinktext, parseNote } from '../../../src/core/markdown';

const links = (text: string) => parseNote(text).links.map((l) => ({ link: l.link, displayText: l.displayText, original: l.original }));
const embeds = (text: string) => parseNote(text).embeds.map((l) => ({ link: l.link, displayText: l.displayText, original: l.original }));

describe('wikilinks', () => {
  it('reads every wikilink form with Obsidian display text', () => {
    expect(links('[[Note]] [[Note|alias]] [[Note#Heading]] [[Note#^block]] [[#Heading]] [[Note#h1#h2]]')).toEqual([
      { link: 'Note', displayText: 'Note', original: '[[Note]]' },
      { link: 'Note', displayText: 'alias', original: '[[Note|alias]]' },
      { link: 'Note#Heading', displayText: 'Note > Heading', original: '[[Note#Heading]]' },
      { link: 'Note#^block', displayText: 'Note > ^block', original: '[[Note#^block]]' },
      { link: '#Heading', displayText: 'Heading', original: '[[#Heading]]' },
      { link: 'Note#h1#h2', displayText: 'Note > h1 > h2', original: '[[Note#h1#h2]]' },
    ]);
  });

  it('splits at the first bar only, and keeps a leading bar in the target (as Obsidian)', () => {
    expect(links('[[a|b|c]] [[|alias]]')).toEqual([
      { link: 'a', displayText: 'b|c', original: '[[a|b|c]]' },
      { link: '|alias', displayText: '|alias', original: '[[|alias]]' },
    ]);
  });

  it('ignores empty and unclosed wikilinks and wikilinks broken over lines', () => {
    expect(links('[[]] [[open\nclose]] [[never closed')).toEqual([]);
  });

  it('reads the escaped alias bar used inside tables', () => {
    expect(links('| a | [[Note\\|alias]] |\n|---|---|\n')).toEqual([{ link: 'Note', displayText: 'alias', original: '[[Note\\|alias]]' }]);
  });

  it('puts embeds apart from links, with the size as display text', () => {
    expect(embeds('![[embed]] ![[image.png|300]] ![[Note#Part]]')).toEqual([
      { link: 'embed', displayText: 'embed', original: '![[embed]]' },
      { link: 'image.png', displayText: '300', original: '![[image.png|300]]' },
      { link: 'Note#Part', displayText: 'Note > Part', original: '![[Note#Part]]' },
    ]);
    expect(links('![[embed]]')).toEqual([]);
  });

  it('finds links in headings, list items, quotes, callouts and table cells', () => {
    const doc = parseNote('# About [[A]]\n\n- item [[B]]\n\n> quote [[C]]\n\n> [!note] Title [[D]]\n> body [[E]]\n\n| x | [[F]] |\n|---|---|\n| [[G]] | y |\n');
    expect(doc.links.map((l) => l.link)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });
});

describe('Markdown links', () => {
  it('records links to notes and files, decoded, with the bracket text as display text', () => {
    expect(links('[t](Note.md) [t2](<Note with spaces.md>) [t3](Note%20x.md#heading) [h](#heading) [p](a_pdf.pdf)')).toEqual([
      { link: 'Note.md', displayText: 't', original: '[t](Note.md)' },
      { link: 'Note with spaces.md', displayText: 't2', original: '[t2](<Note with spaces.md>)' },
      { link: 'Note x.md#heading', displayText: 't3', original: '[t3](Note%20x.md#heading)' },
      { link: '#heading', displayText: 'h', original: '[h](#heading)' },
      { link: 'a_pdf.pdf', displayText: 'p', original: '[p](a_pdf.pdf)' },
    ]);
  });

  it('records Markdown images as embeds', () => {
    expect(embeds('![alt](img.png) ![](folder/pic%201.jpg "title")')).toEqual([
      { link: 'img.png', displayText: 'alt', original: '![alt](img.png)' },
      { link: 'folder/pic 1.jpg', displayText: '', original: '![](folder/pic%201.jpg "title")' },
    ]);
  });

  it('does not record external URLs, empty destinations or reference-style brackets', () => {
    expect(links('[a](https://x.com) [b](obsidian://open?vault=v) [c](mailto:a@b.c) []() [d]() [e][ref] [f]')).toEqual([]);
    expect(embeds('![x](https://x.com/a.png)')).toEqual([]);
  });

  it('keeps a malformed percent escape as written instead of failing', () => {
    expect(links('[t](100%25%zz.md)')).toEqual([{ link: '100%25%zz.md', displayText: 't', original: '[t](100%25%zz.md)' }]);
  });

  it('records an image inside a link as an embed and the link itself', () => {
    const doc = parseNote('[![pic](a.png)](Note.md)');
    expect(doc.embeds.map((e) => e.link)).toEqual(['a.png']);
    expect(doc.links.map((l) => l.link)).toEqual(['Note.md']);
  });
});

describe('link helpers', () => {
  it('linkpathOf drops the heading or block part', () => {
    expect(linkpathOf('Note#Heading')).toBe('Note');
    expect(linkpathOf('folder/Note.md#^block')).toBe('folder/Note.md');
    expect(linkpathOf('#Heading')).toBe('');
    expect(linkpathOf('Note')).toBe('Note');
  });

  it('parseLinktext splits path and subpath', () => {
    expect(parseLinktext('Note#h1#h2')).toEqual({ path: 'Note', subpath: '#h1#h2' });
    expect(parseLinktext('Note')).toEqual({ path: 'Note', subpath: '' });
  });
});
