import { beforeAll, describe, expect, it } from 'vitest';
import type { StaticNotesEngine } from '../../../src/core/engine';
import { conceptCard, definitionOf } from '../../../src/core/retrieval/card';
import type { NoteCard, UnresolvedCard } from '../../../src/core/retrieval/card-types';
import { draftNote } from '../../../src/core/retrieval/covering-notes';
import { openExampleEngine } from '../../helpers/example-engine';
import { FakeEmbedder } from '../../helpers/fake-embedder';
import { openMemoryEngine } from './memory-engine';

/** Seed-style notes: Portuguese concept notes with a Definição callout, highlights and links. */
const SEED = {
  'Transfer Learning.md': [
    '---',
    'tags:',
    '  - inteligência_artificial',
    '---',
    '# Transfer Learning (aprendizado por transferência)',
    '',
    'Um parágrafo de abertura que vem antes da definição, sobre [[Large Language Model|LLMs]].',
    '',
    '> [!info] Definição',
    '> Transfer learning, ou aprendizado por transferência, é uma técnica para **aproveitar o conhecimento prévio** numa tarefa relacionada.',
    '',
    'Em vez de treinar do zero, ==o modelo pré-treinado é ajustado== com dados da nova tarefa.',
    '',
    '## Exemplo',
    'Classificar avaliações de filmes: ==O modelo pré-treinado já teria aprendido padrões linguísticos gerais==. #exemplo',
    '',
  ].join('\n'),
  'Large Language Model.md': [
    '# Large Language Model',
    '',
    'São modelos treinados em grandes quantidades de dados textuais, com ==bilhões de parâmetros==.',
    '',
    'Formas de melhorar respostas: [[RAG (Retrieval Augmented Generation)]] e [[Transfer Learning]].',
  ].join('\n'),
  'Plain.md': '# Plain\n\nFirst paragraph of a plain note.\nStill the first paragraph.\n\nSecond paragraph.\n',
  'Uses RAG.md': '# Uses RAG\n\nRetrieval augmented generation answers from retrieved documents; see [[RAG (Retrieval Augmented Generation)]].\n',
};

describe('card content on seed-style notes', () => {
  let engine: StaticNotesEngine;
  beforeAll(async () => {
    engine = await openMemoryEngine(SEED, new FakeEmbedder(32));
  });

  it('a Definição callout wins over the first paragraph, and highlights are listed', async () => {
    const card = (await conceptCard(engine, 'Transfer Learning', 'Large Language Model.md')) as NoteCard;
    expect(card.kind).toBe('note');
    expect(card.definition).toMatchObject({ source: 'definition', calloutTitle: 'Definição', line: 8 });
    expect(card.definition!.text).toMatch(/^Transfer learning, ou aprendizado por transferência, é uma técnica/);
    expect(card.definition!.text).not.toContain('parágrafo de abertura');
    expect(card.highlights.map((h) => h.text)).toEqual(['o modelo pré-treinado é ajustado', 'O modelo pré-treinado já teria aprendido padrões linguísticos gerais']);
    expect(card.highlights[1]).toMatchObject({ heading: 'Exemplo' });
    expect(card.tags).toEqual(expect.arrayContaining(['#inteligência_artificial', '#exemplo']));
    expect(card.backlinks).toBe(1);
    expect(card.related.length).toBeGreaterThan(0);
    expect(card.related.length).toBeLessThanOrEqual(3);
  });

  it('without a definition callout, the first highlight defines the note', () => {
    const def = definitionOf(engine.note('Large Language Model.md')!);
    expect(def).toMatchObject({ source: 'highlight', text: 'bilhões de parâmetros' });
  });

  it('without callout or highlight, the first paragraph does', () => {
    const def = definitionOf(engine.note('Plain.md')!);
    expect(def).toMatchObject({ source: 'paragraph', heading: 'Plain' });
    expect(def!.text).toContain('First paragraph of a plain note.');
    expect(def!.text).not.toContain('Second paragraph');
  });

  it('a link to a note that does not exist lists the notes covering the concept and those linking to it', async () => {
    const card = (await conceptCard(engine, 'RAG (Retrieval Augmented Generation)', 'Large Language Model.md')) as UnresolvedCard;
    expect(card.kind).toBe('unresolved');
    expect(card.linkpath).toBe('RAG (Retrieval Augmented Generation)');
    // The note that also links to the missing note comes first, marked.
    expect(card.covering[0]).toMatchObject({ path: 'Uses RAG.md', linksToIt: true });
    expect(card.covering[0]!.passage?.snippet).toContain('Retrieval augmented generation');
    expect(card.covering.map((c) => c.path)).not.toContain('Large Language Model.md');
  });
});

describe('cards on the example vault (glove-pt-en-100d)', () => {
  let engine: StaticNotesEngine;
  beforeAll(async () => {
    engine = await openExampleEngine();
  });

  it('Embeddings: definition callout, tags, related notes, backlinks', async () => {
    const card = (await conceptCard(engine, 'Embeddings', 'RAG (Retrieval Augmented Generation).md')) as NoteCard;
    expect(card).toMatchObject({ kind: 'note', path: 'Embeddings.md', title: 'Embeddings' });
    expect(card.definition?.source).toBe('definition');
    expect(card.related).toHaveLength(3);
    // Not the note the link is written in: the user is there already.
    expect(card.related.map((r) => r.path)).not.toContain('RAG (Retrieval Augmented Generation).md');
    expect(card.backlinks).toBe(engine.graph().backlinks('Embeddings.md').size);
    expect(card.backlinks).toBeGreaterThan(3);
    expect(card.tags.length).toBeGreaterThan(0);
  });

  it('a #heading link also shows that section', async () => {
    const card = (await conceptCard(engine, 'Chunking#Strategies', 'Embeddings.md')) as NoteCard;
    expect(card.section).toMatchObject({ heading: 'Strategies' });
    expect(card.section!.text.length).toBeGreaterThan(0);
  });

  it('[[Gradiente descendente]] (no such note): the other note linking to it and the notes about training', async () => {
    const card = (await conceptCard(engine, 'Gradiente descendente', 'Fundamentos/Redes neurais.md')) as UnresolvedCard;
    expect(card.kind).toBe('unresolved');
    expect(card.covering[0]).toMatchObject({ path: 'Fundamentos/Overfitting.md', linksToIt: true });
    expect(card.covering.length).toBeGreaterThan(1);
  });

  it('[[Busca híbrida]]: the vector and keyword search notes cover it', async () => {
    const card = (await conceptCard(engine, 'Busca híbrida', 'RAG (Retrieval Augmented Generation).md')) as UnresolvedCard;
    // Both already link to [[Busca híbrida]]: listed first, marked.
    expect(card.covering.slice(0, 2).map((c) => c.path).sort()).toEqual(['BM25 (busca lexical).md', 'Busca vetorial.md']);
    expect(card.covering.slice(0, 2).every((c) => c.linksToIt)).toBe(true);
  });
});

describe('draftNote', () => {
  it('titles the note and links the covering notes the way it is told', () => {
    const text = draftNote('Busca híbrida', [
      { path: 'Busca vetorial.md', title: 'Busca vetorial', passage: null, linksToIt: true },
      { path: 'BM25 (busca lexical).md', title: 'BM25 (busca lexical)', passage: null, linksToIt: false },
    ], (p) => `[[${p.replace(/\.md$/, '')}]]`);
    expect(text).toBe('# Busca híbrida\n\n## Related\n- [[Busca vetorial]]\n- [[BM25 (busca lexical)]]\n');
    expect(draftNote('Empty', [], (p) => p)).toBe('# Empty\n');
  });
});
