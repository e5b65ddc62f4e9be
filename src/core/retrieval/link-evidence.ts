/**
 * What the link graph says about how other notes relate to one note: direct links either
 * way, links both make (to existing or not-yet-existing notes), notes that link to both,
 * and two-hop chains. The indirect evidence is an Adamic–Adar sum: every shared neighbour
 * counts 1/ln(2 + its degree), so sharing a link to a hub such as "Home" says little and
 * sharing a link to a rarely linked concept says a lot.
 */
import type { LinkGraph } from '../graph/link-graph';
import type { LinkRelation } from './related-types';

/** The part of the graph this reads (the evaluation wraps it to hold links out). */
export type LinkGraphView = Pick<LinkGraph, 'outgoing' | 'backlinks' | 'unresolved' | 'linkersOfUnresolved'>;

export interface LinkEvidence {
  relation: LinkRelation;
  /** Targets both link to: resolved paths, or link text of notes that do not exist yet. */
  sharedTargets: string[];
  /** Notes that link to both. */
  sharedLinkers: string[];
  /** Intermediaries of two-hop chains (either direction), when not linked directly. */
  via: string[];
  /** Adamic–Adar sum over every shared neighbour (0 when there is none). */
  adamicAdar: number;
}

/** Evidence for every note the graph relates to `path` (the note itself excluded). */
export function linkEvidence(graph: LinkGraphView, path: string): Map<string, LinkEvidence> {
  const evidence = new Map<string, LinkEvidence>();
  const get = (other: string): LinkEvidence => {
    let e = evidence.get(other);
    if (!e) evidence.set(other, (e = { relation: 'none', sharedTargets: [], sharedLinkers: [], via: [], adamicAdar: 0 }));
    return e;
  };
  const degree = (p: string): number => graph.outgoing(p).size + graph.backlinks(p).size + graph.unresolved(p).size;
  const weight = (d: number): number => 1 / Math.log(2 + d);

  const out = graph.outgoing(path);
  const back = graph.backlinks(path);
  for (const t of out) get(t).relation = back.has(t) ? 'both' : 'linked-from-here';
  for (const s of back) if (!out.has(s)) get(s).relation = 'links-here';

  for (const target of out) {
    const w = weight(degree(target));
    // Both link to `target`.
    for (const other of graph.backlinks(target)) {
      if (other === path) continue;
      const e = get(other);
      e.sharedTargets.push(target);
      e.adamicAdar += w;
    }
    // path → target → other.
    for (const other of graph.outgoing(target)) {
      if (other === path) continue;
      const e = get(other);
      e.via.push(target);
      e.adamicAdar += w;
    }
  }
  for (const source of back) {
    const w = weight(degree(source));
    // `source` links to both.
    for (const other of graph.outgoing(source)) {
      if (other === path) continue;
      const e = get(other);
      e.sharedLinkers.push(source);
      e.adamicAdar += w;
    }
    // other → source → path.
    for (const other of graph.backlinks(source)) {
      if (other === path) continue;
      const e = get(other);
      e.via.push(source);
      e.adamicAdar += w;
    }
  }
  for (const missing of graph.unresolved(path)) {
    const linkers = graph.linkersOfUnresolved(missing);
    const w = weight(linkers.size);
    for (const other of linkers) {
      if (other === path) continue;
      const e = get(other);
      e.sharedTargets.push(missing);
      e.adamicAdar += w;
    }
  }
  for (const e of evidence.values()) {
    e.sharedTargets = rarestFirst(unique(e.sharedTargets), degree);
    e.sharedLinkers = rarestFirst(unique(e.sharedLinkers), degree);
    // A chain through a note both link to is already said by the shared lists.
    const said = new Set([...e.sharedTargets, ...e.sharedLinkers]);
    e.via = e.relation === 'none' ? rarestFirst(unique(e.via), degree).filter((v) => !said.has(v)) : [];
  }
  return evidence;
}

/** Indirect evidence in [0, 1): one rare shared neighbour gives about 0.4, three give about 0.7. */
export function indirectStrength(adamicAdar: number): number {
  return adamicAdar / (adamicAdar + 1);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function rarestFirst(items: string[], degree: (p: string) => number): string[] {
  return items.map((p) => [p, degree(p)] as const).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([p]) => p);
}
