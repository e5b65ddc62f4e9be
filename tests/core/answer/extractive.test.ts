import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../../src/core/answer/extractive';
import { selectSources } from '../../../src/core/answer/sources';
import { checkCitations } from '../../../src/core/answer/citations';
import { foldedTokens } from '../../../src/core/answer/text';
import type { Passage } from '../../../src/core/retrieval/types';
import type { ExtractiveAnswer } from '../../../src/core/answer/types';
import * as f from './fixtures';

const portugueseNotes = [f.transferPractice, f.transferDefinition, f.ragDefinition, f.llmSection, f.llmDefinition, f.ragSteps, f.breadNote];
const englishNotes = [f.attentionDetails, f.attentionDefinition, f.transformerNote];
const aliases = new Map([
  ['IA/Large Language Model.md', ['LLM', 'LLMs']],
  ['IA/Transfer Learning.md', ['aprendizado por transferência']],
]);

function ask(question: string, passages: readonly Passage[], conceptNotes?: ReadonlyMap<string, readonly string[]>): ExtractiveAnswer {
  return extractiveAnswer({ question, sources: selectSources(passages, { budgetTokens: 4000 }), conceptNotes });
}

/** Every quoted sentence is verbatim text of the source it cites: nothing invented, nothing translated. */
function expectQuotedFromSources(result: ExtractiveAnswer, passages: readonly Passage[]): void {
  const sources = selectSources(passages, { budgetTokens: 4000 });
  for (const sentence of result.sentences) {
    const source = sources.find((s) => s.n === sentence.source);
    const flat = (text: string) => foldedTokens(text).join(' ');
    expect(flat(source?.passage.text ?? '')).toContain(flat(sentence.text));
  }
}

function wordsIn(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe('extractiveAnswer, Portuguese notes', () => {
  it('leads "O que é aprendizado por transferência?" with the definition callout and cites it', () => {
    const result = ask('O que é aprendizado por transferência?', portugueseNotes);
    expect(result.found).toBe(true);
    // The definition is source 2 (retrieval ranked the practice passage first) and still comes first.
    expect(result.sentences[0]).toEqual({ source: 2, text: f.transferDefinition.text.split('\n')[1] });
    expect(result.answer.startsWith('Transfer learning, ou aprendizado por transferência, é a técnica')).toBe(true);
    expect(result.answer.split('\n\n')[0]).toMatch(/tarefa parecida \[2\]\.$/);
    expect(result.citations.map((c) => c.n)).toContain(2);
    expect(result.citations.find((c) => c.n === 2)).toMatchObject({ path: 'IA/Transfer Learning.md', line: 5, linktext: 'Transfer Learning' });
    // The rest of the concept's note explains it; the bread and RAG notes have nothing to add.
    expect(new Set(result.sentences.map((s) => s.source))).toEqual(new Set([1, 2]));
    expect(result.sentences.length).toBeGreaterThanOrEqual(2);
    expect(result.sentences.length).toBeLessThanOrEqual(4);
    expectQuotedFromSources(result, portugueseNotes);
  });

  it('cites every sentence, and the answer passes its own citation check', () => {
    const result = ask('O que é aprendizado por transferência?', portugueseNotes);
    const check = checkCitations(result.answer, 7);
    expect(check.invalid).toEqual([]);
    expect(check.uncitedSentences).toEqual([]);
    expect(check.answer).toBe(result.answer);
    expect(result.sentences.every((s) => result.answer.includes(`[${s.source}]`))).toBe(true);
  });

  it('finds the definition through an alias, not a passing mention in another definition', () => {
    const result = ask('O que é um LLM?', portugueseNotes, aliases);
    expect(result.found).toBe(true);
    const llmDefinitionNumber = portugueseNotes.indexOf(f.llmDefinition) + 1;
    expect(result.sentences[0]?.source).toBe(llmDefinitionNumber);
    expect(result.answer.startsWith('Um Large Language Model é um modelo de linguagem')).toBe(true);
  });

  it('quotes a lead-in together with its short list', () => {
    const result = ask('Quais são alguns exemplos de LLMs?', portugueseNotes, aliases);
    expect(result.found).toBe(true);
    expect(result.sentences.map((s) => s.text)).toContain('Alguns exemplos conhecidos: GPT, da OpenAI; Gemini, do Google; Llama, da Meta.');
  });

  it('answers a how-to with the list the note gives for it', () => {
    const result = ask('Como melhorar as respostas de um LLM?', portugueseNotes, aliases);
    expect(result.found).toBe(true);
    expect(result.sentences.map((s) => s.text)).toContain('Formas de melhorar as respostas de um LLM: RAG (Retrieval Augmented Generation); Ajuste fino com dados do domínio.');
  });

  it('explains how RAG works in the order the note tells it', () => {
    const result = ask('Como funciona o RAG?', portugueseNotes);
    expect(result.found).toBe(true);
    const steps = result.sentences.filter((s) => s.source === portugueseNotes.indexOf(f.ragSteps) + 1).map((s) => s.text);
    expect(steps).toEqual(f.ragSteps.text.split('\n'));
    expect(result.citations.find((c) => c.n === portugueseNotes.indexOf(f.ragSteps) + 1)?.linktext).toBe('RAG (Retrieval Augmented Generation)#RAG como funciona');
  });

  it('returns found:false with a plain message when the notes do not hold the answer', () => {
    for (const question of ['Qual a capital da França?', 'Como treinar um cachorro?']) {
      const result = ask(question, portugueseNotes);
      expect(result).toEqual({
        mode: 'extractive',
        found: false,
        answer: 'Suas notas não parecem conter a resposta para esta pergunta.',
        sentences: [],
        citations: [],
      });
    }
  });

  it('returns found:false when nothing was retrieved or the question has no content words', () => {
    expect(ask('O que é RAG?', []).found).toBe(false);
    expect(ask('O que é isso?', portugueseNotes).found).toBe(false);
  });
});

describe('extractiveAnswer, notes the question names', () => {
  const sources = selectSources([f.ragSteps, f.llmDefinition, f.ragDefinition, f.transferDefinition], { budgetTokens: 4000 });
  const compare = 'Qual a diferença entre RAG e LLM?';

  it('opens a comparison with each named note\'s definition, in the order given', () => {
    const result = extractiveAnswer({ question: compare, sources, leadNotes: [f.ragDefinition.path, f.llmDefinition.path] });
    const bySource = (n: number) => sources.find((s) => s.n === n)?.passage;
    expect(result.sentences.slice(0, 2).map((s) => bySource(s.source))).toEqual([f.ragDefinition, f.llmDefinition]);
    expectQuotedFromSources(result, [f.ragSteps, f.llmDefinition, f.ragDefinition, f.transferDefinition]);
  });

  it('ignores a single named note, and names given for a definition question', () => {
    const single = extractiveAnswer({ question: compare, sources, leadNotes: [f.ragDefinition.path] });
    const none = extractiveAnswer({ question: compare, sources });
    expect(single).toEqual(none);
    const definition = extractiveAnswer({ question: 'O que é RAG?', sources, leadNotes: [f.llmDefinition.path, f.transferDefinition.path] });
    expect(definition).toEqual(extractiveAnswer({ question: 'O que é RAG?', sources }));
  });
});

describe('extractiveAnswer, English notes', () => {
  it('answers "What is attention?" with the definition first, in English, with citations', () => {
    const result = ask('What is attention?', englishNotes);
    expect(result.found).toBe(true);
    expect(result.sentences[0]).toEqual({ source: 2, text: f.attentionDefinition.text.split('\n')[1] });
    expect(result.answer).toMatch(/^Attention is a mechanism that lets a neural network/);
    expect(result.citations.find((c) => c.n === 1)?.linktext).toBe('Attention mechanism#^qkv');
    expectQuotedFromSources(result, englishNotes);
    expect(wordsIn(result.answer)).toBeLessThanOrEqual(140);
  });

  it("says so in English when English notes don't hold the answer", () => {
    const result = ask('Who won the 2018 World Cup?', englishNotes);
    expect(result.found).toBe(false);
    expect(result.answer).toBe("Your notes don't seem to contain the answer to this question.");
  });

  it('answers an English question from Portuguese notes in the notes\' own words', () => {
    const result = ask('What is transfer learning?', portugueseNotes);
    expect(result.found).toBe(true);
    expect(result.answer).toMatch(/^Transfer learning, ou aprendizado por transferência/);
    expectQuotedFromSources(result, portugueseNotes);
  });
});

describe('extractiveAnswer, selection', () => {
  it('does not repeat a sentence that another source says again', () => {
    const copy = f.passage({
      path: 'Inbox/Resumo de atenção.md',
      text: 'Attention is a mechanism that lets a neural network weigh every part of its input when producing each output.\nMy summary of the lecture on sequence models, with homework notes and dates for the exam.',
    });
    const result = ask('What is attention?', [f.attentionDefinition, copy, f.attentionDetails]);
    const weighs = result.sentences.filter((s) => s.text.startsWith('Attention is a mechanism'));
    expect(weighs).toHaveLength(1);
  });

  it('stays within the sentence and word caps on a long note', () => {
    const long = f.passage({
      path: 'ML/Long.md',
      text: Array.from({ length: 30 }, (_, i) => `Attention variant number ${i} changes how the attention weights are computed in layer ${i}.`).join('\n'),
    });
    const result = ask('Explain attention', [long]);
    expect(result.sentences.length).toBeLessThanOrEqual(6);
    expect(wordsIn(result.sentences.map((s) => s.text).join(' '))).toBeLessThanOrEqual(160);
  });

  it('keeps bracketed numbers from a note from looking like citations', () => {
    const note = f.passage({ path: 'ML/Papers.md', text: 'Attention was popularised by the transformer paper [12], which dropped recurrence.' });
    const result = ask('Who popularised attention?', [note]);
    expect(result.answer).toContain('\\[12\\]');
    expect(checkCitations(result.answer, 1).invalid).toEqual([]);
  });

  it('orders supporting sentences by source and then as the note has them', () => {
    const result = ask('How does attention work in a transformer?', englishNotes);
    const keys = result.sentences.map((s) => [s.source, englishNotes[s.source - 1]?.text.indexOf(s.text) ?? -1] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
  });
});
