/** Dense, lexical and hybrid search end to end with the real transformers.js pipeline (GloVe fixture models). */
import { beforeAll, describe, expect, it } from 'vitest';
import { Searcher } from '../../../src/core/search';
import type { Indexer } from '../../../src/core/index';
import { GloveEmbedder } from '../../helpers/glove-embedder';
import { harness } from '../../helpers/indexer-harness';

const VAULT = {
  'Culinária/Receita de bolo.md': 'Receita de bolo de chocolate.\n\nMisture a farinha, os ovos e o cacau e leve ao forno.',
  'Pets/Gato.md': 'O gato dorme no sofá a tarde inteira.',
  'Tech/Atualização.md': 'Atualização do sistema operacional do computador.',
  'English/Stock market.md': 'Stock markets fell sharply today after the announcement.',
  'English/Cake.md': 'Chocolate cake recipe with cocoa and butter.',
  'Arquivo/Bolo antigo.md': 'Receita antiga de bolo de chocolate da avó.',
};

describe('search with glove-pt-en-100d', () => {
  let indexer: Indexer;
  let searcher: Searcher;
  let embedder: GloveEmbedder;

  beforeAll(async () => {
    embedder = await GloveEmbedder.create('glove-pt-en-100d');
    const h = harness(VAULT);
    indexer = await h.open({ embedder, kernel: 'auto' });
    await indexer.sync();
    await indexer.lexicalReady;
    searcher = new Searcher(indexer);
  });

  it('stores one vector per chunk with the model id and dims', async () => {
    const status = await indexer.status();
    expect(status).toMatchObject({ modelId: 'glove-pt-en-100d', dims: 100, chunksIndexed: 7, vectorsStored: 7, kernel: 'wasm' });
  });

  it('dense: a Portuguese query finds the Portuguese note', async () => {
    const notes = await searcher.searchNotes('Como fazer um bolo de cenoura', { mode: 'dense', limit: 3 });
    expect(notes[0]?.path).toMatch(/bolo/i);
    const cat = await searcher.searchNotes('O gato dorme', { mode: 'dense', limit: 1 });
    expect(cat[0]?.path).toBe('Pets/Gato.md');
  });

  it('dense: finds across languages (a Portuguese query, the English note)', async () => {
    const notes = await searcher.searchNotes('mercado de ações caiu hoje', { mode: 'dense', limit: 2 });
    expect(notes[0]?.path).toBe('English/Stock market.md');
  });

  it('lexical: matches accents and inflections the query does not have', async () => {
    const notes = await searcher.searchNotes('atualizacao sistemas operacionais', { mode: 'lexical', limit: 2 });
    expect(notes[0]?.path).toBe('Tech/Atualização.md');
  });

  it('hybrid: ranks the recipe notes first and carries both component scores', async () => {
    const passages = await searcher.search('receita de bolo de chocolate', { limit: 3 });
    expect(passages.slice(0, 2).map((p) => p.path).sort()).toEqual(['Arquivo/Bolo antigo.md', 'Culinária/Receita de bolo.md']);
    expect(passages[0]!.dense).toBeGreaterThan(0.5);
    expect(passages[0]!.lexical).toBeGreaterThan(0);
  });

  it('respects exclusions and folder scopes', async () => {
    const scoped = await searcher.searchNotes('receita de bolo de chocolate', { filter: { excludePrefixes: ['Arquivo'] }, limit: 10 });
    expect(scoped.map((n) => n.path)).not.toContain('Arquivo/Bolo antigo.md');
    expect(scoped[0]?.path).toBe('Culinária/Receita de bolo.md');
    const folder = await searcher.searchNotes('chocolate', { filter: { pathPrefixes: ['English/'] }, limit: 10 });
    expect(folder.length).toBeGreaterThan(0);
    expect(folder.every((n) => n.path.startsWith('English/'))).toBe(true);
    expect(folder[0]?.path).toBe('English/Cake.md');
  });

  it('never embeds stored chunks at query time', async () => {
    const before = embedder.embeddedTexts;
    await searcher.search('bolo');
    await searcher.searchNotes('gato');
    expect(embedder.embeddedTexts - before).toBe(2);
  });
});
