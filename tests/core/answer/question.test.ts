import { describe, expect, it } from 'vitest';
import { analyzeQuestion, detectLanguage } from '../../../src/core/answer/question';

describe('analyzeQuestion', () => {
  it.each([
    ['O que é aprendizado por transferência?', 'aprendizado por transferência'],
    ['o que é o RAG?', 'RAG'],
    ['O que é **o** RAG?', 'RAG'],
    ['O que são LLMs', 'LLMs'],
    ['Que é um transformer?', 'transformer'],
    ['O que significa fine-tuning?', 'fine-tuning'],
    ['O que quer dizer "embedding"?', 'embedding'],
    ['Defina atenção', 'atenção'],
    ['Definição de aprendizado supervisionado', 'aprendizado supervisionado'],
    ['Qual é a definição de overfitting?', 'overfitting'],
    ['o que e transferencia de aprendizado', 'transferencia de aprendizado'],
  ])('reads the Portuguese definition question %j', (question, concept) => {
    expect(analyzeQuestion(question)).toMatchObject({ lang: 'pt', kind: 'definition', concept });
  });

  it.each([
    ['What is a transformer?', 'transformer'],
    ['what is the attention mechanism', 'attention mechanism'],
    ['What are embeddings?', 'embeddings'],
    ["What's RAG?", 'RAG'],
    ['What’s an LLM?', 'LLM'],
    ['Define overfitting.', 'overfitting'],
    ['What does RLHF mean?', 'RLHF'],
    ['Definition of [[Transfer Learning]]', 'Transfer Learning'],
  ])('reads the English definition question %j', (question, concept) => {
    expect(analyzeQuestion(question)).toMatchObject({ lang: 'en', kind: 'definition', concept });
  });

  it.each([
    ['Explique o mecanismo de atenção', 'pt', 'mecanismo de atenção'],
    ['Como funciona o RAG?', 'pt', 'RAG'],
    ['Explain backpropagation', 'en', 'backpropagation'],
    ['How does attention work?', 'en', 'attention'],
    ['Por que o modelo pré-treinado aprende mais rápido?', 'pt', 'modelo pré-treinado aprende mais rápido'],
  ])('treats %j as an explanation', (question, lang, concept) => {
    expect(analyzeQuestion(question)).toEqual(expect.objectContaining({ lang, kind: 'explanation', concept }));
  });

  it.each([
    ['Como faço para treinar um classificador de sentimentos?', 'pt'],
    ['Como configurar o Ollama?', 'pt'],
    ['How do I fine-tune a model?', 'en'],
    ['How to build a RAG pipeline', 'en'],
  ])('treats %j as a how-to', (question, lang) => {
    expect(analyzeQuestion(question)).toMatchObject({ lang, kind: 'howto' });
  });

  it.each([
    ['Qual a diferença entre RAG e fine-tuning?', 'pt'],
    ['What is the difference between RAG and fine-tuning?', 'en'],
    ['Quais modelos o Google criou?', 'pt'],
  ])('does not take the comparison or open question %j for a definition', (question, lang) => {
    const analysis = analyzeQuestion(question);
    expect(analysis.kind).toBe('other');
    expect(analysis.lang).toBe(lang);
    expect(analysis.concept).toBeUndefined();
  });

  it('keeps content words with their accents and drops stopwords of both languages', () => {
    expect(analyzeQuestion('O que é aprendizado por transferência?').terms).toEqual(['aprendizado', 'transferência']);
    expect(analyzeQuestion('What is the attention mechanism in a transformer?').terms).toEqual(['attention', 'mechanism', 'transformer']);
    expect(analyzeQuestion('Como faço para treinar um modelo pré-treinado?').terms).toEqual(['treinar', 'modelo', 'pré-treinado']);
  });

  it('lists each term once, whatever its case or accents', () => {
    expect(analyzeQuestion('RAG ou rag? Atenção, atencao!').terms).toEqual(['rag', 'atenção']);
  });
});

describe('detectLanguage', () => {
  it('falls back to the given default when a question has no clue', () => {
    expect(detectLanguage('RAG?', 'pt')).toBe('pt');
    expect(detectLanguage('RAG?', 'en')).toBe('en');
  });

  it('takes accented letters as Portuguese evidence', () => {
    expect(detectLanguage('Atenção?')).toBe('pt');
  });
});
