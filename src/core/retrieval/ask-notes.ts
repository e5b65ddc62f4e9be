/**
 * "Ask my notes" end to end: question-tuned retrieval, then the answer (extractive, or
 * generative when an LLM is given) with its numbered sources. The panel and the CLI call this.
 */
import { answerQuestion, DEFAULT_BUDGET, type AnswerBudget, type AnswerResult } from '../answer/answer';
import { selectSources } from '../answer/sources';
import type { NumberedSource } from '../answer/types';
import type { ExtractiveOptions } from '../answer/extractive';
import type { LinkOptions } from '../answer/links';
import type { NotesEngine } from '../engine/notes-engine';
import type { Generator } from '../ports';
import type { SearchMode } from '../search/types';
import { retrieveForQuestion, type RetrieveOptions } from './ask-retrieval';
import type { NamedNote } from './question-boost';
import type { Passage } from './types';

export interface AskRequest extends RetrieveOptions, LinkOptions {
  question: string;
  /** An LLM for a generative answer; null or absent: extractive. */
  generator?: Generator | null;
  /** Generative mode: each piece of the answer as it streams in. */
  onToken?: (token: string) => void;
  /** Called once the sources are known, before the (possibly slow) answer. */
  onRetrieved?: (retrieval: AskRetrievalInfo) => void;
  budget?: AnswerBudget;
  extractive?: ExtractiveOptions;
}

export interface AskRetrievalInfo {
  mode: SearchMode;
  named: NamedNote[];
  passages: Passage[];
  /** The passages numbered as the answer will cite them (known before the answer streams in). */
  sources: NumberedSource[];
}

export interface AskResult extends AnswerResult {
  retrieval: AskRetrievalInfo;
}

/** Rejects with an `LlmError` of kind `aborted` (or the signal's reason) when cancelled. */
export async function askNotes(engine: NotesEngine, request: AskRequest): Promise<AskResult> {
  const retrieval = await retrieveForQuestion(engine, request.question, request);
  const budget = request.budget ?? DEFAULT_BUDGET;
  // answerQuestion makes the same (deterministic) selection; numbering them here lets a streaming
  // answer's citations link to their sources before the answer is complete.
  const sources = selectSources(retrieval.passages, {
    budgetTokens: budget.contextTokens,
    ...(budget.estimateTokens ? { estimateTokens: budget.estimateTokens } : {}),
    ...(budget.maxSources !== undefined ? { maxSources: budget.maxSources } : {}),
    ...(request.linkpath ? { linkpath: request.linkpath } : {}),
  });
  const info: AskRetrievalInfo = { mode: retrieval.mode, named: retrieval.named, passages: retrieval.passages, sources };
  request.onRetrieved?.(info);
  const answer = await answerQuestion({
    question: request.question,
    passages: retrieval.passages,
    conceptNotes: retrieval.conceptNotes,
    leadNotes: retrieval.named.map((n) => n.path),
    ...(request.generator ? { generator: request.generator } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onToken ? { onToken: request.onToken } : {}),
    budget,
    ...(request.defaultLang ? { defaultLang: request.defaultLang } : {}),
    ...(request.extractive ? { extractive: request.extractive } : {}),
    ...(request.linkpath ? { linkpath: request.linkpath } : {}),
  });
  return { ...answer, retrieval: info };
}
