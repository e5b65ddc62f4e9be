import { describe, expect, it } from 'vitest';
import { FakeEmbedder } from '../../helpers/fake-embedder';
import { drainEvents, harness, snapshot } from '../../helpers/indexer-harness';
import { MANIFEST_KEY } from '../../../src/core/index/storage/format';

const NOTES = {
  'Conceitos/RAG.md': '# RAG\n\nRecuperação aumentada por geração busca trechos relevantes.\n\nDepois o modelo responde citando as fontes.',
  'Conceitos/Embeddings.md': '# Embeddings\n\nVetores que representam o significado de um texto.\n\nTextos parecidos ficam próximos.',
  'English/Transfer learning.md': 'Transfer learning reuses a pretrained model.\n\nFine-tuning adapts it to new data.',
};

describe('Indexer persistence', () => {
  it('indexes a vault, and a reopened index is identical without embedding anything again', async () => {
    const h = harness(NOTES);
    const first = await h.open();
    const report = await first.sync();
    expect(report).toMatchObject({ indexed: 3, removed: 0, failed: 0, cancelled: false });
    expect(h.embedder.embedded).toHaveLength(6);
    const before = snapshot(first);
    const vectorsBefore = first.state.noteVectors('Conceitos/RAG.md');
    await first.close();

    const embeddedSoFar = h.embedder.embedded.length;
    const second = await h.open();
    expect(second.loadReport).toMatchObject({ outcome: 'stored', notes: 3, chunks: 6 });
    expect(snapshot(second)).toEqual(before);
    expect(second.state.noteVectors('Conceitos/RAG.md')).toEqual(vectorsBefore);
    const again = await second.sync();
    expect(again).toMatchObject({ indexed: 0, unchanged: 0 });
    expect(h.embedder.embedded.length).toBe(embeddedSoFar);
    await second.lexicalReady;
    expect(second.state.lexical?.search('fontes', 5).map((hit) => hit.chunkId)[0]).toMatch(/^Conceitos\/RAG\.md#/);
  });

  it('re-embeds exactly one chunk when one paragraph changes', async () => {
    const h = harness(NOTES);
    const indexer = await h.open();
    await indexer.sync();
    const before = h.embedder.embedded.length;
    h.source.write('Conceitos/RAG.md', NOTES['Conceitos/RAG.md'].replace('citando as fontes', 'citando cada fonte'));
    await indexer.sync();
    // What is embedded is the chunk with its heading trail (embeddingText).
    expect(h.embedder.embedded.slice(before)).toEqual(['RAG\nDepois o modelo responde citando cada fonte.']);
  });

  it('re-embeds nothing on a rename, in either event order', async () => {
    const h = harness(NOTES);
    const indexer = await h.open();
    await indexer.sync();
    const before = h.embedder.embedded.length;
    indexer.notify(h.source.rename('Conceitos/RAG.md', 'Arquivo/RAG antigo.md'));
    await drainEvents(indexer, h.timers);
    // Startup diff sees delete + create as unrelated paths.
    h.source.rename('Conceitos/Embeddings.md', 'Arquivo/Embeddings.md');
    await indexer.sync();
    expect(h.embedder.embedded.length).toBe(before);
    expect(Object.keys(snapshot(indexer)).sort()).toEqual(['Arquivo/Embeddings.md', 'Arquivo/RAG antigo.md', 'English/Transfer learning.md']);
    expect(Object.values(snapshot(indexer)).every((n) => n.chunks.every(([, , hasVector]) => hasVector))).toBe(true);
  });

  it('re-processes nothing on an mtime-only change', async () => {
    const h = harness(NOTES);
    let processed = 0;
    const { blankLineProcessor } = await import('../../helpers/blank-line-processor');
    const indexer = await h.open({ processor: (p, t) => (processed++, blankLineProcessor(p, t)) });
    await indexer.sync();
    processed = 0;
    const embedded = h.embedder.embedded.length;
    h.source.touch('Conceitos/RAG.md');
    const report = await indexer.sync();
    expect(report).toMatchObject({ indexed: 0, unchanged: 1 });
    expect(processed).toBe(0);
    expect(h.embedder.embedded.length).toBe(embedded);
    // The new mtime is stored, so the next startup does not even read the file.
    await indexer.close();
    const reads = h.source.reads;
    const reopened = await h.open();
    await reopened.sync();
    expect(h.source.reads).toBe(reads);
  });

  it('re-embeds everything when the embedding model changes', async () => {
    const h = harness(NOTES);
    const indexer = await h.open();
    await indexer.sync();
    await indexer.close();
    const other = new FakeEmbedder(48, 'fake/other-model');
    const reopened = await h.open({ embedder: other });
    expect(reopened.loadReport.outcome).toBe('rebuild');
    expect(reopened.loadReport.reason).toMatch(/fake\/bag-of-words.*fake\/other-model/);
    await reopened.sync();
    expect(other.embedded).toHaveLength(6);
    expect((await reopened.status()).dims).toBe(48);
  });

  it('switches model at runtime with setEmbedder', async () => {
    const h = harness(NOTES);
    const indexer = await h.open();
    await indexer.sync();
    const other = new FakeEmbedder(16, 'fake/small');
    const report = await indexer.setEmbedder(other);
    expect(report.indexed).toBe(3);
    expect(other.embedded).toHaveLength(6);
    expect(indexer.state.dims).toBe(16);
  });

  it('rebuilds with a reason when the stored schema version differs', async () => {
    const h = harness(NOTES);
    const indexer = await h.open();
    await indexer.sync();
    await indexer.close();
    const manifest = h.storage.data.get(MANIFEST_KEY)!;
    new DataView(manifest.buffer, manifest.byteOffset).setUint32(4, 999, true);
    const reopened = await h.open();
    expect(reopened.loadReport).toMatchObject({ outcome: 'rebuild' });
    expect(reopened.loadReport.reason).toMatch(/schema version 999/);
    expect(await h.storage.keys()).toEqual([]);
    await reopened.sync();
    expect(reopened.state.noteCount).toBe(3);
  });

  it('rebuilds when the manifest is truncated or replaced by garbage', async () => {
    for (const damage of [(b: Uint8Array) => b.subarray(0, b.length - 9), () => new Uint8Array(200).map((_, i) => (i * 73) & 0xff)]) {
      const h = harness(NOTES);
      const indexer = await h.open();
      await indexer.sync();
      await indexer.close();
      h.storage.data.set(MANIFEST_KEY, damage(h.storage.data.get(MANIFEST_KEY)!));
      const reopened = await h.open();
      expect(reopened.loadReport.outcome).toBe('rebuild');
      expect(reopened.loadReport.reason).toMatch(/manifest/);
      await reopened.sync();
      expect(reopened.state.noteCount).toBe(3);
    }
  });

  it('loses only the notes of a truncated or garbled segment, and the next sync restores them', async () => {
    for (const damage of [(b: Uint8Array) => b.subarray(0, b.length >> 1), (b: Uint8Array) => b.map((x, i) => (i % 3 === 0 ? x ^ 0xff : x))]) {
      const h = harness(NOTES);
      const indexer = await h.open();
      await indexer.sync();
      const expected = snapshot(indexer);
      await indexer.close();
      const segment = [...h.storage.data.keys()].find((k) => k.startsWith('seg/'))!;
      h.storage.data.set(segment, damage(h.storage.data.get(segment)!));
      const reopened = await h.open();
      expect(reopened.loadReport.outcome).toBe('partial');
      expect(reopened.loadReport.reason).toContain(segment);
      await reopened.sync();
      expect(snapshot(reopened)).toEqual(expected);
      // The damaged segment is gone after the next commit.
      await reopened.close();
      const clean = await h.open();
      expect(clean.loadReport.outcome).toBe('stored');
    }
  });

  it('a commit that fails midway leaves the previous generation readable', async () => {
    const h = harness(NOTES);
    const indexer = await h.open();
    await indexer.sync();
    await indexer.flush();
    const committed = snapshot(indexer);
    h.source.write('Nova.md', 'Uma nota nova.');
    h.storage.failNextCommit = new Error('disk full');
    await expect(indexer.sync()).rejects.toThrow('disk full');
    // Simulated crash: the process dies here; a new one opens the storage.
    const reopened = await h.open();
    expect(reopened.loadReport.outcome).toBe('stored');
    expect(snapshot(reopened)).toEqual(committed);
    await reopened.sync();
    expect(reopened.state.note('Nova.md')).toBeDefined();
  });

  it('saves the lexical snapshot rarely, and a stale one is brought up to date at load', async () => {
    const h = harness(NOTES);
    const indexer = await h.open({ lexicalSnapshotMinChanges: 200, lexicalSnapshotEveryMs: 300_000 });
    await indexer.sync();
    const lexicalKeys = () => [...h.storage.data.keys()].filter((k) => k.startsWith('lex/')).sort();
    const first = lexicalKeys();
    expect(first.length).toBeGreaterThan(0);
    h.source.write('English/Transfer learning.md', 'Transfer learning reuses a pretrained model.\n\nZebras appear here now.');
    await indexer.sync();
    expect(lexicalKeys()).toEqual(first);
    // Crash without close: the next process loads the old snapshot and reconciles it.
    const reopened = await h.open();
    await reopened.lexicalReady;
    expect(reopened.state.lexical?.search('zebras', 3)[0]?.chunkId).toMatch(/^English\/Transfer learning\.md#/);
    expect(reopened.state.lexical?.search('fine-tuning adapts', 3).some((hit) => hit.chunkId.startsWith('English/'))).toBe(false);
    // close() saves it.
    await reopened.close();
    expect(lexicalKeys()).not.toEqual(first);
  });

  it('keeps rewriting little: a one-note edit writes a small segment, not the index', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`n/${i}.md`] = `Nota ${i} sobre o assunto ${i % 7}.\n\nSegundo parágrafo ${i}.`;
    const h = harness(files);
    // The lexical snapshot is a cache saved every few minutes, not per edit.
    const indexer = await h.open({ lexicalSnapshotEveryMs: 3_600_000 });
    await indexer.sync();
    await indexer.flush();
    const total = await h.storage.sizeBytes();
    const written = h.storage.bytesWritten;
    h.source.write('n/5.md', 'Nota 5 mudou.');
    await indexer.sync();
    expect(h.storage.bytesWritten - written).toBeLessThan(total / 20);
  });
});
