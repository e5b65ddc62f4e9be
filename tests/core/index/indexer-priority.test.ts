/**
 * What the user looks at is indexed first: the standing priority list (the active note and its
 * neighbours) jumps the queue in every pass, each of its notes is embedded and applied on its
 * own, and a model that arrives in the middle of a keyword-only pass embeds the notes that pass
 * already indexed (the active note first) before the rest of the vault.
 */
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../../src/core/index/timers';
import { WorkQueue } from '../../../src/core/index/work-queue';
import { FakeEmbedder } from '../../helpers/fake-embedder';
import { harness } from '../../helpers/indexer-harness';

const files = (n: number): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) out[`n${String(i).padStart(2, '0')}.md`] = `note${i} first paragraph\n\nnote${i} second paragraph`;
  return out;
};

/** Timers that fire at the next microtask: a background drain would get into the serial queue as early as it ever could. */
const eagerTimers: Timers = {
  setTimeout: (callback) => {
    let cancelled = false;
    queueMicrotask(() => {
      if (!cancelled) callback();
    });
    return { cancel: () => (cancelled = true) };
  },
  clearTimeout: (handle) => (handle as { cancel(): void } | null)?.cancel(),
};

describe('WorkQueue preferred paths', () => {
  it('takes prioritised paths, then preferred ones in their order, then the rest oldest first', () => {
    const queue = new WorkQueue();
    for (const path of ['a', 'b', 'c', 'd', 'e']) queue.set({ path, kind: 'upsert', dueAt: 0 });
    queue.setPreferred(['d', 'missing', 'b']);
    queue.prioritize('e', 0);
    const order: [string, boolean][] = [];
    for (let next = queue.takeNextRanked(0); next; next = queue.takeNextRanked(0)) order.push([next.item.path, next.preferred]);
    expect(order).toEqual([['e', true], ['d', true], ['b', true], ['a', false], ['c', false]]);
  });

  it('keeps a preferred path waiting for its debounce, and prefers it again when it comes back', () => {
    const queue = new WorkQueue();
    queue.setPreferred(['b']);
    queue.set({ path: 'a', kind: 'upsert', dueAt: 0 });
    queue.set({ path: 'b', kind: 'upsert', dueAt: 100 });
    expect(queue.takeNext(50)?.path).toBe('a');
    expect(queue.takeNext(50)).toBeUndefined();
    queue.set({ path: 'c', kind: 'upsert', dueAt: 0 });
    expect(queue.takeNext(100)?.path).toBe('b');
    queue.set({ path: 'b', kind: 'upsert', dueAt: 0 });
    expect(queue.takeNext(100)?.path).toBe('b');
  });
});

describe('Indexer.setPriority', () => {
  it('embeds and applies the preferred notes first, each on its own', async () => {
    const h = harness(files(30));
    const indexer = await h.open({ embedGroupSize: 64 });
    indexer.setPriority(['n20.md', 'n07.md']);
    const applied: number[] = [];
    indexer.onProgress((p) => {
      if (p.phase === 'indexing') applied.push(indexer.state.noteCount);
    });
    await indexer.sync();
    expect(h.embedder.embedded.slice(0, 4)).toEqual(['note20 first paragraph', 'note20 second paragraph', 'note7 first paragraph', 'note7 second paragraph']);
    // One note searchable after the first embedding, two after the second; the rest in one group.
    expect(applied).toContain(1);
    expect(applied).toContain(2);
    expect(indexer.state.vectorCount).toBe(60);
    await indexer.close();
  });

  it('after a model arrives mid-pass, embeds the preferred note before the notes the stopped pass left queued', async () => {
    const h = harness(files(40));
    const indexer = await h.open({ embedder: null, timers: eagerTimers });
    indexer.setPriority(['n03.md']);
    const embedder = new FakeEmbedder();
    let switched: Promise<unknown> | null = null;
    indexer.onProgress((p) => {
      // The model arrives while the keyword-only pass is a quarter through (as the plugin's does).
      if (p.phase === 'indexing' && p.notesDone >= 10 && !switched) switched = indexer.setEmbedder(embedder);
    });
    const lexicalPass = await indexer.sync();
    expect(lexicalPass.cancelled).toBe(true);
    const report = await (switched as unknown as Promise<{ cancelled: boolean }>);
    expect(embedder.embedded.slice(0, 2)).toEqual(['note3 first paragraph', 'note3 second paragraph']);
    await indexer.whenIdle();
    expect(report.cancelled).toBe(false);
    expect(indexer.state.noteCount).toBe(40);
    expect(indexer.state.vectorCount).toBe(80);
    await indexer.close();
  });

  it('adds vectors to notes indexed for keywords only without chunking them again', async () => {
    const h = harness(files(5));
    let processed = 0;
    const { blankLineProcessor } = await import('../../helpers/blank-line-processor');
    const indexer = await h.open({
      embedder: null,
      processor: (path, text) => {
        processed++;
        return blankLineProcessor(path, text);
      },
    });
    await indexer.sync();
    expect(processed).toBe(5);
    await indexer.setEmbedder(new FakeEmbedder());
    expect(processed).toBe(5);
    expect(indexer.state.vectorCount).toBe(10);
    await indexer.lexicalReady;
    expect(indexer.state.lexical?.search('note4', 5)[0]?.chunkId).toMatch(/^n04\.md#/);
    await indexer.close();
  });
});
