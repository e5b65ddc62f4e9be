/**
 * The default answer: no network, no model. Quotes the sentences of the numbered sources that best
 * answer the question, each with its `[n]`, in the notes' own words (never translated or invented).
 */
import { analyzeQuestion } from './question';
import { notFoundMessage } from './messages';
import {
  coverage, definesConcept, namesConcept, sourceNames, weighTerms, type WeightedTerm,
} from './relevance';
import { splitUnits, type TextUnit } from './sentences';
import { contentStems, foldedTokens, jaccard, wordCount } from './text';
import type {
  AnswerCitation, AnswerSentence, ExtractiveAnswer, Lang, NumberedSource, QuestionAnalysis, QuestionKind,
} from './types';

export interface ExtractiveOptions {
  /** Sentence cap; defaults by question kind: 4 for definitions, 6 for explanations and how-tos, 5 otherwise. */
  maxSentences?: number;
  /** Soft word cap (the first sentence is always kept); 120 by default, 160 for explanations and how-tos. */
  maxWords?: number;
  /** Least share of the question's term weight one source must cover for the notes to count as answering. */
  minCoverage?: number;
  /** For language detection when the question is ambiguous. */
  defaultLang?: Lang;
}

export interface ExtractiveInput {
  question: string | QuestionAnalysis;
  sources: readonly NumberedSource[];
  /** Aliases by note path, so "LLM" finds the definition in a note titled "Large Language Model". */
  conceptNotes?: ReadonlyMap<string, readonly string[]>;
  /**
   * Notes the question names, by path, in order (retrieval finds them): for a question that is
   * not a definition, such as "a diferença entre X e Y", the opening sentence of each one's
   * definition leads the answer, so both sides are stated before they are compared.
   */
  leadNotes?: readonly string[];
  options?: ExtractiveOptions;
}

interface Unit {
  source: NumberedSource;
  unit: TextUnit;
  stems: Set<string>;
}

interface Candidate extends Unit {
  coverage: number;
  score: number;
}

const CAPS: Record<QuestionKind, { sentences: number; words: number }> = {
  definition: { sentences: 4, words: 120 },
  explanation: { sentences: 6, words: 160 },
  howto: { sentences: 6, words: 160 },
  other: { sentences: 5, words: 120 },
};
/** Sentences this similar (Jaccard of stems) to one already chosen add nothing. */
const REDUNDANT = 0.6;
/** A supporting sentence must score at least this share of the best one. */
const RELATIVE_FLOOR = 0.45;
/** The lead definition quotes up to this many units / words of the definition passage. */
const LEAD_UNITS = 2;
const LEAD_WORDS = 70;
/** Sources covering the question this much less than the best one are left out. */
const SOURCE_MARGIN = 0.25;
/** Share of the question's words a heading must repeat to count as restating it ("RAG: como funciona"). */
const HEADING_RESTATES = 0.75;

export function extractiveAnswer(input: ExtractiveInput): ExtractiveAnswer {
  const options = input.options ?? {};
  const analysis = typeof input.question === 'string'
    ? analyzeQuestion(input.question, { defaultLang: options.defaultLang })
    : input.question;
  const aliasesOf = (source: NumberedSource): readonly string[] => input.conceptNotes?.get(source.passage.path) ?? [];

  const units: Unit[] = input.sources.flatMap((source) =>
    splitUnits(source.passage.text, {
      labels: [source.passage.title, ...source.passage.headingTrail, ...aliasesOf(source)],
      isCallout: source.passage.kind !== 'section',
    }).map((unit) => ({ source, unit, stems: contentStems(unit.text) })));
  const terms = weighTerms(analysis, units.map((u) => u.stems));
  if (terms.length === 0 || units.length === 0) return notFound(analysis.lang);

  const conceptSource = findConceptDefinition(units, analysis, aliasesOf);
  // How much of the question a source's names cover; every passage of the concept's own note is
  // about the concept, whatever words it uses.
  const headerCoverage = new Map(input.sources.map((s) => [
    s.n,
    conceptSource && s.passage.path === conceptSource.passage.path ? 1 : coverage(terms, contentStems(sourceNames(s, aliasesOf(s)).join(' '))),
  ]));
  const candidates = units.map((u) => scoreUnit(u, terms, analysis, headerCoverage.get(u.source.n) ?? 0, input.sources.length));

  const lead = chooseLead(candidates, analysis, conceptSource);
  if (lead.length === 0 && analysis.kind !== 'definition') lead.push(...namedLeads(candidates, input.leadNotes ?? []));
  // Answer from the sources that cover the question best: one that shares a single generic word
  // ("exemplos") with the question must not slip in next to one that is about it.
  const sourceScores = input.sources.map((s) => ({ n: s.n, coverage: sourceCoverage(s.n, candidates, headerCoverage.get(s.n) ?? 0, terms) }));
  const best = Math.max(0, ...sourceScores.map((s) => s.coverage));
  const minCoverage = options.minCoverage ?? 0.5;
  if (lead.length === 0 && best < minCoverage) return notFound(analysis.lang);
  const eligible = new Set(sourceScores.filter((s) => s.coverage >= Math.max(minCoverage, best - SOURCE_MARGIN)).map((s) => s.n));

  const caps = CAPS[analysis.kind];
  const chosen = chooseSupport(candidates.filter((c) => eligible.has(c.source.n)), lead, options.maxSentences ?? caps.sentences, options.maxWords ?? caps.words);
  if (chosen.length === 0) return notFound(analysis.lang);
  return render(chosen, lead.length);
}

function scoreUnit(u: Unit, terms: readonly WeightedTerm[], analysis: QuestionAnalysis, headerCoverage: number, sourceCount: number): Candidate {
  const own = coverage(terms, u.stems);
  // A sentence under a heading (or in a note) that names the topic is about it even when it says "it".
  const effective = own + 0.5 * (1 - own) * headerCoverage;
  const rank = sourceCount <= 1 ? 1 : 1 - (u.source.n - 1) / sourceCount;
  const position = 1 / (1 + u.unit.order);
  const kind = u.source.passage.kind;
  let score = 0.6 * effective + 0.15 * rank + 0.1 * position;
  if (kind === 'definition') score += analysis.kind === 'definition' ? 0.15 : 0.05;
  if (kind === 'callout') score += 0.03;
  if (analysis.kind === 'definition' && analysis.concept && definesConcept(u.unit.text, analysis.concept)) score += 0.15;
  if (analysis.kind === 'howto' && u.unit.list) score += 0.05;
  // A section whose heading restates the question is the answer, all of it.
  if (headingRestates(u.source, analysis.text)) score += 0.2;
  const length = wordCount(u.unit.text);
  if (length < 4) score -= 0.2;
  if (length > 60) score -= 0.1;
  if (u.unit.danglingIntro) score -= 0.15;
  return { ...u, coverage: effective, score };
}

/**
 * Whether the passage's own heading says what the question asks, counting the question's framing
 * words too ("Como funciona o RAG?" and the heading "RAG: como funciona").
 */
function headingRestates(source: NumberedSource, question: string): boolean {
  const heading = source.passage.headingTrail[source.passage.headingTrail.length - 1];
  if (!heading) return false;
  const asked = foldedTokens(question).filter((t) => !ARTICLES.has(t));
  if (asked.length < 2) return false;
  const said = new Set(foldedTokens(heading));
  return asked.filter((t) => said.has(t)).length / asked.length >= HEADING_RESTATES;
}

const ARTICLES = new Set(['o', 'a', 'os', 'as', 'um', 'uma', 'the', 'an', 'de', 'do', 'da', 'of']);

/** How much of the question one passage covers: all its sentences' words, or its note's names. */
function sourceCoverage(n: number, candidates: readonly Candidate[], header: number, terms: readonly WeightedTerm[]): number {
  const stems = new Set<string>();
  for (const c of candidates) if (c.source.n === n) for (const s of c.stems) stems.add(s);
  return Math.max(header, coverage(terms, stems));
}

/**
 * The passage holding the note's own definition of the asked concept: the definition callout of
 * the note named after it (title, alias or heading); failing that, a definition callout whose
 * first sentence states what it is ("X, ou Y, é …").
 */
function findConceptDefinition(
  units: readonly Unit[],
  analysis: QuestionAnalysis,
  aliasesOf: (source: NumberedSource) => readonly string[],
): NumberedSource | undefined {
  const concept = analysis.concept;
  if (analysis.kind !== 'definition' || !concept) return undefined;
  const definitions = units.filter((u) => u.source.passage.kind === 'definition');
  const named = definitions.find((u) => namesConcept(sourceNames(u.source, aliasesOf(u.source)), concept));
  // Mentioning is not enough ("… gerado por um LLM" does not define LLM): the sentence must state it.
  const mentioned = definitions.find((u) => u.unit.order === 0 && definesConcept(u.unit.text, concept));
  return named?.source ?? mentioned?.source;
}

/**
 * A definition question's answer opens with the concept's definition: the first units of its
 * definition passage, or else the best sentence that states "X is …". Other questions have no lead.
 */
function chooseLead(candidates: readonly Candidate[], analysis: QuestionAnalysis, conceptSource: NumberedSource | undefined): Candidate[] {
  const concept = analysis.concept;
  if (analysis.kind !== 'definition' || !concept) return [];
  if (conceptSource) {
    const lead: Candidate[] = [];
    let words = 0;
    const ofSource = candidates.filter((c) => c.source.n === conceptSource.n).sort((a, b) => a.unit.order - b.unit.order);
    for (const c of ofSource) {
      const length = wordCount(c.unit.text);
      if (lead.length > 0 && (lead.length >= LEAD_UNITS || words + length > LEAD_WORDS)) break;
      lead.push(c);
      words += length;
    }
    return lead;
  }
  const stating = candidates
    .filter((c) => definesConcept(c.unit.text, concept))
    .sort((a, b) => b.score - a.score)[0];
  return stating ? [stating] : [];
}

/** The first sentence of each named note's definition (or of its first source), at most three notes. */
function namedLeads(candidates: readonly Candidate[], paths: readonly string[]): Candidate[] {
  if (paths.length < 2) return [];
  const out: Candidate[] = [];
  for (const path of paths.slice(0, 3)) {
    const ofNote = candidates.filter((c) => c.source.passage.path === path);
    const definition = ofNote.filter((c) => c.source.passage.kind === 'definition');
    const first = (definition.length > 0 ? definition : ofNote).sort((a, b) => a.source.n - b.source.n || a.unit.order - b.unit.order)[0];
    if (first) out.push(first);
  }
  return out.length >= 2 ? out : [];
}

/** Adds the best-scoring relevant sentences after the lead, skipping ones that repeat what is chosen. */
function chooseSupport(candidates: readonly Candidate[], lead: readonly Candidate[], maxSentences: number, maxWords: number): Candidate[] {
  const chosen = [...lead];
  let words = lead.reduce((sum, c) => sum + wordCount(c.unit.text), 0);
  const pool = candidates
    .filter((c) => !lead.includes(c) && c.coverage > 0)
    .sort((a, b) => b.score - a.score || a.source.n - b.source.n || a.unit.order - b.unit.order);
  const best = pool[0]?.score ?? 0;
  for (const c of pool) {
    if (chosen.length >= maxSentences) break;
    if (c.score < best * RELATIVE_FLOOR) break;
    const length = wordCount(c.unit.text);
    if (chosen.length > 0 && words + length > maxWords) continue;
    if (chosen.some((other) => isRedundant(other.stems, c.stems))) continue;
    chosen.push(c);
    words += length;
  }
  return chosen;
}

function isRedundant(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (jaccard(a, b) >= REDUNDANT) return true;
  const smaller = a.size <= b.size ? a : b;
  const larger = smaller === a ? b : a;
  if (smaller.size === 0) return true;
  let inside = 0;
  for (const s of smaller) if (larger.has(s)) inside++;
  return inside / smaller.size >= 0.85;
}

/** Lead first; then in source order and, within a source, in the note's order, so the text reads as written. */
function render(chosen: readonly Candidate[], leadCount: number): ExtractiveAnswer {
  const lead = chosen.slice(0, leadCount);
  const rest = chosen.slice(leadCount).sort((a, b) => a.source.n - b.source.n || a.unit.order - b.unit.order);
  const ordered = [...lead, ...rest];
  const paragraphs: string[] = [];
  let current: string[] = [];
  let previousSource = -1;
  ordered.forEach((c, i) => {
    const startsParagraph = i === leadCount || (i > 0 && i > leadCount && c.source.n !== previousSource);
    if (startsParagraph && current.length > 0) {
      paragraphs.push(current.join(' '));
      current = [];
    }
    current.push(withMarker(escapeMarkers(c.unit.text), c.source.n));
    previousSource = c.source.n;
  });
  if (current.length > 0) paragraphs.push(current.join(' '));

  const sentences: AnswerSentence[] = ordered.map((c) => ({ text: c.unit.text, source: c.source.n }));
  const usedSources = [...new Map(ordered.map((c) => [c.source.n, c.source])).values()].sort((a, b) => a.n - b.n);
  const citations: AnswerCitation[] = usedSources.map((s) => ({ n: s.n, ...s.citation }));
  return { mode: 'extractive', answer: paragraphs.join('\n\n'), sentences, citations, found: true };
}

/** Puts `[n]` before the closing punctuation ("… relacionada [1].") so the marker stays inside its sentence. */
export function withMarker(text: string, n: number): string {
  const end = /[.!?…]+["'”’)\]»]*$/.exec(text);
  if (!end) return `${text} [${n}]`;
  return `${text.slice(0, end.index)} [${n}]${end[0]}`;
}

/** Bracketed numbers in a note ("see [2]") must not read as our citation markers. */
function escapeMarkers(text: string): string {
  return text.replace(/\[(\s*\d+(?:\s*[,;–-]\s*\d+)*\s*)\]/g, '\\[$1\\]');
}

function notFound(lang: Lang): ExtractiveAnswer {
  return { mode: 'extractive', answer: notFoundMessage(lang), sentences: [], citations: [], found: false };
}
