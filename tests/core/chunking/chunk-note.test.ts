import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNote } from '../../../src/core/markdown';
import { chunkNote, contentHash, embeddingText, estimateTokens } from '../../../src/core/chunking';

function chunk(text: string, tokenBudget?: number) {
  return chunkNote('Conceitos/Nota.md', text, parseNote(text), tokenBudget ? { tokenBudget } : {});
}

const conceptNote = `---
tags:
  - inteligência_artificial
---
# Aprendizado por transferência

> [!info] Definição
> Reaproveitar o que um modelo ==aprendeu numa tarefa== para resolver outra tarefa parecida.

Em vez de começar do zero, ajusta-se um modelo já treinado, como o [[GPT]] ou o [[BERT|modelo BERT]].

## Exemplos

- Classificar sentimentos com ==poucos dados rotulados==
- Ver também ![[Fine-tuning#Como funciona]]
`;

describe('chunkNote on a concept note', () => {
  const chunks = chunk(conceptNote);

  it('makes the Definição callout its own definition chunk, with its title and heading trail', () => {
    const def = chunks.filter((c) => c.kind === 'definition');
    expect(def).toHaveLength(1);
    expect(def[0]!.callout).toEqual({ type: 'info', title: 'Definição' });
    expect(def[0]!.headingTrail).toEqual(['Aprendizado por transferência']);
    expect(def[0]!.text).toBe('Definição\nReaproveitar o que um modelo aprendeu numa tarefa para resolver outra tarefa parecida.');
    expect(def[0]!.startLine).toBe(6);
    expect(def[0]!.endLine).toBe(7);
    expect(def[0]!.highlights).toEqual(['aprendeu numa tarefa']);
  });

  it('keeps short sections whole and records their links with display text in the plain text', () => {
    const intro = chunks.find((c) => c.kind === 'section' && c.headingTrail.length === 1)!;
    expect(intro.text).toBe('Em vez de começar do zero, ajusta-se um modelo já treinado, como o GPT ou o modelo BERT.');
    expect(intro.links).toEqual(['GPT', 'BERT']);
    expect(intro.startLine).toBe(9);
  });

  it('does not inline embedded notes but records the embed, and keeps list highlights', () => {
    const examples = chunks.find((c) => c.headingTrail.join('/') === 'Aprendizado por transferência/Exemplos')!;
    expect(examples.embeds).toEqual(['Fine-tuning#Como funciona']);
    expect(examples.text).not.toContain('![[');
    expect(examples.highlights).toEqual(['poucos dados rotulados']);
  });

  it('orders chunks by position and gives ids made of path and content hash', () => {
    expect(chunks.map((c) => c.startLine)).toEqual([...chunks.map((c) => c.startLine)].sort((a, b) => a - b));
    for (const c of chunks) {
      expect(c.id).toBe(`Conceitos/Nota.md#${c.hash}`);
      expect(c.hash).toMatch(/^[0-9a-f]{16}$/);
      expect(c.tokens).toBe(estimateTokens(embeddingText(c)));
    }
  });
});

describe('chunk identity', () => {
  it('keeps the id of an unchanged chunk when another part of the note changes', () => {
    const before = chunk(conceptNote);
    const after = chunk(conceptNote.replace('Classificar sentimentos', 'Classificar opiniões'));
    const def = (cs: typeof before) => cs.find((c) => c.kind === 'definition')!.id;
    expect(def(after)).toBe(def(before));
    const changed = after.filter((c) => !before.some((b) => b.id === c.id));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.headingTrail.at(-1)).toBe('Exemplos');
  });

  it('disambiguates identical chunks within one note', () => {
    const text = '# A\nmesmo texto\n# A\nmesmo texto\n';
    const ids = chunk(text).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hashes content deterministically', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).not.toBe(contentHash('abd'));
  });
});

describe('sizes', () => {
  it('makes a two-line note a chunk: there is no minimum length', () => {
    const chunks = chunk('# Token\nUnidade mínima de texto.');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toBe('Unidade mínima de texto.');
  });

  it('keeps a note with only a heading findable', () => {
    expect(chunk('# Mixture of Experts\n').map((c) => c.text)).toEqual(['Mixture of Experts']);
  });

  it('splits a long section at paragraph boundaries under the budget', () => {
    const paragraph = (i: number) => `Parágrafo ${i}: ${'palavra '.repeat(40).trim()}.`;
    const text = `# Longa\n\n${[1, 2, 3, 4, 5].map(paragraph).join('\n\n')}\n`;
    const chunks = chunk(text, 100);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.tokens).toBeLessThanOrEqual(100 + estimateTokens('Longa') + 1);
      expect(c.text.startsWith('Parágrafo')).toBe(true);
    }
    expect(chunks.map((c) => c.text).join('\n\n')).toBe([1, 2, 3, 4, 5].map(paragraph).join('\n\n'));
  });

  it('splits a single huge paragraph by sentences and words', () => {
    const text = `# X\n${'Frase curta aqui. '.repeat(300)}\n`;
    const chunks = chunk(text, 64);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(estimateTokens(c.text)).toBeLessThanOrEqual(64);
  });
});

describe('callouts', () => {
  it('types definition callouts by type or title, case-insensitively, and others as callout', () => {
    const text = [
      '> [!INFO] Definição', '> a', '',
      '> [!definition]', '> b', '',
      '> [!note] Definition', '> c', '',
      '> [!example] Exemplo', '> d', '',
      '> [!warning]- Cuidado', '> e',
    ].join('\n');
    const kinds = chunk(text).map((c) => [c.callout?.type, c.kind]);
    expect(kinds).toEqual([
      ['info', 'definition'],
      ['definition', 'definition'],
      ['note', 'definition'],
      ['example', 'callout'],
      ['warning', 'callout'],
    ]);
  });

  it('gives a nested callout its own chunk and leaves its lines out of the parent', () => {
    const text = ['> [!note] Fora', '> texto de fora', '> > [!info] Definição', '> > texto de dentro', '> mais fora'].join('\n');
    const chunks = chunk(text);
    const outer = chunks.find((c) => c.callout?.type === 'note')!;
    const inner = chunks.find((c) => c.callout?.type === 'info')!;
    expect(outer.text).toContain('texto de fora');
    expect(outer.text).not.toContain('texto de dentro');
    expect(inner.kind).toBe('definition');
    expect(inner.text).toContain('texto de dentro');
  });
});

describe('robustness', () => {
  it('never throws and keeps every chunk inside the note', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 16, max: 300 }), (text, budget) => {
        const lines = text.split('\n').length;
        for (const c of chunk(text, budget)) {
          expect(c.startLine).toBeGreaterThanOrEqual(0);
          expect(c.endLine).toBeLessThan(lines);
          expect(c.startLine).toBeLessThanOrEqual(c.endLine);
          expect(c.text.trim()).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });
});
