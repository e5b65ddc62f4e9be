import { describe, expect, it } from 'vitest';
import { toMarkdownWithWikilinks } from '../../../src/core/answer/markdown-export';
import type { AnswerCitation } from '../../../src/core/answer/types';

const citations: AnswerCitation[] = [
  { n: 1, path: 'IA/Transfer Learning.md', title: 'Transfer Learning', line: 5, linktext: 'Transfer Learning' },
  { n: 3, path: 'IA/RAG.md', title: 'RAG', heading: 'RAG: como funciona', line: 12, linktext: 'RAG#RAG como funciona' },
];
const answer = 'Transfer learning reaproveita um modelo [1].\n\nPrimeiro a pergunta vira um vetor [3]. O artigo \\[2\\] explica [1][3].';

describe('toMarkdownWithWikilinks', () => {
  it('turns markers into footnotes whose text is the wikilink to the cited heading', () => {
    expect(toMarkdownWithWikilinks({ answer, citations })).toBe(
      'Transfer learning reaproveita um modelo[^1].\n\nPrimeiro a pergunta vira um vetor[^3]. O artigo \\[2\\] explica[^1][^3].\n\n' +
        '[^1]: [[Transfer Learning]]\n[^3]: [[RAG#RAG como funciona]]\n',
    );
  });

  it('prefixes footnote labels so two pasted answers do not collide', () => {
    const markdown = toMarkdownWithWikilinks({ answer: 'Um fato [3].', citations }, { labelPrefix: 'q2-' });
    expect(markdown).toBe('Um fato[^q2-3].\n\n[^q2-3]: [[RAG#RAG como funciona]]\n');
  });

  it('can keep the markers and list the sources instead', () => {
    expect(toMarkdownWithWikilinks({ answer: 'Um fato [3].', citations }, { style: 'list', sourcesHeading: 'Fontes' })).toBe(
      'Um fato [3].\n\nFontes:\n1. [[Transfer Learning]]\n3. [[RAG#RAG como funciona]]\n',
    );
  });

  it('leaves an answer without citations as it is', () => {
    expect(toMarkdownWithWikilinks({ answer: 'Suas notas não parecem conter a resposta.', citations: [] })).toBe('Suas notas não parecem conter a resposta.');
  });
});
