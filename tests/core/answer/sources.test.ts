import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimateTokens, selectSources } from '../../../src/core/answer/sources';
import { passage, ragDefinition, ragSteps, transferDefinition, transferPractice } from './fixtures';

const words = (n: number, seed = 'palavra') => Array.from({ length: n }, (_, i) => `${seed}${i}`).join(' ');

describe('selectSources', () => {
  it('numbers passages from 1 in rank order and builds their citations', () => {
    const sources = selectSources([transferDefinition, transferPractice, ragSteps], { budgetTokens: 5000 });
    expect(sources.map((s) => s.n)).toEqual([1, 2, 3]);
    expect(sources.map((s) => s.passage)).toEqual([transferDefinition, transferPractice, ragSteps]);
    expect(sources[2]?.citation).toMatchObject({ path: ragSteps.path, heading: 'RAG: como funciona', line: 12, linktext: 'RAG (Retrieval Augmented Generation)#RAG como funciona' });
  });

  it('drops a near-identical copy of a better-ranked passage, whatever its case and punctuation', () => {
    const copy = passage({
      path: 'Inbox/Cópia.md',
      text: transferPractice.text.toUpperCase().replace(/,/g, '').replace('poucos exemplos', 'alguns exemplos'),
    });
    const sources = selectSources([transferPractice, copy, ragDefinition], { budgetTokens: 5000 });
    expect(sources.map((s) => s.passage.path)).toEqual([transferPractice.path, ragDefinition.path]);
    expect(sources.map((s) => s.n)).toEqual([1, 2]);
  });

  it('keeps passages that only share some sentences', () => {
    const partial = passage({ path: 'Outra.md', text: `${transferPractice.text.split('\n')[0] ?? ''}\n${words(40, 'novo')}` });
    expect(selectSources([transferPractice, partial], { budgetTokens: 5000 })).toHaveLength(2);
  });

  it('skips a passage that would overflow the budget but still takes a smaller one after it', () => {
    const big = passage({ path: 'Grande.md', text: words(300) });
    const small = passage({ path: 'Pequena.md', text: words(20, 'curta') });
    const first = passage({ path: 'Primeira.md', text: words(30, 'inicio') });
    const cost = (text: string) => estimateTokens(text) + 24;
    const budget = cost(first.text) + cost(small.text) + 5;
    const sources = selectSources([first, big, small], { budgetTokens: budget });
    expect(sources.map((s) => s.passage.path)).toEqual(['Primeira.md', 'Pequena.md']);
    expect(sources.map((s) => s.n)).toEqual([1, 2]);
  });

  it('always keeps the best passage, cut at a word to fit a budget it alone exceeds', () => {
    const big = passage({ path: 'Grande.md', text: words(400) });
    const [only, ...rest] = selectSources([big], { budgetTokens: 100 });
    expect(rest).toEqual([]);
    expect(only?.passage.text.endsWith('…')).toBe(true);
    expect(estimateTokens(only?.passage.text ?? '')).toBeLessThanOrEqual(100 - 24);
    expect(big.text.startsWith((only?.passage.text ?? '').slice(0, -1))).toBe(true);
  });

  it('respects maxSources', () => {
    expect(selectSources([transferDefinition, transferPractice, ragSteps], { budgetTokens: 5000, maxSources: 2 })).toHaveLength(2);
  });

  it('uses an injected token counter', () => {
    const sources = selectSources([transferDefinition, transferPractice], { budgetTokens: 60, estimateTokens: () => 30, overheadTokens: 0 });
    expect(sources).toHaveLength(2);
  });

  it('never exceeds the budget beyond the first source, never repeats or reorders passages (property)', () => {
    const textArb = fc.array(fc.constantFrom('modelo', 'dados', 'rede', 'atenção', 'texto', 'vetor', 'busca', 'nota'), { minLength: 1, maxLength: 60 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(textArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 30, max: 800 }), (texts, budget) => {
        const passages = texts.map((text, i) => passage({ path: `N${i}.md`, text }));
        const sources = selectSources(passages, { budgetTokens: budget });
        expect(sources.length).toBeGreaterThanOrEqual(1);
        const indexes = sources.map((s) => passages.findIndex((p) => p.path === s.passage.path));
        expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
        expect(indexes[0]).toBe(0);
        const used = sources.slice(1).reduce((sum, s) => sum + estimateTokens(s.passage.text) + 24, 0);
        const firstCost = Math.min(budget, estimateTokens(sources[0]?.passage.text ?? '') + 24);
        expect(firstCost + used).toBeLessThanOrEqual(Math.max(budget, firstCost));
      }),
    );
  });
});
