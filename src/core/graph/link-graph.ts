import { linkpathOfTarget, type LinkResolver } from './link-resolver';

/** Outgoing links of one note as written (`RAG#Busca`, `Embeddings`), e.g. NoteMeta.links. */
export interface LinkSource {
  path: string;
  links: readonly string[];
}

/**
 * The vault's wikilink graph: resolved edges both ways and unresolved targets, built once per
 * index revision. Related notes blend it in ("both link to [[RAG]]", "it links here", "two
 * hops away"), cards count backlinks, and answers expand one hop along it.
 */
export class LinkGraph {
  private readonly out = new Map<string, Set<string>>();
  private readonly back = new Map<string, Set<string>>();
  private readonly unresolvedOut = new Map<string, Set<string>>();
  private readonly unresolvedBack = new Map<string, Set<string>>();

  constructor(notes: Iterable<LinkSource>, resolve: LinkResolver) {
    for (const note of notes) {
      const targets = new Set<string>();
      const missing = new Set<string>();
      for (const link of note.links) {
        const linkpath = linkpathOfTarget(link);
        if (linkpath === '') continue;
        const target = resolve(linkpath, note.path);
        if (target === null) missing.add(linkpath);
        else if (target !== note.path) targets.add(target);
      }
      this.out.set(note.path, targets);
      for (const t of targets) addTo(this.back, t, note.path);
      if (missing.size > 0) {
        this.unresolvedOut.set(note.path, missing);
        for (const m of missing) addTo(this.unresolvedBack, m.toLowerCase(), note.path);
      }
    }
  }

  /** Notes this note links to (resolved, without itself). */
  outgoing(path: string): ReadonlySet<string> {
    return this.out.get(path) ?? EMPTY;
  }

  /** Notes linking to this note. */
  backlinks(path: string): ReadonlySet<string> {
    return this.back.get(path) ?? EMPTY;
  }

  /** Link targets of this note that match no existing note. */
  unresolved(path: string): ReadonlySet<string> {
    return this.unresolvedOut.get(path) ?? EMPTY;
  }

  /** Notes that link to a not-yet-existing note named `linkpath` (case-insensitive). */
  linkersOfUnresolved(linkpath: string): ReadonlySet<string> {
    return this.unresolvedBack.get(linkpath.toLowerCase()) ?? EMPTY;
  }

  /** Linked in either direction. */
  isLinked(a: string, b: string): boolean {
    return this.outgoing(a).has(b) || this.outgoing(b).has(a);
  }

  /** Notes both `a` and `b` link to (resolved or not: two notes pointing at the same missing note share it too). */
  sharedTargets(a: string, b: string): string[] {
    const shared: string[] = [];
    const bOut = this.outgoing(b);
    for (const t of this.outgoing(a)) if (bOut.has(t)) shared.push(t);
    const bMissing = this.unresolved(b);
    for (const m of this.unresolved(a)) if (bMissing.has(m)) shared.push(m);
    return shared;
  }

  /** Notes reachable in exactly two undirected hops, with how many distinct intermediaries lead there. */
  twoHop(path: string): Map<string, number> {
    const first = this.neighbours(path);
    const result = new Map<string, number>();
    for (const mid of first) {
      for (const far of this.neighbours(mid)) {
        if (far === path || first.has(far)) continue;
        result.set(far, (result.get(far) ?? 0) + 1);
      }
    }
    return result;
  }

  /** Linked either way. */
  neighbours(path: string): Set<string> {
    return new Set([...this.outgoing(path), ...this.backlinks(path)]);
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
