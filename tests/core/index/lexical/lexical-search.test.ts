/**
 * The sliced (de)serialisation reads MiniSearch's protected fields: it must give exactly what
 * `toJSON()` gives and load into an index that searches exactly like `loadJS()`'s, or an
 * upgrade of minisearch changed them.
 */
import MiniSearch from 'minisearch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LexicalSearch } from '../../../../src/core/index/lexical/lexical-search';

interface Doc {
  id: string;
  title: string;
  text: string;
}
const OPTIONS = { fields: ['title', 'text'], storeFields: [] as string[] };
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu'];

const docs = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    title: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }).map((w) => w.join(' ')),
    text: fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' ')),
  }),
  { selector: (d) => d.id, maxLength: 30 },
);

function build(list: Doc[], removeEvery: number): LexicalSearch<Doc> {
  const search = new LexicalSearch<Doc>(OPTIONS);
  search.addAll(list);
  list.forEach((doc, i) => {
    if (removeEvery > 0 && i % removeEvery === 0) search.remove(doc);
  });
  return search;
}

describe('LexicalSearch', () => {
  it('plainHeader + plainTerms equal toJSON()', () => {
    fc.assert(
      fc.property(docs, fc.integer({ min: 0, max: 4 }), (list, removeEvery) => {
        const search = build(list, removeEvery);
        const { index, ...header } = search.toJSON();
        expect(search.plainHeader()).toEqual(header);
        expect([...search.plainTerms()]).toEqual(index);
      }),
    );
  });

  it('fromPlainHeader + addPlainTerm load what loadJS loads', () => {
    fc.assert(
      fc.property(docs, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...WORDS), (list, removeEvery, query) => {
        const json = JSON.parse(JSON.stringify(build(list, removeEvery).toJSON()));
        const { index, ...header } = json;
        const sliced = LexicalSearch.fromPlainHeader<Doc>(header, OPTIONS);
        for (const term of index) sliced.addPlainTerm(term);
        const reference = MiniSearch.loadJS<Doc>(json, OPTIONS);
        expect(sliced.toJSON()).toEqual(reference.toJSON());
        expect(sliced.search(query, { prefix: true })).toEqual(reference.search(query, { prefix: true }));
        expect(sliced.documentCount).toBe(reference.documentCount);
      }),
    );
  });

  it('refuses another serialization version', () => {
    const { index: _index, ...header } = new LexicalSearch<Doc>(OPTIONS).toJSON();
    expect(() => LexicalSearch.fromPlainHeader({ ...header, serializationVersion: 1 }, OPTIONS)).toThrow(/version 1/);
  });
});
