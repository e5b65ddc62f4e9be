import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNoteProcessor, noteProcessorVersion } from '../../../src/core/index/note-processor';
import { FsNoteSource } from '../../../src/node/fs-note-source';
import type { ProcessedNote } from '../../../src/core/index/types';
import { harness } from '../../helpers/indexer-harness';
import { repoRoot } from '../../helpers/shared';

const NOTE = `---
aliases: [Def, Definições]
tags: [conceito]
related: "[[Outra nota]]"
---
# Título

> [!info] Definição
> Uma ==definição== curta com [[Link alvo|apelido]].

Parágrafo com #tag-inline e ![[Imagem.png]].

## Seção

Mais texto aqui. ^bloco
`;

describe('createNoteProcessor (parseNote + chunkNote)', () => {
  it('produces chunks and the note metadata the index keeps', () => {
    const { chunks, meta } = createNoteProcessor()('Pasta/Minha nota.md', NOTE) as ProcessedNote;
    expect(meta.title).toBe('Minha nota');
    expect(meta.aliases).toEqual(['Def', 'Definições']);
    expect(meta.tags).toEqual(expect.arrayContaining(['#conceito', '#tag-inline']));
    expect(meta.links).toEqual(expect.arrayContaining(['Link alvo', 'Imagem.png', 'Outra nota']));
    expect(chunks.every((c) => c.path === 'Pasta/Minha nota.md' && c.id.startsWith('Pasta/Minha nota.md#'))).toBe(true);
    expect(chunks.find((c) => c.kind === 'definition')?.highlights).toEqual(['definição']);
    expect(chunks.find((c) => c.blockId === 'bloco')?.headingTrail).toEqual(['Título', 'Seção']);
  });

  it('names its version after the options, so a budget change re-chunks the vault', () => {
    expect(noteProcessorVersion({ tokenBudget: 128 })).not.toBe(noteProcessorVersion({ tokenBudget: 256 }));
    expect(noteProcessorVersion()).toBe(noteProcessorVersion({ tokenBudget: 256 }));
  });

  it('indexes the example vault, re-embeds only what an edit changed, and re-chunks on a processor change', async () => {
    const source = new FsNoteSource(path.join(repoRoot, 'examples/vault'));
    const files: Record<string, string> = {};
    for (const stat of await source.list()) files[stat.path] = await source.read(stat.path);
    const h = harness(files);
    const processor = createNoteProcessor();
    const indexer = await h.open({ processor, processorVersion: noteProcessorVersion() });
    const first = await indexer.sync();
    expect(first.indexed).toBe(Object.keys(files).length);
    const chunks = indexer.state.chunkCount;
    expect(h.embedder.embedded.length).toBeLessThanOrEqual(chunks);

    // Append a sentence to the last paragraph of one note: only the chunk(s) holding it re-embed.
    const target = 'Embeddings.md';
    const before = h.embedder.embedded.length;
    const oldChunks = new Set(indexer.state.note(target)!.chunks.map((c) => c.hash));
    h.source.write(target, `${files[target]!.trimEnd()} Uma frase nova no fim.\n`);
    await indexer.sync();
    const changed = indexer.state.note(target)!.chunks.filter((c) => !oldChunks.has(c.hash)).length;
    expect(changed).toBeGreaterThanOrEqual(1);
    expect(h.embedder.embedded.length - before).toBe(changed);

    // A new processor version re-chunks every note, but identical chunks keep their vectors.
    await indexer.close();
    const rechunked = await h.open({ processor, processorVersion: `${noteProcessorVersion()}+next` });
    const embeddedBefore = h.embedder.embedded.length;
    const report = await rechunked.sync();
    expect(report.indexed).toBe(Object.keys(files).length);
    expect(h.embedder.embedded.length).toBe(embeddedBefore);
  });
});
