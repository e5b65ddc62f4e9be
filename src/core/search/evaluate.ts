/**
 * Retrieval quality on a question set: for each question, the rank of the first expected
 * note among the note results. The eval script and the fusion comparison call this.
 */
import type { Searcher } from './searcher';
import type { SearchOptions } from './types';

/** One labelled question, in the shape of tests/eval/questions.json (extra fields are ignored). */
export interface EvalQuestion {
  id?: string;
  question: string;
  /** Vault-relative paths of the notes that answer it; finding any of them counts. */
  expected: string[];
}

export interface EvalReport {
  questions: number;
  /** Share of questions with an expected note in the top k, per k. */
  recall: Record<number, number>;
  /** Mean reciprocal rank (0 when not found within the largest k). */
  mrr: number;
  perQuestion: { id?: string; question: string; rank: number | null; top: string[] }[];
}

export async function evaluateSearch(
  searcher: Searcher,
  questions: readonly EvalQuestion[],
  options: SearchOptions & { ks?: number[] } = {},
): Promise<EvalReport> {
  const ks = options.ks ?? [1, 3, 5, 10];
  const depth = Math.max(...ks);
  return evaluateRanking(questions, async (question) => (await searcher.searchNotes(question.question, { ...options, limit: depth })).map((hit) => hit.path), ks);
}

/**
 * The same measure for any retriever that ranks notes (e.g. question-tuned retrieval):
 * `rank` returns note paths best first, without repeats; only the first max(ks) count.
 */
export async function evaluateRanking(
  questions: readonly EvalQuestion[],
  rank: (question: EvalQuestion) => Promise<readonly string[]>,
  ks: number[] = [1, 3, 5, 10],
): Promise<EvalReport> {
  const depth = Math.max(...ks);
  const perQuestion: EvalReport['perQuestion'] = [];
  for (const question of questions) {
    const paths = (await rank(question)).slice(0, depth);
    const expected = new Set(question.expected);
    const index = paths.findIndex((path) => expected.has(path));
    const entry: EvalReport['perQuestion'][number] = { question: question.question, rank: index >= 0 ? index + 1 : null, top: paths.slice(0, 3) };
    if (question.id !== undefined) entry.id = question.id;
    perQuestion.push(entry);
  }
  const recall: Record<number, number> = {};
  for (const k of ks) recall[k] = share(perQuestion, (q) => q.rank !== null && q.rank <= k);
  const mrr = perQuestion.length === 0 ? 0 : perQuestion.reduce((sum, q) => sum + (q.rank ? 1 / q.rank : 0), 0) / perQuestion.length;
  return { questions: perQuestion.length, recall, mrr, perQuestion };
}

function share<T>(items: T[], test: (item: T) => boolean): number {
  return items.length === 0 ? 0 : items.filter(test).length / items.length;
}
