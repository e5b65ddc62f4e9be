import { describe, expect, it } from 'vitest';
import { openExampleEngine } from '../../helpers/example-engine';

describe('StaticNotesEngine over the example vault', () => {
  it('exposes the index, search and a link graph that follows the index revision', async () => {
    const engine = await openExampleEngine();
    const snap = engine.snapshot();
    expect(snap.indexReady).toBe(true);
    expect(snap.model.kind).toBe('ready');
    expect(engine.note('Embeddings.md')?.meta.title).toBe('Embeddings');
    const rag = 'RAG (Retrieval Augmented Generation).md';
    expect(engine.graph().outgoing(rag).has('Busca vetorial.md')).toBe(true);
    expect(engine.resolveLink('BERT', rag)).toBe('Modelos/BERT.md');
    expect(engine.graph()).toBe(engine.graph());
    const hits = await engine.searcher().searchNotes('busca por vizinhos mais próximos', { limit: 3 });
    expect(hits.map((h) => h.path)).toContain('Busca vetorial.md');
  });
});
