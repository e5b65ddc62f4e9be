import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../../src/core/answer/question';
import { askedNames, NoteNames } from '../../../src/core/retrieval/question-boost';

const note = (path: string, aliases: string[] = []) => ({ path, meta: { title: path.replace(/^.*\//, '').replace(/\.md$/, ''), aliases } });

const names = new NoteNames([
  note('Transfer Learning (aprendizado por transferência).md', ['aprendizado por transferência', 'Transfer Learning']),
  note('Janela de contexto.md'),
  note('Large Language Model.md', ['LLM']),
  note('Edição e formatação/Propriedades.md'),
  note('Plugin/Canvas.md'),
  note('Modelos/BERT.md'),
  note('Modelos/GPT.md'),
  note('Embeddings.md'),
]);

describe('NoteNames.match', () => {
  it('matches a title, an alias, either half of a parenthetical title, folded for accents and case', () => {
    const tl = 'Transfer Learning (aprendizado por transferência).md';
    for (const phrase of ['aprendizado por transferência', 'APRENDIZADO POR TRANSFERENCIA', 'transfer learning', 'Transfer Learning (aprendizado por transferência)']) {
      expect(names.match(phrase).map((n) => n.path), phrase).toEqual([tl]);
    }
    expect(names.match('LLM')).toEqual([{ path: 'Large Language Model.md', name: 'LLM', strength: 1 }]);
  });

  it('ignores a leading article and a plural s', () => {
    expect(names.match('o Canvas').map((n) => n.path)).toEqual(['Plugin/Canvas.md']);
    expect(names.match('the embedding').map((n) => n.path)).toEqual(['Embeddings.md']);
    expect(names.match('LLMs').map((n) => n.path)).toEqual(['Large Language Model.md']);
  });

  it('matches a name that starts the phrase when a qualifier follows, with less strength', () => {
    expect(names.match('janela de contexto de um LLM')).toEqual([{ path: 'Janela de contexto.md', name: 'Janela de contexto', strength: 0.8 }]);
    expect(names.match('propriedades de uma nota').map((n) => n.path)).toEqual(['Edição e formatação/Propriedades.md']);
    // Without a qualifier the longer phrase is something else ("janela de contexto grande" is not a name).
    expect(names.match('canvas infinito')).toEqual([]);
  });

  it('finds nothing for names that do not exist', () => {
    expect(names.match('capital da França')).toEqual([]);
    expect(names.match('')).toEqual([]);
  });

  it('finds any title however it is cased, accented or preceded by an article (property)', () => {
    const word = fc.stringMatching(/^[a-zà-ú]{3,9}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.constantFrom('', 'o ', 'a ', 'the '), fc.boolean(), (words, article, upper) => {
        const title = words.join(' ');
        const index = new NoteNames([note(`Pasta/${title}.md`)]);
        const typed = article + (upper ? title.toUpperCase() : title.normalize('NFD').replace(/\p{M}+/gu, ''));
        expect(index.match(typed).map((n) => n.path)).toContain(`Pasta/${title}.md`);
      }),
    );
  });
});

describe('NoteNames.mentionedIn', () => {
  it('finds whole names inside a question, longest first, not parts of words', () => {
    expect(names.mentionedIn('Qual a diferença entre BERT e GPT?').map((n) => n.path).sort()).toEqual(['Modelos/BERT.md', 'Modelos/GPT.md']);
    expect(names.mentionedIn('O que é a janela de contexto de um LLM?').map((n) => n.path).sort()).toEqual(['Janela de contexto.md', 'Large Language Model.md']);
    expect(names.mentionedIn('Robertas e gptzinho')).toEqual([]);
  });
});

describe('askedNames', () => {
  const asked = (q: string) => askedNames(analyzeQuestion(q));

  it('is the concept of a definition or explanation question', () => {
    expect(asked('O que é aprendizado por transferência?')).toEqual(['aprendizado por transferência']);
    expect(asked('What is transfer learning?')).toEqual(['transfer learning']);
    expect(asked('Defina tokenização.')).toEqual(['tokenização']);
  });

  it('is both sides of a comparison, in either language', () => {
    expect(asked('Qual a diferença entre BERT e GPT?')).toEqual(['bert', 'gpt']);
    expect(asked('What is the difference between BERT and GPT?')).toEqual(['bert', 'gpt']);
    expect(asked('BERT vs GPT')).toEqual(['bert', 'gpt']);
  });

  it('is nothing for how-to questions, whose object is not what they are about', () => {
    expect(asked('Como criar um link para um cabeçalho?')).toEqual([]);
  });
});
