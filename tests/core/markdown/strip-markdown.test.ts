import { describe, expect, it } from 'vitest';
import { noteTitleFromPath, stripMarkdown } from '../../../src/core/markdown';

describe('stripMarkdown', () => {
  it('keeps link display text and drops file embeds', () => {
    expect(stripMarkdown('See [[Note|the note]], [[Other#Part]] and [docs](Guide.md). ![[pic.png]] ![[Embedded note]]')).toBe(
      'See the note, Other > Part and docs.  Embedded note',
    );
  });

  it('removes emphasis, highlight and code markers', () => {
    expect(stripMarkdown('**bold** *it* _it2_ ~~gone~~ ==marked== `code` snake_case_word 2*3*4')).toBe(
      'bold it it2 gone marked code snake_case_word 2*3*4',
    );
  });

  it('removes callout, quote, heading and list markers but keeps the words', () => {
    expect(stripMarkdown('> [!info] Definição\n> O **modelo** aprende.\n\n## Título ##\n\n- [ ] tarefa\n1. item ^block-id')).toBe(
      'Definição\nO modelo aprende.\n\nTítulo\n\ntarefa\nitem',
    );
  });

  it('removes comments, HTML, footnote references and fence lines', () => {
    expect(stripMarkdown('a %% hidden %% b <!-- html --> c<br>d[^1]\n```js\nx = 1\n```')).toBe('a  b  cd\nx = 1');
  });

  it('removes table delimiter rows', () => {
    expect(stripMarkdown('| a | b |\n|---|:-:|\n| 1 | 2 |')).toBe('| a | b |\n| 1 | 2 |');
  });
});

describe('noteTitleFromPath', () => {
  it('drops folders and the .md extension only', () => {
    expect(noteTitleFromPath('folder/sub/My Note.md')).toBe('My Note');
    expect(noteTitleFromPath('Note.MD')).toBe('Note');
    expect(noteTitleFromPath('img/picture.png')).toBe('picture.png');
    expect(noteTitleFromPath('plain')).toBe('plain');
  });
});
