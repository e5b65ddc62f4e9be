/**
 * Related notes for one note: text similarity from the index's stored vectors (or its key
 * terms as keywords when it has none), blended with the link graph, each result with its
 * "why" (best matching passage, shared links, how it is linked).
 */
import type { NotesEngine } from '../engine/notes-engine';
import type { IndexState } from '../index/index-state';
import { compileFilter } from '../search/filters';
import { indirectStrength, linkEvidence, type LinkEvidence, type LinkGraphView } from './link-evidence';
import { sourceChunks } from './note-vectors';
import { passageOf } from './related-passage';
import { textCandidates, type TextAggregate, type TextCandidate } from './related-text';
import type { RelatedBasis, RelatedOptions, RelatedPassage, RelatedResult, RelatedWeights } from './related-types';

/**
 * Chosen by the held-out-link evaluation (tests/core/retrieval/related-eval.test.ts; GloVe
 * PT-EN fixture model, production parser and chunker; example / help-en / help-pt-br vaults).
 *
 * Text (all links of the note hidden, text only; recall@10 of its linked notes): `coverage`
 * 0.652 / 0.383 / 0.313, `best` (single best pair) 0.596 / 0.347 / 0.258, `best+coverage`
 * 0.642 / 0.378 / 0.300 (precision@10 follows the same order: 0.346 / 0.273 / 0.222 for
 * coverage). Coverage asks how much of the active note the other note speaks to, so one
 * lucky chunk of a long note counts for less.
 *
 * Keywords: the note's key terms as a BM25 query recall more than GloVe vectors (0.768 /
 * 0.571 / 0.557), and mixing them in half-and-half gives 0.727 / 0.512 / 0.481; but that
 * query costs 100–500 ms per refresh on the 23k-chunk hub vault (an OR query of 10–40 terms
 * through MiniSearch), against 3 ms p50 for the vector scans, and GloVe is a far weaker dense
 * model than the production e5. So `dense: 1`: keywords only when the note has no vectors.
 * Re-measure with the production embedder before changing it.
 *
 * Graph (one link hidden at a time, the other linked notes left out of the list; MRR of the
 * hidden one): text only 0.347 / 0.162 / 0.121; indirect 0.5: 0.393 / 0.213 / 0.170; 0.75:
 * 0.400 / 0.228 / 0.188; 1: 0.392 / 0.239 / 0.202; links only 0.354 / 0.254 / 0.251. 0.75 is
 * best on the concept vault and close on the help vaults, where GloVe text is weak; a
 * stronger text model deserves no smaller share.
 *
 * Direct links cannot be held out and scored (they are the labels), so their weight is a
 * product choice: linked notes take 29–38% of a top 10 with no bonus, 38–43% with 0.2,
 * 48–53% with 0.5, 55–66% with 1. At 0.2 a linked note is favoured, but most of the list is
 * still notes the user has not linked: the ones the view exists to surface.
 */
export const DEFAULT_TEXT_AGGREGATE: TextAggregate = 'coverage';
export const DEFAULT_RELATED_WEIGHTS: RelatedWeights = { text: 1, dense: 1, direct: 0.2, indirect: 0.75 };

const DEFAULT_LIMIT = 10;
/** Graph-only candidates scored for text similarity: the strongest by link evidence. */
const GRAPH_CANDIDATES = 40;

/** What a ranking reads; `relatedNotes` takes it from the engine, the evaluation builds its own. */
export interface RelatedInputs {
  state: IndexState;
  graph: LinkGraphView;
  /** Resolves when the keyword index has loaded (it loads after the vectors). */
  lexicalReady: Promise<void>;
}

/** Whether `path` would be ranked from its vectors or from its key terms. */
export function relatedBasisOf(state: IndexState, path: string): RelatedBasis {
  return sourceChunks(state, path).length > 0 ? 'semantic' : 'lexical';
}

export async function relatedNotes(engine: NotesEngine, path: string, options: RelatedOptions = {}): Promise<RelatedResult[]> {
  const indexer = engine.indexer();
  if (!indexer) return [];
  const graph = engine.graph();
  await options.yieldBetweenSteps?.();
  const results = await rankRelated({ state: indexer.state, graph, lexicalReady: indexer.lexicalReady }, path, options);
  await options.yieldBetweenSteps?.();
  return results;
}

export async function rankRelated(
  inputs: RelatedInputs,
  path: string,
  options: RelatedOptions & { aggregate?: TextAggregate } = {},
): Promise<RelatedResult[]> {
  const { state, graph } = inputs;
  const note = state.note(path);
  if (!note) return [];
  const weights = { ...DEFAULT_RELATED_WEIGHTS, ...options.weights };
  const excludedFolders = (options.excludeFolders ?? []).map((f) => f.replace(/\/+$/, ''));
  const excludedPaths = new Set([path, ...(options.excludePaths ?? [])]);
  const allowed = (p: string): boolean => !excludedPaths.has(p) && !excludedFolders.some((f) => f === '' || p === f || p.startsWith(`${f}/`)) && state.note(p) !== undefined;

  const evidence = linkEvidence(graph, path);
  for (const [p, e] of [...evidence]) {
    if (!allowed(p) || (options.includeLinked === false && e.relation !== 'none')) evidence.delete(p);
  }
  const graphCandidates = strongestByLinks(evidence, GRAPH_CANDIDATES);

  const source = options.basis === 'lexical' || weights.dense <= 0 ? [] : sourceChunks(state, path);
  const basis: RelatedBasis = source.length > 0 ? 'semantic' : 'lexical';
  // Without vectors the keyword side is all there is: wait for the lexical index if it is still loading.
  if (basis === 'lexical' && state.lexical === null) await inputs.lexicalReady;
  await options.yieldBetweenSteps?.();
  options.signal?.throwIfAborted();
  const text = textCandidates(state, path, {
    source,
    extra: graphCandidates,
    allowNote: allowed,
    allowChunk: compileFilter({ excludePaths: excludedPaths, excludePrefixes: excludedFolders }, state),
    aggregate: options.aggregate ?? DEFAULT_TEXT_AGGREGATE,
    dense: weights.dense,
  });

  const total = weights.text + weights.direct + weights.indirect || 1;
  const results: RelatedResult[] = [];
  for (const p of new Set([...text.keys(), ...graphCandidates])) {
    if (!allowed(p)) continue;
    if (options.includeLinked === false && graph.outgoing(path).has(p)) continue;
    if (options.includeLinked === false && graph.backlinks(path).has(p)) continue;
    const e = evidence.get(p);
    const linked = e !== undefined && e.relation !== 'none';
    const t = text.get(p);
    const indirect = e ? indirectStrength(e.adamicAdar) : 0;
    const graphScore = (weights.direct * (linked ? 1 : 0) + weights.indirect * indirect) / (weights.direct + weights.indirect || 1);
    const score = (weights.text * (t?.score ?? 0) + weights.direct * (linked ? 1 : 0) + weights.indirect * indirect) / total;
    results.push(resultFor(state, p, score, basis, t, e, graphScore));
  }
  return results.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path)).slice(0, options.limit ?? DEFAULT_LIMIT);
}

function strongestByLinks(evidence: Map<string, LinkEvidence>, limit: number): string[] {
  return [...evidence]
    .map(([p, e]) => [p, (e.relation !== 'none' ? 10 : 0) + e.adamicAdar] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([p]) => p);
}

function resultFor(state: IndexState, path: string, score: number, basis: RelatedBasis, text: TextCandidate | undefined, evidence: LinkEvidence | undefined, graph: number): RelatedResult {
  const note = state.note(path);
  const title = note?.meta.title ?? path;
  const relation = evidence?.relation ?? 'none';
  const titleOf = (p: string): string => state.note(p)?.meta.title ?? p;
  const components: RelatedResult['components'] = { semantic: text?.semantic ?? 0, graph };
  if (text?.lexical !== undefined) components.lexical = text.lexical;
  return {
    path,
    title,
    score,
    linked: relation !== 'none',
    linkRelation: relation,
    sharedLinks: (evidence?.sharedTargets ?? []).map(titleOf),
    sharedBacklinks: (evidence?.sharedLinkers ?? []).map(titleOf),
    twoHop: relation === 'none' && (evidence?.adamicAdar ?? 0) > 0,
    twoHopVia: (evidence?.via ?? []).slice(0, 3).map(titleOf),
    passage: text?.passage ?? fallbackPassage(state, path),
    basis,
    components,
  };
}

/** For a note related only through links: its definition, else its first passage. */
function fallbackPassage(state: IndexState, path: string): RelatedPassage | null {
  const chunks = state.note(path)?.chunks ?? [];
  const chunk = chunks.find((c) => c.kind === 'definition') ?? chunks[0];
  return chunk ? passageOf(chunk) : null;
}
