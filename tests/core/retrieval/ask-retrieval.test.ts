import { beforeAll, describe, expect, it } from 'vitest';
import type { StaticNotesEngine } from '../../../src/core/engine';
import { rankForQuestion, retrieveForQuestion } from '../../../src/core/retrieval/ask-retrieval';
import { FakeEmbedder } from '../../helpers/fake-embedder';
import { openExampleEngine } from '../../helpers/example-engine';
import { openMemoryEngine } from './memory-engine';

const TL = 'Transfer Learning (aprendizado por transferência).md';

describe('retrieveForQuestion on the example vault (glove-pt-en-100d)', () => {
  let engine: StaticNotesEngine;
  beforeAll(async () => {
    engine = await openExampleEngine();
  });

  it('leads a definition question with the definition callout of the note named by its alias', async () => {
    const result = await retrieveForQuestion(engine, 'O que é aprendizado por transferência?');
    expect(result.mode).toBe('hybrid');
    expect(result.named.map((n) => n.path)).toEqual([TL]);
    expect(result.passages[0]).toMatchObject({ path: TL, kind: 'definition' });
    expect(result.passages[0]?.text).toMatch(/^Definição\nAprendizado por transferência é a técnica/);
    expect(result.conceptNotes.get(TL)).toEqual(['aprendizado por transferência', 'Transfer Learning']);
  });

  it('does the same in English, through the other half of the parenthetical title', async () => {
    const result = await retrieveForQuestion(engine, 'What is transfer learning?');
    expect(result.passages[0]).toMatchObject({ path: TL, kind: 'definition' });
  });

  it('puts both sides of a comparison first', async () => {
    const result = await retrieveForQuestion(engine, 'Qual a diferença entre BERT e GPT?');
    expect(result.named.map((n) => n.path).sort()).toEqual(['Modelos/BERT.md', 'Modelos/GPT.md']);
    expect(result.passages.slice(0, 2).map((p) => `${p.path}:${p.kind}`).sort()).toEqual(['Modelos/BERT.md:definition', 'Modelos/GPT.md:definition']);
  });

  it('returns k passages, best first, no more than three of one note while others are left', async () => {
    const result = await retrieveForQuestion(engine, 'O que é aprendizado por transferência?', { k: 5 });
    expect(result.passages).toHaveLength(5);
    const scores = result.passages.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.passages.filter((p) => p.path === TL).length).toBeLessThanOrEqual(3);
  });

  it('keeps to a folder scope', async () => {
    const result = await retrieveForQuestion(engine, 'Qual modelo gera texto?', { scope: { kind: 'folder', folder: 'Modelos' } });
    expect(result.passages.length).toBeGreaterThan(0);
    for (const p of result.passages) expect(p.path.startsWith('Modelos/')).toBe(true);
  });

  it('keeps to a note and the notes linked with it, even for a concept named elsewhere', async () => {
    const graph = engine.graph();
    const allowed = new Set([TL, ...graph.outgoing(TL), ...graph.backlinks(TL)]);
    expect(allowed.has('Embeddings.md')).toBe(false);
    const result = await retrieveForQuestion(engine, 'O que são embeddings?', { scope: { kind: 'note', path: TL }, k: 10 });
    expect(result.passages.length).toBeGreaterThan(0);
    for (const p of result.passages) expect(allowed.has(p.path), p.path).toBe(true);
    expect(result.named).toEqual([]);
  });

  it('never returns an excluded chunk, not even as the definition it would lead with', async () => {
    const first = await retrieveForQuestion(engine, 'O que é aprendizado por transferência?');
    const dropped = first.passages[0]!.chunkId;
    const again = await retrieveForQuestion(engine, 'O que é aprendizado por transferência?', { exclude: [dropped] });
    expect(again.passages.map((p) => p.chunkId)).not.toContain(dropped);
    expect(again.passages).toHaveLength(first.passages.length);
  });

  it('works on keywords alone when there is no model, still leading with the definition', async () => {
    const lexical = await openExampleEngine({ model: null });
    const result = await retrieveForQuestion(lexical, 'Defina tokenização.');
    expect(result.mode).toBe('lexical');
    expect(result.passages[0]).toMatchObject({ path: 'Tokenização.md', kind: 'definition' });
  });
});

describe('retrieveForQuestion on a vault of its own', () => {
  it('embeds the question as a query (the embedder adds the model\'s query prefix)', async () => {
    const embedder = new FakeEmbedder();
    const engine = await openMemoryEngine({ 'A.md': 'Texto sobre jardins.' }, embedder);
    await retrieveForQuestion(engine, 'Onde ficam os jardins?');
    expect(embedder.queries).toEqual(['Onde ficam os jardins?']);
  });

  it('follows the wikilinks of the best passage one hop, to the section a link names', async () => {
    const files = {
      'Compostagem.md': '# Compostagem\n\nA compostagem transforma restos de cozinha em adubo. O passo mais delicado é o [[Minhocário#Cuidados|cuidado com as minhocas]].\n',
      'Minhocário.md': '# Minhocário\n\nUma caixa com tampa.\n\n## Cuidados\n\nManter úmido, à sombra, sem cítricos.\n',
      'Receitas.md': '# Receitas\n\nBolo de cenoura com cobertura.\n',
    };
    const engine = await openMemoryEngine(files, null);
    const without = await rankForQuestion(engine, 'Como funciona a compostagem?', { tuning: { linkDecay: 0 } });
    expect(without.passages.map((p) => p.path)).not.toContain('Minhocário.md');
    const withLinks = await rankForQuestion(engine, 'Como funciona a compostagem?');
    const linked = withLinks.passages.find((p) => p.path === 'Minhocário.md');
    expect(linked?.headingTrail).toEqual(['Minhocário', 'Cuidados']);
    const from = withLinks.passages.find((p) => p.path === 'Compostagem.md')!;
    expect(linked!.score).toBeCloseTo(from.score * 0.5, 6);
  });

  it('counts a paragraph pasted into two notes once', async () => {
    const pasted = 'O sensor de umidade do solo mede a água disponível para as raízes da planta.';
    const engine = await openMemoryEngine({ 'Sensor.md': `# Sensor\n\n${pasted}\n`, 'Cópia.md': `# Cópia\n\n${pasted}\n`, 'Outro.md': '# Outro\n\nUmidade do ar e chuva.\n' }, null);
    const result = await retrieveForQuestion(engine, 'Como medir a umidade do solo?');
    expect(result.passages.filter((p) => p.text.includes('sensor de umidade'))).toHaveLength(1);
  });

  it('says the index is not loaded when the engine has none', async () => {
    const engine = await openMemoryEngine({ 'A.md': 'a' }, null);
    const unloaded = Object.assign(Object.create(engine) as StaticNotesEngine, { searcher: () => null });
    await expect(retrieveForQuestion(unloaded, 'a?')).rejects.toThrow('The index is not loaded yet.');
  });
});
