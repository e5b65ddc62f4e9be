import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sampleEvenly } from '../../../src/core/retrieval/sample';
import { snippetAround, snippetOf, chunkBody } from '../../../src/core/retrieval/related-passage';
import { keyTermQuery } from '../../../src/core/retrieval/related-lexical';
import { indirectStrength } from '../../../src/core/retrieval/link-evidence';
import type { NoteRecord } from '../../../src/core/index/types';
import type { Chunk } from '../../../src/core/chunking/types';

function chunk(text: string, extra: Partial<Chunk> = {}): Chunk {
  return { id: `n.md#${text.length}`, path: 'n.md', hash: 'h', kind: 'section', headingTrail: [], startLine: 0, endLine: 0, text, links: [], embeds: [], highlights: [], tokens: 1, ...extra };
}

describe('sampleEvenly', () => {
  it('keeps short lists whole and spreads long ones, first and last included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 100 }), fc.integer({ min: 2, max: 20 }), (items, max) => {
        const sample = sampleEvenly(items, max);
        expect(sample.length).toBe(Math.min(items.length, max));
        if (items.length > 0) {
          expect(sample[0]).toBe(items[0]);
          expect(sample.at(-1)).toBe(items.at(-1));
        }
      }),
    );
  });
});

describe('snippets', () => {
  it('are flat, at most the length asked, and marked when cut', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 10, max: 200 }), (text, max) => {
        const s = snippetOf(text, max);
        expect(s.length).toBeLessThanOrEqual(max);
        expect(s).not.toMatch(/\s\s|\n/);
        if (text.replace(/\s+/g, ' ').trim().length > max) expect(s.endsWith('…')).toBe(true);
      }),
    );
  });

  it('around a term show the term wherever the text mentions it, within the length asked', () => {
    const word = fc.stringMatching(/^[a-zà-ú]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 80 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(word, { maxLength: 40 }), fc.integer({ min: 60, max: 240 }), (before, term, after, max) => {
        const phrase = term.join(' ');
        fc.pre(phrase.length <= max / 5);
        const text = [...before, phrase.toUpperCase(), ...after].join(' ');
        const s = snippetAround(text, phrase, max);
        expect(s.length).toBeLessThanOrEqual(max);
        expect(s.toLowerCase()).toContain(phrase);
        if (!text.toLowerCase().slice(0, Math.floor(max * 0.6)).includes(phrase)) expect(s.startsWith('…')).toBe(true);
      }),
    );
    // The card case that showed it: the mention sits at the end of a long paragraph.
    const paragraph = 'O paralelismo permitiu treinar em GPUs com volumes enormes de dados, o que abriu caminho para os LLMs. Nos modelos muito grandes, a camada feed-forward às vezes é trocada por um conjunto de especialistas, dos quais só alguns são consultados por token (Mixture of Experts).';
    expect(snippetAround(paragraph, 'Mixture of Experts')).toContain('(Mixture of Experts).');
    expect(snippetAround('Short text without it.', 'Mixture of Experts')).toBe('Short text without it.');
  });

  it('drop the callout title the chunker puts in front', () => {
    expect(chunkBody(chunk('Definição RAG é uma técnica.', { kind: 'definition', callout: { type: 'info', title: 'Definição' } }))).toBe('RAG é uma técnica.');
    expect(chunkBody(chunk('Plain text.'))).toBe('Plain text.');
  });
});

describe('keyTermQuery', () => {
  it('puts the authored parts first (title, aliases, headings, highlights), then repeated words', () => {
    const note = {
      path: 'n.md',
      meta: { title: 'Busca vetorial', aliases: ['busca semântica'], tags: [], links: [], warnings: [] },
      chunks: [
        chunk('vetores vetores consulta consulta índice', { headingTrail: ['Busca vetorial', 'Como funciona'], highlights: ['compara significados'] }),
        chunk('vetores e mais vetores; a consulta', { headingTrail: ['Busca vetorial', 'Exemplo'] }),
      ],
    } as unknown as NoteRecord;
    const query = keyTermQuery(note);
    expect(query.startsWith('Busca vetorial busca semântica Como funciona Exemplo compara significados')).toBe(true);
    expect(query).toContain('vetores');
    expect(query).toContain('consulta');
    expect(query).not.toContain('índice'); // said once only
  });
});

describe('indirectStrength', () => {
  it('grows with the Adamic–Adar sum and stays below 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(indirectStrength(lo)).toBeLessThanOrEqual(indirectStrength(hi));
        expect(indirectStrength(hi)).toBeLessThan(1);
      }),
    );
    expect(indirectStrength(0)).toBe(0);
  });
});
