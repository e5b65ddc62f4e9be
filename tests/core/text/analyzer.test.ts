import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, analyzeQuery, contentWords, fold } from '../../../src/core/text';

const ptStem = (word: string) => analyze(word, 'pt');

describe('fold', () => {
  it('strips accents and lower-cases, in NFC and NFD input alike', () => {
    expect(fold('Definição')).toBe('definicao');
    expect(fold('TRANSFERÊNCIA')).toBe('transferencia');
    expect(fold('Definic\u0327a\u0303o')).toBe('definicao');
  });
});

describe('Portuguese analysis', () => {
  it('makes definição, definicao, definições and definicoes one term', () => {
    const stems = ['definição', 'definicao', 'definições', 'definicoes', 'Definição'].map(ptStem);
    expect(new Set(stems.map((s) => s.join()))).toEqual(new Set([stems[0]!.join()]));
    expect(stems[0]).toHaveLength(1);
  });

  it('makes transferência and transferencia (and plurals) one term', () => {
    const stems = ['transferência', 'transferencia', 'transferências', 'transferencias'].map(ptStem);
    expect(new Set(stems.map((s) => s.join())).size).toBe(1);
  });

  it('joins -ção words with their verbs where Snowball does (informação ↔ informar)', () => {
    expect(ptStem('informações')).toEqual(ptStem('informar'));
    expect(ptStem('informacao')).toEqual(ptStem('informação'));
  });

  it('any word and its unaccented spelling always get the same stems', () => {
    const letters = 'aáàâãeéêiíoóôõuúçbcdlmnrst';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters.split('')), { minLength: 2, maxLength: 14 }), (chars) => {
        const word = chars.join('');
        for (const language of ['pt', 'en', 'both'] as const) {
          expect(analyze(word, language)).toEqual(analyze(fold(word), language));
        }
      }),
    );
  });
});

describe('English analysis', () => {
  it('stems inflections together', () => {
    expect(analyze('linking', 'en')).toEqual(analyze('links', 'en'));
    expect(analyze('notes', 'en')).toEqual(analyze('note', 'en'));
    expect(analyze('definitions', 'en')).toEqual(analyze('definition', 'en'));
  });
});

describe('stopwords', () => {
  it('drops Portuguese and English function words, keeps content words', () => {
    expect(contentWords('O que é a definição de um link para as notas?')).toEqual(['definicao', 'link', 'notas']);
    expect(contentWords('What is the definition of a note in the vault?')).toEqual(['definition', 'note', 'vault']);
  });

  it('a query of only stopwords yields no terms', () => {
    expect(analyzeQuery('o que é isso')).toEqual([]);
  });
});

describe('analyzeQuery', () => {
  it('gives both stems of each word, once', () => {
    const terms = analyzeQuery('notas notas');
    expect(terms).toContain(analyze('notas', 'pt')[0]);
    expect(terms).toContain(analyze('notas', 'en')[0]);
    expect(new Set(terms).size).toBe(terms.length);
  });
});
