/**
 * Held-out-link evaluation of the related-notes ranking. The vault's own links are the
 * labels: a note's links name notes its author found related.
 *
 * - `textOnly`: every link of the note is hidden from the graph (as if the note had just been
 *   written), weights text-only; how many of its linked notes does text similarity find?
 * - `linkPrediction`: one link at a time is hidden (both directions), the note's other linked
 *   notes are left out of the list (the "hide linked" view); where does the hidden one rank?
 */
import type { IndexState } from '../../../src/core/index/index-state';
import type { LinkGraph } from '../../../src/core/graph';
import type { LinkGraphView } from '../../../src/core/retrieval/link-evidence';
import { rankRelated } from '../../../src/core/retrieval/related';
import type { TextAggregate } from '../../../src/core/retrieval/related-text';
import type { RelatedWeights } from '../../../src/core/retrieval/related-types';

export interface TextOnlyScore {
  notes: number;
  /** Share of a note's linked notes found in its top 10 (at most 10 expected), averaged. */
  recall10: number;
  /** Share of the top 10 that the note links with, averaged. */
  precision10: number;
  /** Reciprocal rank of the first linked note. */
  mrr: number;
}

export interface PredictionScore {
  links: number;
  hit1: number;
  hit10: number;
  mrr: number;
}

/** The graph with some links hidden, in both directions. */
export function hideLinks(graph: LinkGraph, hidden: (a: string, b: string) => boolean): LinkGraphView {
  const filter = (owner: string, set: ReadonlySet<string>): ReadonlySet<string> => {
    let out: Set<string> | null = null;
    for (const other of set) {
      if (hidden(owner, other)) (out ??= new Set(set)).delete(other);
    }
    return out ?? set;
  };
  return {
    outgoing: (p) => filter(p, graph.outgoing(p)),
    backlinks: (p) => filter(p, graph.backlinks(p)),
    unresolved: (p) => graph.unresolved(p),
    linkersOfUnresolved: (l) => graph.linkersOfUnresolved(l),
  };
}

/** Notes with at least one link to another indexed note, and with vectors. */
export function linkedNotes(state: IndexState, graph: LinkGraph): string[] {
  const paths: string[] = [];
  for (const note of state.notes()) if (graph.neighbours(note.path).size > 0) paths.push(note.path);
  return paths.sort();
}

export async function textOnly(state: IndexState, graph: LinkGraph, weights: RelatedWeights, aggregate: TextAggregate, basis?: 'semantic' | 'lexical'): Promise<TextOnlyScore> {
  const notes = linkedNotes(state, graph);
  let recall = 0;
  let precision = 0;
  let mrr = 0;
  for (const path of notes) {
    const truth = graph.neighbours(path);
    const isolated = hideLinks(graph, (a, b) => a === path || b === path);
    const unresolvedHidden: LinkGraphView = { ...isolated, unresolved: (p) => (p === path ? new Set() : graph.unresolved(p)) };
    const results = await rankRelated({ state, graph: unresolvedHidden, lexicalReady: Promise.resolve() }, path, { limit: 10, aggregate, weights: { ...weights, direct: 0, indirect: 0 }, ...(basis ? { basis } : {}) });
    const found = results.filter((r) => truth.has(r.path)).length;
    recall += found / Math.min(10, truth.size);
    precision += results.length === 0 ? 0 : found / 10;
    const first = results.findIndex((r) => truth.has(r.path));
    mrr += first >= 0 ? 1 / (first + 1) : 0;
  }
  const n = notes.length || 1;
  return { notes: notes.length, recall10: recall / n, precision10: precision / n, mrr: mrr / n };
}

/** Every link (undirected) once, from its lexicographically first end, or a deterministic sample. */
export function allLinks(state: IndexState, graph: LinkGraph, max = Infinity): [string, string][] {
  const links: [string, string][] = [];
  for (const note of state.notes()) {
    for (const other of graph.neighbours(note.path)) if (note.path < other) links.push([note.path, other]);
  }
  links.sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
  if (links.length <= max) return links;
  const step = links.length / max;
  return Array.from({ length: max }, (_, i) => links[Math.floor(i * step)]!);
}

export async function linkPrediction(
  state: IndexState,
  graph: LinkGraph,
  links: [string, string][],
  weights: RelatedWeights,
  aggregate: TextAggregate,
): Promise<PredictionScore> {
  let hit1 = 0;
  let hit10 = 0;
  let mrr = 0;
  for (const [a, b] of links) {
    // Predict from both ends: each note's list should bring up the other.
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const view = hideLinks(graph, (x, y) => (x === from && y === to) || (x === to && y === from));
      const results = await rankRelated({ state, graph: view, lexicalReady: Promise.resolve() }, from, { limit: 10, includeLinked: false, weights, aggregate });
      const rank = results.findIndex((r) => r.path === to);
      if (rank === 0) hit1++;
      if (rank >= 0) {
        hit10++;
        mrr += 1 / (rank + 1);
      }
    }
  }
  const n = links.length * 2 || 1;
  return { links: links.length, hit1: hit1 / n, hit10: hit10 / n, mrr: mrr / n };
}
