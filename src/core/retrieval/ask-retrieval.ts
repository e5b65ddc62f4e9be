/**
 * Retrieval for "Ask my notes": the hybrid search (dense + lexical), re-ranked for questions
 * with what the question says about itself and what the link graph says about the hits.
 *
 * - The question is searched as typed; the searcher embeds it with kind `query` (e5 models get
 *   their `query: ` prefix from the embedder's model spec).
 * - "O que é X?" / "What is X?" / "Defina X" put the definition of the note named X (title or
 *   alias) first, and lift the rest of that note; "a diferença entre X e Y" does so for both.
 * - The best passages' wikilinks are followed one hop: the chunk a link lands on joins the
 *   candidates at a decayed share of the linking passage's score.
 * - Near-identical chunks (a paragraph pasted into two notes) count once.
 * - A scope (folder, or a note and its links) limits everything above.
 */
import { analyzeQuestion } from '../answer/question';
import { shingleSet } from '../answer/sources';
import { jaccard } from '../answer/text';
import type { Lang, QuestionAnalysis } from '../answer/types';
import type { NotesEngine } from '../engine/notes-engine';
import type { IndexState } from '../index/index-state';
import { toPassage } from '../search/searcher';
import type { SearchMode } from '../search/types';
import type { Passage } from './types';
import { resolveScope, WHOLE_VAULT, type AskScope } from './ask-scope';
import { leadChunk, linkTargets } from './link-expansion';
import { askedNames, NoteNames, type NamedNote } from './question-boost';

export interface QuestionTuning {
  /** Passages taken from the hybrid search before re-ranking. */
  pool: number;
  /** Weight of the dense side when fusing min-max normalised scores (the rest is lexical). */
  denseWeight: number;
  /** Definition questions and comparisons lead with the named notes' definitions. */
  conceptBoost: boolean;
  /** Added to passages of notes whose name the question contains (0: off). */
  mentionBoost: number;
  /** Share of the linking passage's score a linked chunk gets (0: no link expansion). */
  linkDecay: number;
  /** How many of the best passages have their links followed. */
  linkSources: number;
  /** Passages at least this similar (Jaccard of word 3-grams) to a better one are dropped. */
  duplicateThreshold: number;
  /** At most this many passages of one note among the `k` returned. */
  maxPerNote: number;
}

/**
 * Measured with `npm run eval` (50 questions of tests/eval, both vaults, GloVe PT-EN fixture as
 * the dense model; recall@5 / MRR / definition first): this tuning 0.840 / 0.722 / 10 of 12;
 * with the plain search's dense weight 0.5: 0.820 / 0.695; with no boosts and no links:
 * 0.820 / 0.719 / 4 of 12. Plain hybrid search: 0.780 / 0.678, keywords alone: 0.860 / 0.707.
 * The dense weight (0.3) follows GloVe, a weak dense model: with the production embedder
 * re-measure (`npm run eval -- --model … --models-dir …`) before trusting it.
 */
export const DEFAULT_TUNING: QuestionTuning = {
  pool: 60,
  denseWeight: 0.3,
  conceptBoost: true,
  mentionBoost: 0.15,
  linkDecay: 0.5,
  linkSources: 3,
  duplicateThreshold: 0.8,
  maxPerNote: 3,
};

export interface RetrieveOptions {
  /** Passages to return (default 6). */
  k?: number;
  scope?: AskScope;
  signal?: AbortSignal;
  /** Default 'hybrid'; the searcher falls back to keywords when there is no model. */
  mode?: SearchMode;
  /** Chunk ids never to return (sources the user unticked). */
  exclude?: Iterable<string>;
  /** Language for questions that give no clue. */
  defaultLang?: Lang;
  tuning?: Partial<QuestionTuning>;
}

export interface QuestionRetrieval {
  analysis: QuestionAnalysis;
  /** Best first; `score` is relative to the best plain search hit (1), boosts can exceed it. */
  passages: Passage[];
  /** What the search actually used: `lexical` while there is no model or no vectors yet. */
  mode: SearchMode;
  /** Notes the question names (its concept, or both sides of a comparison), strongest first. */
  named: NamedNote[];
  /** Aliases of the passages' notes by path: `answerQuestion`'s `conceptNotes`. */
  conceptNotes: Map<string, string[]>;
}

export const DEFAULT_K = 6;

/** The `k` passages an answer should be built from. */
export async function retrieveForQuestion(engine: NotesEngine, question: string, options: RetrieveOptions = {}): Promise<QuestionRetrieval> {
  const ranked = await rankForQuestion(engine, question, options);
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const passages = capPerNote(ranked.passages, options.k ?? DEFAULT_K, tuning.maxPerNote);
  return { ...ranked, passages, conceptNotes: aliasesOf(engine, passages) };
}

/** Every candidate, re-ranked for the question (what the evaluation reads note ranks from). */
export async function rankForQuestion(engine: NotesEngine, question: string, options: RetrieveOptions = {}): Promise<QuestionRetrieval> {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const analysis = analyzeQuestion(question, { defaultLang: options.defaultLang });
  await engine.whenReady();
  const searcher = engine.searcher();
  const indexer = engine.indexer();
  if (!searcher || !indexer) throw new Error('The index is not loaded yet.');
  const scope = resolveScope(options.scope ?? WHOLE_VAULT, () => engine.graph());
  const requested = options.mode ?? 'hybrid';
  const found = await searcher.search(question, {
    mode: requested,
    limit: tuning.pool,
    fusion: 'weighted',
    denseWeight: tuning.denseWeight,
    ...(scope.filter ? { filter: scope.filter } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  options.signal?.throwIfAborted();
  const mode = searcher.effectiveMode(requested);
  const state = indexer.state;

  const candidates = new Candidates(state, found);
  const names = noteNamesOf(state);
  const named = tuning.conceptBoost ? askedNotes(names, analysis, scope.contains) : [];
  for (const note of named) candidates.lead(note);
  if (tuning.mentionBoost > 0) {
    const leading = new Set(named.map((n) => n.path));
    for (const note of names.mentionedIn(question)) {
      if (!leading.has(note.path) && scope.contains(note.path)) candidates.mention(note.path, tuning.mentionBoost);
    }
  }
  if (tuning.linkDecay > 0) {
    for (const from of candidates.ranked().slice(0, tuning.linkSources)) {
      for (const target of linkTargets(engine, from)) {
        if (scope.contains(target.path)) candidates.linked(target.chunk.id, from.score * tuning.linkDecay);
      }
    }
  }
  const excluded = new Set(options.exclude ?? []);
  const passages = dedupe(candidates.ranked().filter((p) => !excluded.has(p.chunkId)), tuning.duplicateThreshold);
  return { analysis, passages, mode, named, conceptNotes: aliasesOf(engine, passages) };
}

/** Passages by chunk id with mutable scores, normalised so the best search hit scores 1. */
class Candidates {
  private readonly byId = new Map<string, Passage>();

  constructor(private readonly state: IndexState, found: readonly Passage[]) {
    const top = Math.max(0, ...found.map((p) => p.score));
    for (const p of found) this.byId.set(p.chunkId, { ...p, score: top > 0 ? p.score / top : 0 });
  }

  /** The named note's definition (or opening) goes first; its other candidates rise a little. */
  lead(note: NamedNote): void {
    const record = this.state.note(note.path);
    const lead = record ? leadChunk(record) : undefined;
    if (!record || !lead) return;
    for (const p of this.byId.values()) if (p.path === note.path) p.score += 0.25 * note.strength;
    const passage = this.ensure(lead.id);
    if (passage) passage.score = Math.max(passage.score, 1 + 0.5 * note.strength);
  }

  /** A note the question mentions by name: its candidates rise, or its opening joins them. */
  mention(path: string, boost: number): void {
    let present = false;
    for (const p of this.byId.values()) {
      if (p.path !== path) continue;
      p.score += boost;
      present = true;
    }
    if (present) return;
    const record = this.state.note(path);
    const lead = record ? leadChunk(record) : undefined;
    const passage = lead ? this.ensure(lead.id) : undefined;
    if (passage) passage.score = Math.max(passage.score, boost);
  }

  /** A chunk a good passage links to: at least `score`, a bit more when it also matched by itself. */
  linked(chunkId: string, score: number): void {
    const present = this.byId.get(chunkId);
    if (present) {
      present.score = Math.max(present.score, score) + 0.1 * Math.min(present.score, score);
      return;
    }
    const passage = this.ensure(chunkId);
    if (passage) passage.score = score;
  }

  ranked(): Passage[] {
    return [...this.byId.values()].sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
  }

  private ensure(chunkId: string): Passage | undefined {
    const present = this.byId.get(chunkId);
    if (present) return present;
    const entry = this.state.chunk(chunkId);
    if (!entry) return undefined;
    const passage = toPassage(entry, 0, undefined, undefined);
    this.byId.set(chunkId, passage);
    return passage;
  }
}

function askedNotes(names: NoteNames, analysis: QuestionAnalysis, inScope: (path: string) => boolean): NamedNote[] {
  const out = new Map<string, NamedNote>();
  for (const phrase of askedNames(analysis)) {
    for (const note of names.match(phrase)) {
      if (!inScope(note.path)) continue;
      const previous = out.get(note.path);
      if (!previous || note.strength > previous.strength) out.set(note.path, note);
    }
  }
  return [...out.values()].sort((a, b) => b.strength - a.strength || a.path.localeCompare(b.path));
}

/** Drops passages that repeat a better one (same text in two notes, a callout quoted elsewhere). */
function dedupe(passages: readonly Passage[], threshold: number): Passage[] {
  const kept: { passage: Passage; shingles: Set<string> }[] = [];
  for (const passage of passages) {
    const shingles = shingleSet(passage.text);
    if (kept.some((k) => jaccard(k.shingles, shingles) >= threshold)) continue;
    kept.push({ passage, shingles });
  }
  return kept.map((k) => k.passage);
}

/** The first `k` passages with no more than `perNote` from one note, unless nothing else is left. */
function capPerNote(passages: readonly Passage[], k: number, perNote: number): Passage[] {
  const chosen: Passage[] = [];
  const counts = new Map<string, number>();
  const overflow: Passage[] = [];
  for (const p of passages) {
    if (chosen.length >= k) break;
    const count = counts.get(p.path) ?? 0;
    if (count >= perNote) {
      overflow.push(p);
      continue;
    }
    counts.set(p.path, count + 1);
    chosen.push(p);
  }
  for (const p of overflow) {
    if (chosen.length >= k) break;
    chosen.push(p);
  }
  return chosen.sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId));
}

function aliasesOf(engine: NotesEngine, passages: readonly Passage[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of passages) {
    if (out.has(p.path)) continue;
    const aliases = engine.note(p.path)?.meta.aliases ?? [];
    if (aliases.length > 0) out.set(p.path, [...aliases]);
  }
  return out;
}

const nameCache = new WeakMap<IndexState, { revision: number; names: NoteNames }>();

/** Note names, rebuilt only when the index changed since the last question. */
function noteNamesOf(state: IndexState): NoteNames {
  const cached = nameCache.get(state);
  if (cached && cached.revision === state.revision) return cached.names;
  const names = new NoteNames(state.notes());
  nameCache.set(state, { revision: state.revision, names });
  return names;
}
