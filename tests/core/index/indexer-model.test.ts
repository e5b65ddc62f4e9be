/**
 * Model-based property test: random create/modify/rename/delete/touch sequences, with
 * debounce timers firing at random points (so edits land while batches are running), syncs
 * and restarts, must leave the incremental index equal to a from-scratch build of the final
 * vault: same notes, chunk ids, hashes, vectors and lexical results.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { drainEvents, harness, settle, type Harness } from '../../helpers/indexer-harness';
import type { Indexer } from '../../../src/core/index/indexer';

const PATHS = ['a.md', 'b.md', 'dir/c.md', 'dir/sub/d.md', 'e.md'];
const PARAGRAPHS = [
  'Definição de transferência de aprendizado.',
  'Links entre notas formam um grafo.',
  'Shared paragraph that appears in many notes.',
  'Embeddings map text to vectors.',
  'O modelo responde citando as fontes.',
  '# Heading\n\nText under a heading.',
];
const QUERIES = ['transferencia', 'notas grafo', 'shared paragraph', 'vectors', 'fontes', 'heading'];

type Op =
  | { t: 'write'; path: string; text: string }
  | { t: 'rename'; from: string; to: string }
  | { t: 'delete'; path: string }
  | { t: 'touch'; path: string }
  | { t: 'advance'; ms: number; ticks: number }
  | { t: 'sync' }
  | { t: 'reopen' };

const path = fc.constantFrom(...PATHS);
const text = fc.array(fc.constantFrom(...PARAGRAPHS), { minLength: 1, maxLength: 3 }).map((ps) => ps.join('\n\n'));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('write' as const), path, text }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('rename' as const), from: path, to: path }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('delete' as const), path }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('touch' as const), path }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 2500 }), ticks: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'sync' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'reopen' as const }) },
);

/** Everything a search can see, per note; lexical scores rounded (floating-point running averages). */
async function content(indexer: Indexer) {
  await indexer.lexicalReady;
  const state = indexer.state;
  const notes = [...state.notes()]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((note) => ({
      path: note.path,
      title: note.meta.title,
      language: note.language,
      chunks: note.chunks.map((c) => ({ id: c.id, hash: c.hash, text: c.text, headings: c.headingTrail })),
      vectors: state.noteVectors(note.path).map((v) => (v ? [v.scale, ...v.values.subarray(0, state.dims)] : null)),
    }));
  const lexical = QUERIES.map((q) => {
    state.lexical!.search(q, 50); // the first search after removals cleans up discarded postings
    return state.lexical!.search(q, 50).map((h) => [h.chunkId, Math.round(h.score * 1e6) / 1e6]).sort();
  });
  return { notes, lexical, vectorRows: state.vectorCount, chunks: state.chunkCount };
}

async function apply(h: Harness, indexer: Indexer, ops: Op[]): Promise<Indexer> {
  for (const o of ops) {
    const files = h.source.files;
    switch (o.t) {
      case 'write':
        indexer.notify(h.source.write(o.path, o.text));
        break;
      case 'rename':
        if (files.has(o.from) && !files.has(o.to)) indexer.notify(h.source.rename(o.from, o.to));
        break;
      case 'delete':
        if (files.has(o.path)) indexer.notify(h.source.delete(o.path));
        break;
      case 'touch':
        if (files.has(o.path)) indexer.notify(h.source.touch(o.path));
        break;
      case 'advance':
        h.timers.advance(o.ms);
        await settle(o.ticks);
        break;
      case 'sync':
        await indexer.sync();
        break;
      case 'reopen':
        await indexer.close();
        indexer = await h.open();
        // What the plugin does at startup: catch up with changes made while it was closed.
        await indexer.sync();
        break;
    }
  }
  await drainEvents(indexer, h.timers);
  return indexer;
}

describe('incremental indexing equals a rebuild (model-based)', () => {
  it('for random event sequences', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
    try {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(path, text, { maxKeys: 4 }), fc.array(op, { maxLength: 40 }), async (initial, ops) => {
          const h = harness(initial);
          let indexer = await h.open({ embedGroupSize: 2, flushEveryNotes: 2 });
          await indexer.sync();
          indexer = await apply(h, indexer, ops);
          const incremental = await content(indexer);
          expect(incremental.notes.map((n) => n.path)).toEqual([...h.source.files.keys()].sort());

          // The same vault, indexed from nothing.
          const fresh = harness(Object.fromEntries([...h.source.files].map(([p, f]) => [p, f.text])));
          const rebuilt = await fresh.open();
          await rebuilt.sync();
          expect(incremental).toEqual(await content(rebuilt));

          // And what was stored reloads to the same thing.
          await indexer.close();
          const reloaded = await h.open();
          expect(await content(reloaded)).toEqual(incremental);
        }),
        { seed, numRuns: Number(process.env.FC_RUNS ?? 60) },
      );
    } catch (error) {
      throw new Error(`model test failed; reproduce with FC_SEED=${seed}\n${error instanceof Error ? error.message : String(error)}`);
    }
  }, 120_000);
});
