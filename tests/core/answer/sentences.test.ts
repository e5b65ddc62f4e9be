import { describe, expect, it } from 'vitest';
import { splitSentences, splitUnits } from '../../../src/core/answer/sentences';

const texts = (paragraph: string) => splitSentences(paragraph).map((s) => s.text);

describe('splitSentences', () => {
  it('splits Portuguese and English prose at sentence ends', () => {
    expect(texts('O modelo aprende padrões. Depois é ajustado! Funciona? Sim.')).toEqual(['O modelo aprende padrões.', 'Depois é ajustado!', 'Funciona?', 'Sim.']);
    expect(texts('Attention weighs inputs. It was introduced in 2017.')).toEqual(['Attention weighs inputs.', 'It was introduced in 2017.']);
  });

  it('does not split after abbreviations, initials or inside decimals', () => {
    expect(texts('Use um modelo menor, ex. O BERT base, quando houver pouca memória.')).toHaveLength(1);
    expect(texts('Segundo o Dr. Silva e a Profa. Lima, funciona. Outra frase.')).toEqual(['Segundo o Dr. Silva e a Profa. Lima, funciona.', 'Outra frase.']);
    expect(texts('Common heads, e.g. Syntax heads, track structure. See J. Smith for more.')).toEqual(['Common heads, e.g. Syntax heads, track structure.', 'See J. Smith for more.']);
    expect(texts('A taxa caiu para 3.5 por cento. Depois subiu.')).toEqual(['A taxa caiu para 3.5 por cento.', 'Depois subiu.']);
  });

  it('keeps citation markers that follow a full stop with their sentence', () => {
    expect(texts('Primeira afirmação. [1] Segunda afirmação. [2][3] Terceira [4].')).toEqual([
      'Primeira afirmação. [1]', 'Segunda afirmação. [2][3]', 'Terceira [4].',
    ]);
  });

  it('reports offsets into the paragraph', () => {
    const paragraph = 'Um.  Dois três.';
    for (const span of splitSentences(paragraph)) expect(paragraph.slice(span.start, span.end)).toBe(span.text);
  });
});

describe('splitUnits', () => {
  it('drops the callout title line and treats each line as a paragraph', () => {
    const units = splitUnits('Definição\nRAG é uma abordagem de busca e geração. Ela cita as fontes.', { isCallout: true });
    expect(units.map((u) => u.text)).toEqual(['RAG é uma abordagem de busca e geração.', 'Ela cita as fontes.']);
  });

  it('drops a first line that repeats a heading, but not prose', () => {
    expect(splitUnits('Como funciona\nPrimeiro busca. Depois gera.', { labels: ['RAG', 'Como funciona'] }).map((u) => u.text)).toEqual(['Primeiro busca.', 'Depois gera.']);
    expect(splitUnits('Primeiro busca\nDepois gera.', { labels: ['RAG'] }).map((u) => u.text)).toEqual(['Primeiro busca', 'Depois gera.']);
  });

  it('merges a short list with its lead-in, with or without list markers', () => {
    const marked = splitUnits('Exemplos de modelos:\n- GPT, da OpenAI\n- Gemini, do Google\nDepois vem outra frase.');
    expect(marked.map((u) => u.text)).toEqual(['Exemplos de modelos: GPT, da OpenAI; Gemini, do Google.', 'Depois vem outra frase.']);
    expect(marked[0]?.list).toBe(true);
    const bare = splitUnits('Alguns exemplos conhecidos:\nGPT, da OpenAI\nLlama, da Meta');
    expect(bare.map((u) => u.text)).toEqual(['Alguns exemplos conhecidos: GPT, da OpenAI; Llama, da Meta.']);
  });

  it('ends a list at the next lead-in, so each lead-in keeps its own items', () => {
    const units = splitUnits('Modelos conhecidos:\n- GPT\n- BERT\nFormas de melhorar respostas:\n- Recuperação de trechos');
    expect(units.map((u) => u.text)).toEqual(['Modelos conhecidos: GPT; BERT.', 'Formas de melhorar respostas: Recuperação de trechos.']);
    const bare = splitUnits('Modelos conhecidos:\nGPT\nBERT\nFormas de melhorar respostas:\nRecuperação de trechos');
    expect(bare.map((u) => u.text)).toEqual(['Modelos conhecidos: GPT; BERT.', 'Formas de melhorar respostas: Recuperação de trechos.']);
  });

  it('keeps a long list as separate items and marks the lead-in as dangling', () => {
    const items = Array.from({ length: 10 }, (_, i) => `- item número ${i}`).join('\n');
    const units = splitUnits(`Passos:\n${items}`);
    expect(units[0]).toMatchObject({ text: 'Passos:', danglingIntro: true });
    expect(units.slice(1).map((u) => u.text)).toEqual(Array.from({ length: 10 }, (_, i) => `item número ${i}`));
    expect(units.map((u) => u.order)).toEqual(Array.from({ length: 11 }, (_, i) => i));
  });

  it('strips list and task markers from items', () => {
    expect(splitUnits('- [ ] revisar a nota\n1. primeiro passo\n2) segundo passo').map((u) => u.text)).toEqual(['revisar a nota', 'primeiro passo', 'segundo passo']);
  });

  it('leaves tags out of quoted sentences, and a line of tags out altogether', () => {
    const units = splitUnits('O nome vem da ideia de transferir conhecimento. #ia/aprendizado_de_máquina\n#tag1 #outra\nC# e o item #1 ficam.');
    expect(units.map((u) => u.text)).toEqual(['O nome vem da ideia de transferir conhecimento.', 'C# e o item #1 ficam.']);
  });
});
