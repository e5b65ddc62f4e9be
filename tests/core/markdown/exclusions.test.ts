import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/core/markdown';

/** What the note would index: links, embeds and tags. */
function found(text: string): string[] {
  const doc = parseNote(text);
  return [...doc.links.map((l) => l.original), ...doc.embeds.map((e) => e.original), ...doc.tags.map((t) => t.tag)];
}

describe('what hides links and tags', () => {
  it('fenced code with backticks or tildes, longer fences and indented fences', () => {
    expect(found('```\n[[a]] #t\n```\n~~~\n[[b]]\n~~~\n````\n```\n[[c]]\n````\n  ```js\n  [[d]]\n  ```\n')).toEqual([]);
  });

  it('an unterminated fence hides everything to the end of the note', () => {
    expect(found('text [[before]]\n```\n[[a]]\n\n#t\n')).toEqual(['[[before]]']);
  });

  it('a closing fence must be at least as long as the opening one', () => {
    expect(found('````\n```\n[[inside]]\n````\n[[after]]\n')).toEqual(['[[after]]']);
  });

  it('fenced code inside list items and quotes', () => {
    expect(found('- item\n  ```\n  [[a]]\n  ```\n> ```\n> [[b]]\n> ```\n')).toEqual([]);
  });

  it('indented code (4 spaces or a tab), but not an indented paragraph continuation', () => {
    expect(found('para\n\n    [[code]]\n\n\t#code\n')).toEqual([]);
    expect(found('para\n    [[continued]]\n')).toEqual(['[[continued]]']);
  });

  it('inline code spans of any backtick length', () => {
    expect(found('`[[a]]` ``[[b]] ` still`` ```#t``` `unclosed [[c]]')).toEqual(['[[c]]']);
  });

  it('math, inline and in blocks', () => {
    expect(found('$[[a]]$ and $$#t$$\n\n$$\n[[b]]\n$$\n\ncost $5 and [[c]] $10')).toEqual(['[[c]]']);
  });

  it('HTML comments and HTML blocks', () => {
    expect(found('<!--\n[[a]]\n-->\n\ntext <!-- [[b]] #t --> [[c]]\n\n<div>\n[[d]]\n</div>\n')).toEqual(['[[c]]']);
  });

  it('Obsidian still indexes tags and links inside %% comments (oracle comments_markdown_style)', () => {
    expect(found('text %% #inline [[a]] %% end\n\n%%\n#block [[b]]\n%%\n')).toEqual(['[[a]]', '[[b]]', '#inline', '#block']);
  });

  it('but a %% comment block hides its list items and headings', () => {
    const doc = parseNote('%%\n- [ ] task\n# Heading\n%%\n');
    expect(doc.listItems).toEqual([]);
    expect(doc.headings).toEqual([]);
    expect(doc.sections.map((s) => s.type)).toEqual(['comment']);
  });

  it('backslash escapes', () => {
    expect(found('\\[\\[a\\]\\] \\#t \\![[b]]')).toEqual(['[[b]]']);
  });
});
