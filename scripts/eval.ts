/**
 * Retrieval quality on tests/eval/questions.json: recall@k and MRR of the notes retrieved for
 * each question, for keyword (lexical), dense and hybrid search and for the question-tuned
 * retrieval "Ask my notes" uses. Prints the table and fails (exit 1) when a score is below its
 * threshold. Run with `npm run eval` (scripts/eval.mjs builds and runs this file).
 *
 * The dense model is the offline fixture glove-pt-en-100d (../shared/models), a word-vector
 * stand-in: the production model (multilingual-e5-small) cannot be downloaded here.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { StaticNotesEngine } from '../src/core/engine';
import type { Embedder } from '../src/core/ports';
import { rankForQuestion, type QuestionTuning } from '../src/core/retrieval/ask-retrieval';
import { leadChunk } from '../src/core/retrieval/link-expansion';
import type { Passage } from '../src/core/retrieval/types';
import { evaluateRanking, evaluateSearch, type EvalQuestion, type EvalReport, type SearchMode } from '../src/core/search';
import { createNodeEmbedder } from '../src/embedding/node';
import { indexFolder } from '../tests/helpers/eval-harness';

interface LabelledQuestion extends EvalQuestion {
  id: string;
  kind: 'definition' | 'how-to' | 'fact' | 'comparison';
  vault: 'example' | 'help-pt-br';
  lang: 'pt' | 'en';
}

interface Row {
  name: string;
  report: EvalReport;
  /** Definition questions whose first passage is the expected note's definition (or opening). */
  leads: number;
}

export interface EvalRunOptions {
  root: string;
  verbose: boolean;
  ablations: boolean;
  /** Another model to measure (a folder name under `modelsDir`); thresholds apply only to the fixture. */
  model?: string;
  modelsDir?: string;
}

/**
 * Measured minus a small margin (GloVe fixture, 50 questions, both vaults together). A change
 * that loses two or three questions' worth fails here; re-measure and move them deliberately.
 */
const THRESHOLDS: Record<string, { recall5: number; mrr: number; leads?: number }> = {
  lexical: { recall5: 0.82, mrr: 0.68 },
  dense: { recall5: 0.42, mrr: 0.35 },
  hybrid: { recall5: 0.74, mrr: 0.65 },
  'question-tuned hybrid': { recall5: 0.8, mrr: 0.69, leads: 9 },
  'question-tuned lexical': { recall5: 0.8, mrr: 0.69, leads: 9 },
};

const FIXTURE_MODEL = 'glove-pt-en-100d';
const KS = [1, 3, 5, 10];

export async function runEval(options: EvalRunOptions): Promise<number> {
  const questions = JSON.parse(readFileSync(path.join(options.root, 'tests/eval/questions.json'), 'utf8')) as LabelledQuestion[];
  const shared = path.resolve(options.root, '../shared');
  const vaults: Record<LabelledQuestion['vault'], string> = {
    example: path.join(options.root, 'examples/vault'),
    'help-pt-br': path.join(shared, 'vaults/obsidian-help-pt-br'),
  };
  const model = options.model ?? FIXTURE_MODEL;
  const modelsDir = options.modelsDir ? path.resolve(options.modelsDir) : path.join(shared, 'models');
  const fixture = model === FIXTURE_MODEL && !options.modelsDir;
  for (const dir of [...Object.values(vaults), ...(fixture ? [path.join(modelsDir, model)] : [])]) {
    if (!existsSync(dir)) throw new Error(`Missing fixture ${dir}: the evaluation needs ../shared beside the repository (see README).`);
  }
  const embedder = await loadModel(model, modelsDir);
  const engines = new Map<string, StaticNotesEngine>();
  for (const [name, dir] of Object.entries(vaults)) engines.set(name, await openEngine(dir, embedder));

  const definitions = questions.filter((q) => q.kind === 'definition');
  const searchRow = async (name: string, mode: SearchMode): Promise<Row> => ({
    name,
    report: await combined(questions, (q) => evaluateSearch(engines.get(q.vault)!.searcher(), [q], { mode, ks: KS })),
    leads: await countLeads(definitions, async (q) => (await engines.get(q.vault)!.searcher().search(q.question, { mode, limit: 1 }))[0]),
  });
  const tunedRow = async (name: string, mode: SearchMode, tuning: Partial<QuestionTuning> = {}): Promise<Row> => ({
    name,
    report: await combined(questions, (q) =>
      evaluateRanking([q], async () => notesInOrder((await rankForQuestion(engines.get(q.vault)!, q.question, { mode, tuning })).passages), KS)),
    leads: await countLeads(definitions, async (q) => (await rankForQuestion(engines.get(q.vault)!, q.question, { mode, tuning })).passages[0]),
  });
  const countLeads = async (list: readonly LabelledQuestion[], first: (q: LabelledQuestion) => Promise<Passage | undefined>): Promise<number> => {
    let leads = 0;
    for (const q of list) {
      const passage = await first(q);
      const note = passage && q.expected.includes(passage.path) ? engines.get(q.vault)!.note(passage.path) : undefined;
      if (note && leadChunk(note)?.id === passage?.chunkId) leads++;
    }
    return leads;
  };

  const rows: Row[] = [
    await searchRow('lexical', 'lexical'),
    await searchRow('dense', 'dense'),
    await searchRow('hybrid', 'hybrid'),
    await tunedRow('question-tuned hybrid', 'hybrid'),
    await tunedRow('question-tuned lexical', 'lexical'),
  ];
  const ablations: Row[] = options.ablations
    ? [
        await tunedRow('  without concept lead', 'hybrid', { conceptBoost: false }),
        await tunedRow('  without name mentions', 'hybrid', { mentionBoost: 0 }),
        await tunedRow('  without link expansion', 'hybrid', { linkDecay: 0 }),
        await tunedRow('  link decay 0.3', 'hybrid', { linkDecay: 0.3 }),
        await tunedRow('  link decay 0.7', 'hybrid', { linkDecay: 0.7 }),
        await tunedRow('  dense weight 0.2', 'hybrid', { denseWeight: 0.2 }),
        await tunedRow('  dense weight 0.4', 'hybrid', { denseWeight: 0.4 }),
        await tunedRow('  dense weight 0.6', 'hybrid', { denseWeight: 0.6 }),
        await tunedRow('  dense weight 0.5 (plain search\'s)', 'hybrid', { denseWeight: 0.5 }),
        await tunedRow('  no boosts, no links', 'hybrid', { conceptBoost: false, mentionBoost: 0, linkDecay: 0 }),
      ]
    : [];

  const count = (vault: string) => questions.filter((q) => q.vault === vault).length;
  const langs = (lang: string) => questions.filter((q) => q.lang === lang).length;
  process.stdout.write(
    `Retrieval evaluation: ${questions.length} questions (${count('example')} example vault, ${count('help-pt-br')} help vault; ${langs('pt')} pt, ${langs('en')} en)\n` +
      `Dense model: ${model}${fixture ? ' (offline fixture; the production model cannot be downloaded here)' : ''}\n\n`,
  );
  process.stdout.write(`${table(rows, questions, definitions.length)}\n`);
  if (ablations.length > 0) process.stdout.write(`\nAblations of the question-tuned hybrid:\n${table(ablations, questions, definitions.length)}\n`);
  process.stdout.write(`\ndef@1: of the ${definitions.length} definition questions, how many get the expected note's definition (or opening) as the first passage.\n`);
  if (options.verbose) process.stdout.write(`\n${rankMatrix([...rows, ...ablations], questions)}\n`);

  await embedder.dispose();
  if (!fixture) {
    process.stdout.write(`\nThresholds are set for ${FIXTURE_MODEL} and not checked for ${model}.\n`);
    return 0;
  }
  const failures: string[] = [];
  for (const row of rows) {
    const limit = THRESHOLDS[row.name];
    if (!limit) continue;
    if (row.report.recall[5]! < limit.recall5) failures.push(`${row.name}: recall@5 ${f(row.report.recall[5]!)} < ${f(limit.recall5)}`);
    if (row.report.mrr < limit.mrr) failures.push(`${row.name}: MRR ${f(row.report.mrr)} < ${f(limit.mrr)}`);
    if (limit.leads !== undefined && row.leads < limit.leads) failures.push(`${row.name}: def@1 ${row.leads} < ${limit.leads}`);
  }
  if (failures.length > 0) {
    process.stderr.write(`\nFAIL: below threshold:\n  ${failures.join('\n  ')}\n`);
    return 1;
  }
  process.stdout.write(`\nAll thresholds met (${Object.entries(THRESHOLDS).map(([n, t]) => `${n}: R@5 ≥ ${f(t.recall5)}, MRR ≥ ${f(t.mrr)}${t.leads ? `, def@1 ≥ ${t.leads}` : ''}`).join('; ')}).\n`);
  return 0;
}

async function loadModel(model: string, modelsDir: string): Promise<Embedder> {
  const result = await createNodeEmbedder({ model, modelsDir, download: false, cacheDir: path.join(os.tmpdir(), 'ask-my-notes-eval-model-cache') });
  if (!result.ok) throw new Error(`The model ${model} did not load: ${result.reason}`);
  return result.embedder;
}

async function openEngine(vault: string, embedder: Embedder): Promise<StaticNotesEngine> {
  const { indexer, searcher } = await indexFolder(vault, embedder);
  return new StaticNotesEngine({ indexer, searcher, model: { kind: 'ready', modelId: embedder.info.modelId, backend: 'node' } });
}

/** Note paths in the order their first passage appears. */
function notesInOrder(passages: readonly { path: string }[]): string[] {
  return [...new Set(passages.map((p) => p.path))];
}

/** Runs each question on its own vault's retriever and merges the per-question results. */
async function combined(questions: readonly LabelledQuestion[], one: (q: LabelledQuestion) => Promise<EvalReport>): Promise<EvalReport> {
  const perQuestion: EvalReport['perQuestion'] = [];
  for (const q of questions) perQuestion.push(...(await one(q)).perQuestion);
  return summarise(perQuestion);
}

function summarise(perQuestion: EvalReport['perQuestion']): EvalReport {
  const recall: Record<number, number> = {};
  const n = perQuestion.length;
  for (const k of KS) recall[k] = n === 0 ? 0 : perQuestion.filter((q) => q.rank !== null && q.rank <= k).length / n;
  const mrr = n === 0 ? 0 : perQuestion.reduce((sum, q) => sum + (q.rank ? 1 / q.rank : 0), 0) / n;
  return { questions: n, recall, mrr, perQuestion };
}

function subset(report: EvalReport, ids: Set<string>): EvalReport {
  return summarise(report.perQuestion.filter((q) => q.id !== undefined && ids.has(q.id)));
}

function table(rows: readonly Row[], questions: readonly LabelledQuestion[], definitionCount: number): string {
  const groups: [string, Set<string>][] = [
    ['all', new Set(questions.map((q) => q.id))],
    ['example', new Set(questions.filter((q) => q.vault === 'example').map((q) => q.id))],
    ['help', new Set(questions.filter((q) => q.vault === 'help-pt-br').map((q) => q.id))],
    ['pt', new Set(questions.filter((q) => q.lang === 'pt').map((q) => q.id))],
    ['en', new Set(questions.filter((q) => q.lang === 'en').map((q) => q.id))],
  ];
  const width = Math.max(24, ...rows.map((r) => r.name.length + 2));
  const header = `${'retriever'.padEnd(width)}${groups.map(([g]) => `${`${g} R@5`.padStart(12)}${`${g} MRR`.padStart(12)}`).join('')}    R@1   R@10  def@1`;
  const lines = rows.map((row) => {
    const cells = groups.map(([, ids]) => {
      const r = subset(row.report, ids);
      return `${f(r.recall[5]!).padStart(12)}${f(r.mrr).padStart(12)}`;
    });
    return `${row.name.padEnd(width)}${cells.join('')}  ${f(row.report.recall[1]!)}  ${f(row.report.recall[10]!)}  ${`${row.leads}/${definitionCount}`.padStart(5)}`;
  });
  return [header, ...lines].join('\n');
}

/** Each question's rank of the first expected note, per retriever ('-': not in the top 10). */
function rankMatrix(rows: readonly Row[], questions: readonly LabelledQuestion[]): string {
  const header = `${'question'.padEnd(10)}${rows.map((_, i) => String(i + 1).padStart(4)).join('')}  text`;
  const legend = rows.map((r, i) => `${i + 1} = ${r.name.trim()}`).join(', ');
  const lines = questions.map((q, qi) => {
    const ranks = rows.map((r) => String(r.report.perQuestion[qi]?.rank ?? '-').padStart(4)).join('');
    return `${q.id.padEnd(10)}${ranks}  ${q.question}`;
  });
  return [`Rank of the first expected note (${legend}):`, header, ...lines].join('\n');
}

function f(x: number): string {
  return x.toFixed(3);
}
