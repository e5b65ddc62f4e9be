/**
 * "Ask my notes": from a question and retrieved passages to a cited answer. Extractive (quotes from
 * the notes) by default; generative when an LLM is configured, falling back to the extractive
 * answer with the reason when the LLM fails.
 */
import type { Generator } from '../ports';
import type { Passage } from '../retrieval/types';
import { checkCitations } from './citations';
import { extractiveAnswer, type ExtractiveOptions } from './extractive';
import type { LinkOptions } from './links';
import { isAbortError, LlmError, type LlmErrorKind } from './llm-errors';
import { buildPrompt } from './prompt';
import { analyzeQuestion } from './question';
import { selectSources, type TokenEstimator } from './sources';
import type { AnswerCitation, AnswerSentence, Lang, NumberedSource, QuestionAnalysis, UncitedRange } from './types';

export { toMarkdownWithWikilinks } from './markdown-export';

export interface AnswerBudget {
  /** Tokens for all source texts in the prompt; the rest of the model's context is for rules and the answer. */
  contextTokens: number;
  estimateTokens?: TokenEstimator;
  maxSources?: number;
}

export const DEFAULT_BUDGET: AnswerBudget = { contextTokens: 2500 };

export interface AnswerRequest extends LinkOptions {
  question: string;
  /** Retrieved passages, best first. */
  passages: readonly Passage[];
  /** An LLM for a generative answer; without one the answer is extractive. */
  generator?: Generator;
  signal?: AbortSignal;
  /** Generative mode: receives the answer text piece by piece as it streams. */
  onToken?: (token: string) => void;
  budget?: AnswerBudget;
  /** Aliases by note path (see `extractiveAnswer`). */
  conceptNotes?: ReadonlyMap<string, readonly string[]>;
  /** Notes the question names, e.g. both sides of a comparison (see `extractiveAnswer`). */
  leadNotes?: readonly string[];
  /** Language for questions that give no clue, e.g. the app's language. */
  defaultLang?: Lang;
  extractive?: ExtractiveOptions;
}

export interface AnswerResult {
  mode: 'extractive' | 'generative';
  question: QuestionAnalysis;
  /** Markdown with `[n]` markers that refer to `sources`. */
  answer: string;
  /** False when the notes do not seem to hold the answer (generative: when the answer cites nothing). */
  found: boolean;
  /** Extractive mode: the quoted sentences and their sources; empty in generative mode. */
  sentences: AnswerSentence[];
  /** The sources the answer cites, by number. */
  citations: AnswerCitation[];
  /** Every source the answer could use (what the UI lists under "Sources"). */
  sources: NumberedSource[];
  /** Generative mode: numbers the model cited that were not among the sources (removed from `answer`). */
  invalidCitations: number[];
  /** Generative mode: sentences without a citation, for the UI to mark. */
  uncited: UncitedRange[];
  /** Set when an LLM was configured but failed and this is the extractive fallback. */
  llmError?: string;
  llmErrorKind?: LlmErrorKind | 'other';
}

/** Rejects with an `LlmError` of kind `aborted` when `signal` cancels a generative answer. */
export async function answerQuestion(request: AnswerRequest): Promise<AnswerResult> {
  const analysis = analyzeQuestion(request.question, { defaultLang: request.defaultLang });
  const budget = request.budget ?? DEFAULT_BUDGET;
  const sources = selectSources(request.passages, {
    budgetTokens: budget.contextTokens,
    estimateTokens: budget.estimateTokens,
    maxSources: budget.maxSources,
    linkpath: request.linkpath,
  });
  const extractive = extractiveAnswer({ question: analysis, sources, conceptNotes: request.conceptNotes, leadNotes: request.leadNotes, options: request.extractive });
  const fallback: AnswerResult = { ...extractive, question: analysis, sources, invalidCitations: [], uncited: [] };
  // With nothing retrieved there is nothing to ground an LLM answer in; do not spend a call on it.
  if (!request.generator || sources.length === 0) return fallback;

  try {
    const messages = buildPrompt({ question: request.question, lang: analysis.lang, sources });
    const text = await request.generator.generate(messages, { signal: request.signal, onToken: request.onToken });
    const checked = checkCitations(text, sources.map((s) => s.n));
    const byNumber = new Map(sources.map((s) => [s.n, s]));
    const citations = [...checked.used]
      .sort((a, b) => a - b)
      .flatMap((n) => {
        const source = byNumber.get(n);
        return source ? [{ n, ...source.citation }] : [];
      });
    return {
      mode: 'generative',
      question: analysis,
      answer: checked.answer,
      found: checked.used.length > 0,
      sentences: [],
      citations,
      sources,
      invalidCitations: checked.invalid,
      uncited: checked.uncited,
    };
  } catch (error) {
    if (isAbortError(error) || request.signal?.aborted) {
      throw error instanceof LlmError ? error : new LlmError('aborted', 'The answer was cancelled.');
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ...fallback, llmError: message, llmErrorKind: error instanceof LlmError ? error.kind : 'other' };
  }
}
