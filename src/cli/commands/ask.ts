import { OpenAiChatGenerator } from '../../core/answer/llm-client';
import { StaticNotesEngine } from '../../core/engine';
import type { Generator } from '../../core/ports';
import { askNotes, type AskResult } from '../../core/retrieval/ask-notes';
import { DEFAULT_K } from '../../core/retrieval/ask-retrieval';
import type { AskScope } from '../../core/retrieval/ask-scope';
import { FetchHttpClient } from '../../embedding/fetch-http-client';
import type { CliIo, Command, ParsedArgs } from '../command';
import { flag, intOption, stringOption } from '../args';
import { CliError, USAGE_EXIT } from '../cli-error';
import { engineOptions, engineOptionsHelp, openIndexFor, type OpenedIndex } from '../engine-options';
import { snippet } from './search';

/** What `ask --json` prints. Lines are 1-based, as editors show them. */
export interface AskJson {
  question: string;
  mode: 'extractive' | 'generative';
  answer: string;
  found: boolean;
  citations: { n: number; path: string; heading: string | null; line: number }[];
  sources: { n: number; path: string; heading: string | null; line: number; score: number; snippet: string }[];
  /** How the passages were retrieved: `lexical` when no embedding model was available. */
  search: string;
  invalidCitations?: number[];
  uncited?: string[];
  llmError?: string;
}

const DEFAULT_LLM_TIMEOUT_S = 120;

export const askCommand: Command = {
  name: 'ask',
  summary: 'Answer a question from the vault\'s notes, with citations',
  help: `Usage: ask-my-notes ask "question" [options]

Finds the passages of your notes that answer the question and answers from them, citing
each claim as [n]. Without --llm the answer quotes your notes (extractive, nothing leaves
the machine). With --llm the question and the selected passages are sent to that
OpenAI-compatible server (Ollama, LM Studio, llama.cpp, OpenAI…), the answer streams in,
and its citations are checked; if the server fails, the quoted answer is printed with the
error. Sources follow as [[Note#Heading]] with their lines.

Options:
  --k N               passages to answer from (default ${DEFAULT_K})
  --folder DIR        only notes in this vault folder
  --note PATH         only this note and the notes linked with it
  --llm URL           OpenAI-compatible API root, e.g. http://localhost:11434/v1
  --llm-model NAME    model name on that server (required with --llm)
  --llm-key-env VAR   environment variable holding the API key (never pass keys as arguments)
  --llm-timeout S     seconds to wait for the reply to start, or for the next streamed piece (default ${DEFAULT_LLM_TIMEOUT_S})
  --json              print {question, mode, answer, citations, sources, …} (lines are 1-based)
${engineOptionsHelp}
  -h, --help          show this help`,
  options: {
    ...engineOptions,
    k: { type: 'string' },
    folder: { type: 'string' },
    note: { type: 'string' },
    llm: { type: 'string' },
    'llm-model': { type: 'string' },
    'llm-key-env': { type: 'string' },
    'llm-timeout': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const question = args.positionals.join(' ').trim();
    if (!question) throw new CliError('ask: missing "question".', USAGE_EXIT);
    const k = intOption(args, 'k', DEFAULT_K, 1, 50);
    const scope = scopeOption(args);
    const generator = generatorFromArgs(args);
    const json = flag(args, 'json');
    const index = await openIndexFor(args, io, { sync: true });
    try {
      const engine = engineFor(index);
      const write = io.write?.bind(io);
      const streaming = generator !== null && !json && write !== undefined;
      let streamed = '';
      if (streaming) io.err(`Asking ${generator.name}…`);
      const result = await askNotes(engine, {
        question,
        k,
        scope,
        generator,
        ...(streaming
          ? {
              onToken: (token: string) => {
                streamed += token;
                write?.(token);
              },
            }
          : {}),
      });
      if (json) io.out(JSON.stringify(toJson(question, result)));
      else printAnswer(io, result, { streamed });
      return 0;
    } finally {
      await index.close();
    }
  },
};

export function engineFor(index: OpenedIndex): StaticNotesEngine {
  return new StaticNotesEngine({
    indexer: index.indexer,
    searcher: index.searcher,
    model: index.embedder
      ? { kind: 'ready', modelId: index.embedder.info.modelId, backend: 'onnxruntime-node' }
      : { kind: 'unavailable', modelId: 'none', reason: 'no embedding model reachable' },
  });
}

function scopeOption(args: ParsedArgs): AskScope {
  const folder = stringOption(args, 'folder');
  const note = stringOption(args, 'note');
  if (folder && note) throw new CliError('ask: use --folder or --note, not both.', USAGE_EXIT);
  if (folder) return { kind: 'folder', folder: folder.replace(/\\/g, '/') };
  if (note) return { kind: 'note', path: note.replace(/\\/g, '/') };
  return { kind: 'vault' };
}

/** The LLM from --llm/--llm-model/--llm-key-env, or null for an extractive answer. */
export function generatorFromArgs(args: ParsedArgs): Generator | null {
  const url = stringOption(args, 'llm');
  const model = stringOption(args, 'llm-model');
  if (!url) {
    if (model) throw new CliError('ask: --llm-model needs --llm URL.', USAGE_EXIT);
    return null;
  }
  if (!model) throw new CliError('ask: --llm needs --llm-model NAME (e.g. --llm-model llama3.2).', USAGE_EXIT);
  const keyEnv = stringOption(args, 'llm-key-env');
  const apiKey = keyEnv ? process.env[keyEnv] : undefined;
  if (keyEnv && !apiKey) throw new CliError(`ask: the environment variable ${keyEnv} (--llm-key-env) is not set.`, USAGE_EXIT);
  const timeoutMs = intOption(args, 'llm-timeout', DEFAULT_LLM_TIMEOUT_S, 1, 3600) * 1000;
  try {
    return new OpenAiChatGenerator(
      new FetchHttpClient(),
      { baseUrl: url, model, timeoutMs, stream: true, temperature: 0.2, ...(apiKey ? { apiKey } : {}) },
      { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    );
  } catch (error) {
    throw new CliError(`ask: --llm ${url}: ${(error as Error).message}`, USAGE_EXIT);
  }
}

export function toJson(question: string, result: AskResult): AskJson {
  const json: AskJson = {
    question,
    mode: result.mode,
    answer: result.answer,
    found: result.found,
    citations: result.citations.map((c) => ({ n: c.n, path: c.path, heading: c.heading ?? null, line: c.line + 1 })),
    sources: result.sources.map((s) => ({
      n: s.n,
      path: s.passage.path,
      heading: s.citation.heading ?? null,
      line: s.passage.startLine + 1,
      score: Math.round(s.passage.score * 10000) / 10000,
      snippet: snippet(s.passage.text),
    })),
    search: result.retrieval.mode,
  };
  if (result.invalidCitations.length > 0) json.invalidCitations = result.invalidCitations;
  if (result.uncited.length > 0) json.uncited = result.uncited.map((u) => u.text);
  if (result.llmError) json.llmError = result.llmError;
  return json;
}

/**
 * The answer, then its numbered sources as wikilinks with lines. When the answer was streamed
 * it is already on screen; only what the citation check found is added.
 */
export function printAnswer(io: CliIo, result: AskResult, options: { streamed?: string } = {}): void {
  const streamed = options.streamed ?? '';
  if (result.llmError) {
    if (streamed) io.out('');
    io.err(`warning: the LLM failed, so this answer quotes your notes instead: ${result.llmError}`);
  }
  if (result.mode === 'generative' && streamed) {
    io.out('');
    if (result.invalidCitations.length > 0) {
      io.err(`warning: the answer cited ${result.invalidCitations.map((n) => `[${n}]`).join(', ')}, which ${result.invalidCitations.length === 1 ? 'is' : 'are'} not among the ${result.sources.length} sources; checked answer:`);
      io.out(result.answer);
    }
  } else {
    io.out(result.answer);
  }
  if (result.mode === 'generative' && result.uncited.length > 0) {
    io.err(`note: ${result.uncited.length} sentence${result.uncited.length === 1 ? '' : 's'} without a citation: ${result.uncited.map((u) => `"${u.text}"`).join(' ')}`);
  }
  if (result.sources.length === 0) return;
  const cited = new Set(result.citations.map((c) => c.n));
  io.out('');
  io.out(`Sources (${result.mode === 'generative' ? 'generated answer' : 'quoted from your notes'}; ${result.retrieval.mode} search):`);
  for (const s of result.sources) {
    const mark = cited.has(s.n) ? '' : '  (not cited)';
    io.out(`  [${s.n}] [[${s.citation.linktext}]]  line ${s.passage.startLine + 1}, ${s.passage.path}${mark}`);
  }
}
