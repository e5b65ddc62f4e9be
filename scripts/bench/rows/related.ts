/**
 * Row 6: related-view refresh on a note switch over the hub index (384-d): the time of
 * `relatedNotes(engine, path)` (src/core/retrieval/related.ts) for notes spread over the
 * vault, through a StaticNotesEngine as the view would call it, from stored vectors and in
 * the keyword fallback the view uses while no model is loaded.
 */
import { relatedNotes } from '../../../src/core/retrieval/related';
import { StaticNotesEngine } from '../../../src/core/engine/notes-engine';
import { Searcher } from '../../../src/core/search/searcher';
import { ensureHubIndexes, HUB384_DIR, openHubIndexer } from '../fixtures/hub-index';
import { ms, ratio } from '../report/format';
import { latency, timeOnce } from '../stats';
import type { DetailTable, RowContext, RowResult } from '../types';

const TITLE = 'Related-view refresh on a note switch (obsidian-hub, 384-d)';
const GOAL = 'related view refreshed on a note switch in < 50 ms (p95)';

export async function relatedRow(ctx: RowContext): Promise<RowResult> {
  const started = performance.now();
  await ensureHubIndexes(ctx.log);
  const indexer = await openHubIndexer(HUB384_DIR, null);
  await indexer.lexicalReady;
  const searcher = new Searcher(indexer);
  const engine = new StaticNotesEngine({ indexer, searcher, model: { kind: 'ready', modelId: indexer.state.dims + '-d stored vectors', backend: 'bench' } });

  const all = [...indexer.state.notes()].filter((n) => n.chunks.length > 0).map((n) => n.path).sort();
  const count = ctx.quick ? 40 : 100;
  const paths = Array.from({ length: count }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / count)]!);

  // The first call builds the link graph (cached until the index changes): a cost of its own.
  const first = await timeOnce(() => relatedNotes(engine, paths[0]!));
  if (!Array.isArray(first.value)) throw new Error('relatedNotes did not return a list.');
  for (const p of paths.slice(1, 6)) await relatedNotes(engine, p);

  const rounds = ctx.quick ? 1 : 2;
  const samples: number[] = [];
  let results = 0;
  for (let round = 0; round < rounds; round++) {
    for (const p of paths) {
      const { ms: elapsed, value } = await timeOnce(() => relatedNotes(engine, p));
      samples.push(elapsed);
      results += value.length;
    }
  }
  const lat = latency(samples);

  // After an edit the index revision moves, so the next switch rebuilds the link graph first.
  const edited = indexer.state.note(paths[1]!)!;
  indexer.state.setNote(edited, indexer.state.noteVectors(edited.path));
  const afterEdit = await timeOnce(() => relatedNotes(engine, paths[2]!));

  const details: DetailTable[] = [
    {
      title: `relatedNotes(engine, path) for ${paths.length} notes spread over the vault × ${rounds} round(s)`,
      header: ['case', 'p50', 'p95', 'n'],
      rows: [
        ['note switch (link graph cached)', ms(lat.p50), ms(lat.p95), String(lat.n)],
        ['first switch after opening (builds the link graph)', ms(first.ms), '–', '1'],
        ['first switch after an index change (rebuilds the link graph)', ms(afterEdit.ms), '–', '1'],
      ],
    },
  ];
  const notes = [`${(results / samples.length).toFixed(1)} related notes per refresh on average (default options).`];

  // Without a model the view falls back to keyword similarity: slower, so fewer switches.
  const keywordPaths = paths.slice(0, ctx.quick ? 10 : 40);
  const keywordSamples: number[] = [];
  for (const p of keywordPaths) keywordSamples.push((await timeOnce(() => relatedNotes(engine, p, { basis: 'lexical' }))).ms);
  const keyword = latency(keywordSamples);
  details[0]!.rows.push(['note switch, keyword fallback (no model loaded)', ms(keyword.p50), ms(keyword.p95), String(keyword.n)]);
  notes.push('Excludes rendering the view (DOM work in Obsidian: the e2e suite measures it).');

  return {
    id: 'related',
    number: 6,
    title: TITLE,
    summary: `note switch p50 ${ms(lat.p50)}, p95 ${ms(lat.p95)}; first switch after a change ${ms(afterEdit.ms)}`,
    ratios: `p95 is ${ratio(lat.p95 / 50)} the 50 ms budget; link-graph rebuild adds ${ms(afterEdit.ms - lat.p50)}`,
    goals: [{ goal: GOAL, measured: ms(lat.p95), met: lat.p95 < 50 }],
    details,
    notes,
    metrics: { p50: lat.p50, p95: lat.p95, keywordP50: keyword.p50, keywordP95: keyword.p95, firstMs: first.ms, afterEditMs: afterEdit.ms, resultsPerRefresh: results / samples.length },
    seconds: (performance.now() - started) / 1000,
  };
}
