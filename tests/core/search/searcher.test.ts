import { describe, expect, it } from 'vitest';
import { Searcher } from '../../../src/core/search';
import { harness } from '../../helpers/indexer-harness';

const VAULT = {
  'Receitas/Bolo de chocolate.md': '# Bolo\n\nReceita de bolo de chocolate com cacau.\n\nAsse por quarenta minutos.',
  'Receitas/Pão.md': 'Pão caseiro com fermento natural.',
  'ML/Transfer learning.md': '# Transfer learning\n\nTransfer learning reuses a pretrained model for a new task.\n\n> [!info] Definição\n> Definição de transferência de aprendizado.',
  'ML/Embeddings.md': 'Embeddings map text to vectors.\n\nSimilar text gives similar vectors.',
  'Diário/2024-01-01.md': 'Hoje fiz um bolo de chocolate e estudei transfer learning.',
};

async function setup(options: Parameters<ReturnType<typeof harness>['open']>[0] = {}) {
  const h = harness(VAULT);
  const indexer = await h.open(options);
  await indexer.sync();
  await indexer.lexicalReady;
  return { h, indexer, searcher: new Searcher(indexer) };
}

describe('Searcher', () => {
  it('returns passages with their note, lines, kind and component scores', async () => {
    const { searcher } = await setup();
    const [top] = await searcher.search('bolo de chocolate cacau');
    expect(top).toMatchObject({ path: 'Receitas/Bolo de chocolate.md', title: 'Bolo de chocolate', headingTrail: ['Bolo'], startLine: 2, endLine: 2, kind: 'section' });
    expect(top!.dense).toBeGreaterThan(0);
    expect(top!.lexical).toBeGreaterThan(0);
    expect(top!.text).toBe('Receita de bolo de chocolate com cacau.');
  });

  it('finds accented text from an unaccented query, lexically', async () => {
    const { searcher } = await setup();
    const hits = await searcher.search('definicao transferencia', { mode: 'lexical', limit: 3 });
    expect(hits[0]?.path).toBe('ML/Transfer learning.md');
    expect(hits[0]?.kind).toBe('definition');
    expect(hits[0]?.dense).toBeUndefined();
  });

  it('embeds only the query at search time, as a query', async () => {
    const { h, searcher } = await setup();
    const embedded = h.embedder.embedded.length;
    await searcher.search('vectors', { mode: 'dense' });
    await searcher.searchNotes('vectors');
    expect(h.embedder.embedded.length).toBe(embedded);
    expect(h.embedder.queries).toEqual(['vectors', 'vectors']);
  });

  it('restricts to a folder, to a set of notes, and honours exclusions', async () => {
    const { searcher } = await setup();
    const inFolder = await searcher.search('bolo chocolate', { filter: { pathPrefixes: ['Diário'] } });
    expect(new Set(inFolder.map((p) => p.path))).toEqual(new Set(['Diário/2024-01-01.md']));
    const onlySome = await searcher.search('chocolate', { filter: { paths: ['Receitas/Pão.md', 'ML/Embeddings.md'] } });
    expect(onlySome.every((p) => ['Receitas/Pão.md', 'ML/Embeddings.md'].includes(p.path))).toBe(true);
    const excluded = await searcher.searchNotes('bolo chocolate', { filter: { excludePaths: ['Receitas/Bolo de chocolate.md'], excludePrefixes: ['Diário/'] } });
    expect(excluded.map((n) => n.path)).not.toContain('Receitas/Bolo de chocolate.md');
    expect(excluded.map((n) => n.path).some((p) => p.startsWith('Diário/'))).toBe(false);
    const definitions = await searcher.search('transfer', { filter: { kinds: ['definition'] } });
    expect(definitions.map((p) => p.kind)).toEqual(['definition']);
  });

  it('aggregates to notes, each note once, with its best passages', async () => {
    const { searcher } = await setup();
    const notes = await searcher.searchNotes('transfer learning', { limit: 3 });
    expect(notes[0]?.path).toBe('ML/Transfer learning.md');
    expect(new Set(notes.map((n) => n.path)).size).toBe(notes.length);
    expect(notes[0]!.passages.length).toBeGreaterThan(1);
  });

  it('supports both fusion methods', async () => {
    const { searcher } = await setup();
    for (const fusion of ['rrf', 'weighted'] as const) {
      const notes = await searcher.searchNotes('receita de bolo', { fusion, limit: 2 });
      expect(notes[0]?.path).toBe('Receitas/Bolo de chocolate.md');
    }
  });

  it('searches by a stored vector without embedding anything (related notes)', async () => {
    const { h, indexer, searcher } = await setup();
    const calls = h.embedder.calls;
    const [vector] = indexer.state.noteVectors('ML/Embeddings.md');
    const hits = searcher.searchVector(new Float32Array(h.embedder.vector('Embeddings map text to vectors.')), { limit: 2, filter: { excludePaths: [] } });
    expect(vector).not.toBeNull();
    expect(hits[0]?.path).toBe('ML/Embeddings.md');
    expect(hits[0]?.score).toBeGreaterThan(0.95);
    expect(h.embedder.calls).toBe(calls);
  });

  it('falls back to keyword search without a model, and refuses an explicit dense search', async () => {
    const { searcher } = await setup({ embedder: null });
    expect(searcher.effectiveMode('hybrid')).toBe('lexical');
    const hits = await searcher.search('fermento');
    expect(hits[0]?.path).toBe('Receitas/Pão.md');
    await expect(searcher.search('fermento', { mode: 'dense' })).rejects.toThrow(/embedding model/);
  });
});
