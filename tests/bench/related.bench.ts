/**
 * The related view's refresh on a note switch over the obsidian-hub vault (6.5k notes,
 * ≈23k chunks with the production chunker, 384-d vectors as the production model stores):
 * `npx vitest bench tests/bench/related.bench.ts`. Goal: p95 < 50 ms from stored vectors.
 * Prints p50/p95 over 500 notes besides vitest's own table.
 */
import { bench, describe } from 'vitest';
import { relatedNotes } from '../../src/core/retrieval/related';
import { benchRelatedRefresh, openHubEngine, sampleNotes } from './related-refresh';

const engine = await openHubEngine();
const state = engine.indexer().state;
const paths = sampleNotes(engine, 500);
const line = (label: string, t: Awaited<ReturnType<typeof benchRelatedRefresh>>): string =>
  `${label}: ${t.notes} notes, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(1)} ms, mean ${t.mean.toFixed(1)} ms`;
process.stdout.write(`hub index: ${state.noteCount} notes, ${state.chunkCount} chunks, ${state.vectorCount} vectors (${state.dims}-d, ${state.matrix?.kernel} kernel)\n`);
process.stdout.write(`${line('related refresh, stored vectors', await benchRelatedRefresh(engine, paths))}\n`);
process.stdout.write(`${line('related refresh, keyword fallback (no vectors)', await benchRelatedRefresh(engine, paths.slice(0, 100), { related: { basis: 'lexical' } }))}\n`);

let next = 0;
describe('related view refresh (hub)', () => {
  bench('note switch: relatedNotes from stored vectors', async () => {
    await relatedNotes(engine, paths[next++ % paths.length]!, { limit: 10 });
  }, { iterations: 300, warmupIterations: 20 });
});
