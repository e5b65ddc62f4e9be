import { describe, expect, it } from 'vitest';
import { drainEvents, harness, settle, snapshot } from '../../helpers/indexer-harness';
import type { IndexProgress } from '../../../src/core/index/types';

const many = (n: number): Record<string, string> => {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`notes/${String(i).padStart(3, '0')}.md`] = `Nota número ${i}.\n\nTexto ${i} com palavras ${i % 5}.`;
  return files;
};

describe('Indexer events', () => {
  it('debounces: a burst of edits to one note is indexed once, after the quiet period', async () => {
    const h = harness({ 'a.md': 'um' });
    const indexer = await h.open();
    await indexer.sync();
    const calls = h.embedder.calls;
    for (let i = 0; i < 10; i++) {
      indexer.notify(h.source.write('a.md', `versão ${i}`));
      h.timers.advance(500);
      await settle();
    }
    expect(h.embedder.calls).toBe(calls);
    h.timers.advance(1000);
    await indexer.whenIdle();
    expect(h.embedder.embedded.slice(-1)).toEqual(['versão 9']);
    expect(h.embedder.calls).toBe(calls + 1);
  });

  it('does not lose an edit made while the note is being indexed', async () => {
    const h = harness({ 'a.md': 'primeira versão' });
    const indexer = await h.open();
    let release!: () => void;
    h.embedder.gate = () => new Promise<void>((resolve) => (release = resolve));
    const running = indexer.sync();
    await settle();
    // The embedder is busy with the first version; the user edits again.
    indexer.notify(h.source.write('a.md', 'segunda versão'));
    h.embedder.gate = null;
    release();
    await running;
    expect(indexer.state.note('a.md')?.chunks[0]?.text).toBe('primeira versão');
    await drainEvents(indexer, h.timers);
    expect(indexer.state.note('a.md')?.chunks[0]?.text).toBe('segunda versão');
  });

  it('applies a note\'s changes in order when a delete arrives while its upsert waits for embedding', async () => {
    const h = harness({ 'p.md': 'pê', 'q.md': 'quê', 'r.md': 'erre' });
    const indexer = await h.open({ embedGroupSize: 100 });
    let open!: () => void;
    h.source.readGates.set('q.md', new Promise<void>((resolve) => (open = resolve)));
    const running = indexer.sync();
    await settle();
    // p.md is read and waits in the embedding group; q.md's read is stalled.
    indexer.notify(h.source.delete('p.md'));
    h.timers.advance(1000);
    open();
    await running;
    await drainEvents(indexer, h.timers);
    expect(Object.keys(snapshot(indexer))).toEqual(['q.md', 'r.md']);
  });

  it('ends with exactly the vault after a storm of hundreds of renames and deletes', async () => {
    const h = harness(many(100));
    const indexer = await h.open();
    await indexer.sync();
    const embedded = h.embedder.embedded.length;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 100; i++) {
        const from = round === 0 ? `notes/${String(i).padStart(3, '0')}.md` : `moved${round - 1}/${i}.md`;
        if (!h.source.files.has(from)) continue;
        if (i % 10 === round) indexer.notify(h.source.delete(from));
        else indexer.notify(h.source.rename(from, `moved${round}/${i}.md`));
        if (i % 37 === 0) {
          h.timers.advance(1500); // let some batches run in the middle of the storm
          await settle(5);
        }
      }
    }
    await drainEvents(indexer, h.timers);
    const vault = [...h.source.files.keys()].sort();
    expect(Object.keys(snapshot(indexer))).toEqual(vault);
    expect(h.embedder.embedded.length).toBe(embedded);
    await indexer.close();
    const reopened = await h.open();
    expect(Object.keys(snapshot(reopened))).toEqual(vault);
  });

  it('cancels on its signal, keeps what was committed, and the next run continues', async () => {
    const h = harness(many(40));
    const indexer = await h.open({ flushEveryNotes: 5, embedGroupSize: 4 });
    const controller = new AbortController();
    let seen = 0;
    const unsubscribe = indexer.onProgress((p) => {
      if (p.phase === 'indexing' && p.notesDone >= 12 && seen++ === 0) controller.abort();
    });
    const report = await indexer.sync({ signal: controller.signal });
    unsubscribe();
    expect(report.cancelled).toBe(true);
    const done = indexer.state.noteCount;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(40);
    await indexer.close();

    const reopened = await h.open();
    expect(reopened.state.noteCount).toBe(done);
    const embeddedBefore = h.embedder.embedded.length;
    const rest = await reopened.sync();
    expect(rest.indexed).toBe(40 - done);
    expect(reopened.state.noteCount).toBe(40);
    expect(h.embedder.embedded.length - embeddedBefore).toBe((40 - done) * 2);
  });

  it('indexes a prioritised note first', async () => {
    const h = harness(many(30));
    const indexer = await h.open({ embedGroupSize: 1 });
    const order: string[] = [];
    indexer.onProgress((p) => {
      if (p.currentPath && order[order.length - 1] !== p.currentPath) order.push(p.currentPath);
    });
    let release!: () => void;
    h.embedder.gate = () => new Promise<void>((resolve) => (release = resolve));
    const running = indexer.sync();
    await settle();
    indexer.prioritize('notes/029.md');
    h.embedder.gate = null;
    release();
    await running;
    expect(order.indexOf('notes/029.md')).toBeLessThanOrEqual(1);
  });

  it('reports progress as notes done of notes total', async () => {
    const h = harness(many(10));
    const indexer = await h.open({ embedGroupSize: 2 });
    const events: IndexProgress[] = [];
    indexer.onProgress((p) => events.push(p));
    await indexer.sync();
    const indexing = events.filter((e) => e.phase === 'indexing');
    expect(indexing.length).toBeGreaterThan(5);
    expect(indexing.every((e) => e.notesDone <= e.notesTotal && e.notesTotal === 10)).toBe(true);
    expect(Math.max(...events.map((e) => e.chunksEmbedded))).toBe(20);
    expect(events[events.length - 1]?.phase).toBe('idle');
  });

  it('skips excluded, binary and too-large notes with reasons, and still indexes the rest', async () => {
    const h = harness({
      'Templates/Daily.md': 'modelo',
      'Drawing.excalidraw.md': 'desenho',
      'bin.md': 'PNG\u0000\u0001\u0002 dados',
      'huge.md': 'x'.repeat(5000),
      'ok.md': 'nota normal',
    });
    const indexer = await h.open({ exclusions: { patterns: ['Templates/', '**/*.excalidraw.md'] }, maxNoteBytes: 4000 });
    await indexer.sync();
    const status = await indexer.status();
    expect(Object.keys(snapshot(indexer))).toEqual(['ok.md']);
    const reasons = Object.fromEntries(status.skipped.map((s) => [s.path, s.reason]));
    expect(reasons).toEqual({ 'Templates/Daily.md': 'excluded', 'Drawing.excalidraw.md': 'excluded', 'bin.md': 'binary', 'huge.md': 'too-large' });
    expect(status.skipped.find((s) => s.path === 'huge.md')?.detail).toMatch(/over the/);

    // A note created later in an excluded folder is not indexed either.
    indexer.notify(h.source.write('Templates/Weekly.md', 'outro modelo'));
    await drainEvents(indexer, h.timers);
    expect(indexer.state.note('Templates/Weekly.md')).toBeUndefined();

    // Changing the rules re-syncs.
    await indexer.setExclusions({ patterns: [] });
    expect(indexer.state.note('Templates/Daily.md')).toBeDefined();
  });

  it('records failures with a reason, keeps the previous entry, and retries on the next sync', async () => {
    const h = harness({ 'a.md': 'texto original' });
    const indexer = await h.open();
    await indexer.sync();
    h.source.write('a.md', 'texto novo');
    h.source.unreadable.add('a.md');
    const report = await indexer.sync();
    expect(report.failed).toBe(1);
    const status = await indexer.status();
    expect(status.failed[0]).toMatchObject({ path: 'a.md' });
    expect(status.failed[0]?.reason).toMatch(/could not read/);
    expect(indexer.state.note('a.md')?.chunks[0]?.text).toBe('texto original');
    h.source.unreadable.delete('a.md');
    await indexer.sync();
    expect(indexer.state.note('a.md')?.chunks[0]?.text).toBe('texto novo');
    expect((await indexer.status()).failed).toEqual([]);
  });

  it('marks a batch failed when the embedder fails, and retries it next time', async () => {
    const h = harness({ 'a.md': 'alfa', 'b.md': 'beta' });
    const indexer = await h.open();
    h.embedder.failNext = new Error('out of memory');
    const report = await indexer.sync();
    expect(report.failed).toBe(2);
    expect((await indexer.status()).failed.map((f) => f.reason)).toEqual(['embedding failed: out of memory', 'embedding failed: out of memory']);
    await indexer.sync();
    expect(indexer.state.noteCount).toBe(2);
  });

  it('works lexically without an embedder, says so, and embeds once a model arrives', async () => {
    const h = harness({ 'a.md': 'definição de transferência', 'b.md': 'outra coisa' });
    const indexer = await h.open({ embedder: null });
    await indexer.sync();
    await indexer.lexicalReady;
    const status = await indexer.status();
    expect(status).toMatchObject({ notesIndexed: 2, vectorsStored: 0, modelId: null, lexicalReady: true });
    expect(status.lexicalOnlyReason).toMatch(/keyword/);
    expect(indexer.state.lexical?.search('definicao', 3)[0]?.chunkId).toMatch(/^a\.md#/);
    await indexer.close();

    const withModel = await h.open();
    expect(withModel.loadReport.outcome).toBe('stored');
    const report = await withModel.sync();
    expect(report.indexed).toBe(2);
    expect((await withModel.status()).vectorsStored).toBe(2);
  });
});
