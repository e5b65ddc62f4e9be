import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StaticNotesEngine } from '../../../src/core/engine';
import { relatedBasisOf, relatedNotes } from '../../../src/core/retrieval/related';
import { openExampleEngine } from '../../helpers/example-engine';
import { FakeEmbedder } from '../../helpers/fake-embedder';
import { openMemoryEngine } from './memory-engine';

const RAG = 'RAG (Retrieval Augmented Generation).md';

function rankOf(results: { path: string }[], path: string): number {
  const i = results.findIndex((r) => r.path === path);
  return i < 0 ? Infinity : i;
}

describe.each([
  ['deterministic fake embedder', () => openExampleEngine({ model: new FakeEmbedder(64) })],
  ['glove-pt-en-100d fixture model', () => openExampleEngine()],
  ['no model (keywords)', () => openExampleEngine({ model: null })],
])('related notes on the example vault, %s', (_name, open) => {
  let engine: StaticNotesEngine;
  beforeAll(async () => {
    engine = await open();
  });

  it('ranks the notes about embeddings and vector search above unrelated ones for RAG', async () => {
    const results = await relatedNotes(engine, RAG, { limit: 23 });
    const overfitting = rankOf(results, 'Fundamentos/Overfitting.md');
    expect(rankOf(results, 'Embeddings.md')).toBeLessThan(overfitting);
    expect(rankOf(results, 'Busca vetorial.md')).toBeLessThan(overfitting);
    // Both within the default list of 10.
    expect(rankOf(results, 'Embeddings.md')).toBeLessThan(10);
    expect(rankOf(results, 'Busca vetorial.md')).toBeLessThan(10);
    expect(results.map((r) => r.path)).not.toContain(RAG);
  });

  it('suggests "Banco de dados vetorial" for "Busca vetorial" among the notes not linked yet', async () => {
    // Neither links the other (the view's "hide linked notes" list).
    const results = await relatedNotes(engine, 'Busca vetorial.md', { includeLinked: false });
    const banco = results.find((r) => r.path === 'Banco de dados vetorial.md');
    expect(banco, results.map((r) => r.path).join(', ')).toBeDefined();
    expect(banco).toMatchObject({ linked: false, linkRelation: 'none', title: 'Banco de dados vetorial' });
    // Both link to [[Embeddings]] and [[Chunking]].
    expect(banco!.sharedLinks).toEqual(expect.arrayContaining(['Embeddings', 'Chunking']));
    expect(rankOf(results, 'Banco de dados vetorial.md')).toBeLessThan(rankOf(results, 'Fundamentos/Overfitting.md'));
  });

  it('tells how linked notes are linked', async () => {
    const results = await relatedNotes(engine, 'Busca vetorial.md', { limit: 23 });
    // Busca vetorial ↔ RAG link both ways; Busca vetorial → Chunking only.
    expect(results.find((r) => r.path === RAG)?.linkRelation).toBe('both');
    expect(results.find((r) => r.path === 'Chunking.md')?.linkRelation).toBe('linked-from-here');
    const hidden = await relatedNotes(engine, 'Busca vetorial.md', { limit: 23, includeLinked: false });
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((r) => !r.linked)).toBe(true);
    expect(hidden.map((r) => r.path)).not.toContain('Chunking.md');
  });

  it('explains each result with a passage of the related note', async () => {
    const results = await relatedNotes(engine, RAG);
    for (const r of results) {
      expect(r.passage, r.path).not.toBeNull();
      const note = engine.note(r.path)!;
      const chunk = note.chunks.find((c) => c.id === r.passage!.chunkId);
      expect(chunk, r.path).toBeDefined();
      expect(r.passage!.line).toBe(chunk!.startLine);
      expect(r.passage!.snippet.length).toBeGreaterThan(0);
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    expect([...results].sort((a, b) => b.score - a.score)).toEqual(results);
  });

  it('leaves out excluded folders', async () => {
    const results = await relatedNotes(engine, 'Large Language Model.md', { limit: 23, excludeFolders: ['Modelos/'] });
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((r) => r.path.startsWith('Modelos/'))).toBe(false);
  });
});

describe('basis', () => {
  it('says keywords were used when the index holds no vectors', async () => {
    const engine = await openExampleEngine({ model: null });
    expect(relatedBasisOf(engine.indexer().state, RAG)).toBe('lexical');
    const results = await relatedNotes(engine, RAG);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.basis === 'lexical' && r.components.semantic === 0)).toBe(true);
    expect(results.some((r) => (r.components.lexical ?? 0) > 0)).toBe(true);
  });

  it('lets the caller yield between its steps, with the same results', async () => {
    const engine = await openExampleEngine({ model: null });
    const plain = await relatedNotes(engine, RAG);
    let yields = 0;
    const sliced = await relatedNotes(engine, RAG, {
      yieldBetweenSteps: async () => {
        yields++;
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    expect(yields).toBe(3); // after the link graph, before the candidates, after the ranking
    expect(sliced).toEqual(plain);
  });

  it('uses stored vectors only: nothing is embedded on a refresh', async () => {
    const embedder = new FakeEmbedder(64);
    const engine = await openExampleEngine({ model: embedder });
    const embedded = embedder.embedded.length;
    const queries = embedder.queries.length;
    const results = await relatedNotes(engine, RAG);
    expect(results.every((r) => r.basis === 'semantic')).toBe(true);
    expect(embedder.embedded.length).toBe(embedded);
    expect(embedder.queries.length).toBe(queries);
  });
});

describe('link evidence on a small vault', () => {
  let engine: StaticNotesEngine;
  beforeAll(async () => {
    engine = await openMemoryEngine(
      {
        'A.md': '# A\n\nAbout gardens and [[Hub]] and [[Rare]] and [[Missing idea]].\n',
        'B.md': '# B\n\nAlso about [[Rare]] and [[Missing idea]], and [[A]].\n',
        'C.md': '# C\n\nCompost heaps; only Rare links here.\n',
        'Rare.md': '# Rare\n\nSee [[C]].\n',
        'Hub.md': '# Hub\n\nIndex.\n',
        'Archive/D.md': '# D\n\nAbout gardens and [[Rare]].\n',
        'Lonely.md': '# Lonely\n\nNothing links here; gardens are mentioned.\n',
      },
      new FakeEmbedder(32),
    );
  });

  it('reports direct links, shared links (resolved or not), two hops and exclusions', async () => {
    const results = await relatedNotes(engine, 'A.md', { limit: 20 });
    const by = Object.fromEntries(results.map((r) => [r.path, r]));
    expect(by['B.md']).toMatchObject({ linked: true, linkRelation: 'links-here' });
    expect(by['B.md']!.sharedLinks).toEqual(expect.arrayContaining(['Rare', 'Missing idea']));
    expect(by['Rare.md']).toMatchObject({ linkRelation: 'linked-from-here', twoHop: false });
    expect(by['C.md']).toMatchObject({ linked: false, twoHop: true, twoHopVia: ['Rare'] });
    expect(by['Archive/D.md']).toMatchObject({ linked: false, sharedLinks: ['Rare'] });
    const excluded = await relatedNotes(engine, 'A.md', { limit: 20, excludeFolders: ['Archive'] });
    expect(excluded.map((r) => r.path)).not.toContain('Archive/D.md');
  });

  it('property: never lists the note itself or an excluded path, and respects the limit', async () => {
    const paths = [...engine.indexer().state.notes()].map((n) => n.path);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.subarray(paths), fc.integer({ min: 1, max: 8 }), fc.boolean(), async (path, excluded, limit, includeLinked) => {
        const results = await relatedNotes(engine, path, { limit, excludePaths: excluded, includeLinked });
        expect(results.length).toBeLessThanOrEqual(limit);
        for (const r of results) {
          expect(r.path).not.toBe(path);
          expect(excluded).not.toContain(r.path);
          if (!includeLinked) expect(r.linked).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('returns nothing for a note that is not indexed', async () => {
    expect(await relatedNotes(engine, 'Nope.md')).toEqual([]);
  });
});
