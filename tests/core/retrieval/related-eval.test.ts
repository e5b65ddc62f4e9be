/**
 * The measurements behind DEFAULT_RELATED_WEIGHTS and DEFAULT_TEXT_AGGREGATE (related.ts):
 * held-out-link evaluation (see related-eval-harness.ts) on the example vault and both help
 * vaults, GloVe PT-EN fixture model, production parser and chunker. Prints the tables and
 * checks that the chosen settings keep their edge.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LinkGraph, createLinkResolver } from '../../../src/core/graph';
import type { IndexState } from '../../../src/core/index/index-state';
import { DEFAULT_RELATED_WEIGHTS, DEFAULT_TEXT_AGGREGATE, rankRelated } from '../../../src/core/retrieval/related';
import type { TextAggregate } from '../../../src/core/retrieval/related-text';
import { indexFolder } from '../../helpers/eval-harness';
import { GloveEmbedder } from '../../helpers/glove-embedder';
import { repoRoot, sharedPath } from '../../helpers/shared';
import { allLinks, linkedNotes, linkPrediction, textOnly } from './related-eval-harness';

const report = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const f = (x: number): string => x.toFixed(3);

const VAULTS: [string, () => string][] = [
  ['example', () => path.join(repoRoot, 'examples/vault')],
  ['help-en', () => sharedPath('vaults', 'obsidian-help-en')],
  ['help-pt-br', () => sharedPath('vaults', 'obsidian-help-pt-br')],
];

describe.each(VAULTS)('related-notes blend on the %s vault (glove-pt-en-100d)', (name, dir) => {
  let state: IndexState;
  let graph: LinkGraph;

  beforeAll(async () => {
    const { indexer } = await indexFolder(dir(), await GloveEmbedder.create('glove-pt-en-100d'));
    state = indexer.state;
    const notes = [...state.notes()];
    graph = new LinkGraph(notes.map((n) => ({ path: n.path, links: n.meta.links })), createLinkResolver(notes.map((n) => n.path)));
  });

  it('text: the chosen aggregate recovers hidden links at least as well as the best single pair', async () => {
    const rows: string[] = [`${name}: all links of a note hidden, text only (notes with links: ${linkedNotes(state, graph).length})`, 'text                      R@10   P@10   MRR'];
    const scores: Record<string, number> = {};
    const configs: [string, TextAggregate, number][] = [
      ['vectors, best pair', 'best', 1],
      ['vectors, coverage', 'coverage', 1],
      ['vectors, best+coverage', 'best+coverage', 1],
      ['coverage + keywords 0.5', 'coverage', 0.5],
      ['keywords only', 'coverage', 0],
    ];
    for (const [label, aggregate, dense] of configs) {
      const s = await textOnly(state, graph, { ...DEFAULT_RELATED_WEIGHTS, dense }, aggregate);
      scores[`${aggregate}/${dense}`] = s.recall10;
      rows.push(`${label.padEnd(25)} ${f(s.recall10)}  ${f(s.precision10)}  ${f(s.mrr)}`);
    }
    report(rows.join('\n'));
    expect(scores[`${DEFAULT_TEXT_AGGREGATE}/1`]).toBeGreaterThanOrEqual(scores['best/1']!);
  });

  it('graph: blending shared links in predicts a hidden link better than text alone', async () => {
    const links = allLinks(state, graph, 400);
    const rows = [`${name}: one link hidden, linked notes left out (${links.length} links, both ends)`, 'indirect weight   hit@1  hit@10  MRR'];
    const mrr: Record<string, number> = {};
    for (const indirect of [0, 0.5, 0.75, 1, Infinity]) {
      const weights = indirect === Infinity ? { ...DEFAULT_RELATED_WEIGHTS, text: 0, indirect: 1 } : { ...DEFAULT_RELATED_WEIGHTS, indirect };
      const p = await linkPrediction(state, graph, links, weights, DEFAULT_TEXT_AGGREGATE);
      mrr[String(indirect)] = p.mrr;
      rows.push(`${(indirect === Infinity ? 'links only' : String(indirect)).padEnd(17)} ${f(p.hit1)}  ${f(p.hit10)}  ${f(p.mrr)}`);
    }
    report(rows.join('\n'));
    expect(mrr[String(DEFAULT_RELATED_WEIGHTS.indirect)]).toBeGreaterThan(mrr['0']!);
  });

  it('direct links: the chosen bonus leaves most of the list to notes not linked yet', async () => {
    const rows = [`${name}: share of linked notes in the top 10`, 'direct bonus  linked share'];
    let chosen = 0;
    for (const direct of [0, 0.2, 0.5, 1]) {
      let share = 0;
      const notes = linkedNotes(state, graph);
      for (const p of notes) {
        const results = await rankRelated({ state, graph, lexicalReady: Promise.resolve() }, p, { limit: 10, weights: { direct } });
        share += results.filter((r) => r.linked).length / Math.max(1, results.length);
      }
      share /= notes.length;
      if (direct === DEFAULT_RELATED_WEIGHTS.direct) chosen = share;
      rows.push(`${String(direct).padEnd(13)} ${f(share)}`);
    }
    report(rows.join('\n'));
    expect(chosen).toBeLessThan(0.5);
  });
});
