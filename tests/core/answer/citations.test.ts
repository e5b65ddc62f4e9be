import { describe, expect, it } from 'vitest';
import { checkCitations } from '../../../src/core/answer/citations';

describe('checkCitations', () => {
  it('accepts valid markers in every common form and lists sources in first-use order', () => {
    const result = checkCitations('RAG busca trechos [2]. Depois gera a resposta [1, 3]. Cita as notas [4][1]. Usa vetores [2-3].', 4);
    expect(result.used).toEqual([2, 1, 3, 4]);
    expect(result.invalid).toEqual([]);
    expect(result.uncitedSentences).toEqual([]);
    expect(result.answer).toBe('RAG busca trechos [2]. Depois gera a resposta [1][3]. Cita as notas [4][1]. Usa vetores [2][3].');
  });

  it('flags and removes a number that is not among the sources', () => {
    const result = checkCitations('O modelo é ajustado com poucos dados [9]. Isso poupa tempo [2].', 4);
    expect(result.invalid).toEqual([9]);
    expect(result.used).toEqual([2]);
    expect(result.answer).toBe('O modelo é ajustado com poucos dados. Isso poupa tempo [2].');
    expect(result.uncitedSentences).toEqual(['O modelo é ajustado com poucos dados.']);
  });

  it('keeps the valid part of a mixed marker', () => {
    const result = checkCitations('Afirmação sustentada [2, 7, 3].', 4);
    expect(result.answer).toBe('Afirmação sustentada [2][3].');
    expect(result.invalid).toEqual([7]);
  });

  it('can leave invalid numbers in place and only report them', () => {
    const result = checkCitations('Afirmação sem base [5].', 4, { removeInvalid: false });
    expect(result.answer).toBe('Afirmação sem base [5].');
    expect(result.invalid).toEqual([5]);
    expect(result.uncitedSentences).toEqual(['Afirmação sem base [5].']);
  });

  it('reads the wordier markers some models write', () => {
    expect(checkCitations('Frase um [Fonte 1]. Frase dois [source: 2]. Frase três [1 e 2].', 2).answer).toBe('Frase um [1]. Frase dois [2]. Frase três [1][2].');
  });

  it('marks sentences without a citation with their offsets, also when the marker follows the full stop', () => {
    const answer = 'Transfer learning reaproveita um modelo. [1] Isso reduz custos. Funciona bem com poucos dados [2].\n\n- Um item de lista sem fonte\n- Outro item citado [1]';
    const result = checkCitations(answer, 2);
    expect(result.uncitedSentences).toEqual(['Isso reduz custos.', 'Um item de lista sem fonte']);
    for (const range of result.uncited) expect(result.answer.slice(range.start, range.end)).toBe(range.text);
  });

  it('does not treat links, footnotes, wikilinks, escaped brackets or lead-ins as citations or claims', () => {
    const answer = '## Resposta\nVeja [3](https://example.com) e [[3]] e [^1] e \\[3\\] e `lista[5]` no texto [1].\nPassos:\n```\ncódigo [7] sem citação\n```';
    const result = checkCitations(answer, 2);
    expect(result.invalid).toEqual([]);
    expect(result.used).toEqual([1]);
    expect(result.answer).toBe(answer);
    expect(result.uncitedSentences).toEqual([]);
  });

  it('treats a reversed or huge range as the two numbers it names', () => {
    expect(checkCitations('Algo [3-1].', 4).used).toEqual([3, 1]);
    expect(checkCitations('Algo [1-500].', 4).invalid).toEqual([500]);
  });

  it('accepts an explicit set of valid numbers', () => {
    const result = checkCitations('A [1]. B [3].', [1, 2]);
    expect(result.invalid).toEqual([3]);
  });
});
