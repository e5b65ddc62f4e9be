/**
 * `ask` end to end in-process: the real vault index on disk (a temporary folder), the GloVe
 * fixture model, and for generative answers a real OpenAI-compatible server on loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../src/cli/args';
import { CliError } from '../../src/cli/cli-error';
import type { CliIo } from '../../src/cli/command';
import { askCommand, type AskJson } from '../../src/cli/commands/ask';
import { exampleVault } from '../helpers/example-engine';
import { FakeOpenAiServer } from '../helpers/openai-server';
import { sharedPath } from '../helpers/shared';

const TL = 'Transfer Learning (aprendizado por transferência).md';
const QUESTION = 'O que é aprendizado por transferência?';

interface Captured extends CliIo {
  stdout: string[];
  stderr: string[];
  writes: string[];
}

function captureIo(): Captured {
  const io: Captured = {
    stdout: [],
    stderr: [],
    writes: [],
    errIsTty: false,
    out: (text) => void io.stdout.push(text),
    err: (text) => void io.stderr.push(text),
    write: (text) => void io.writes.push(text),
  };
  return io;
}

let indexDir: string;
beforeAll(async () => {
  indexDir = await mkdtemp(path.join(os.tmpdir(), 'amn-ask-cli-'));
});
afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

async function ask(argv: string[], io = captureIo()): Promise<{ code: number; io: Captured }> {
  const base = ['--vault', exampleVault, '--index-dir', indexDir, '--models-dir', path.dirname(sharedPath('models', 'glove-pt-en-100d')), '--model', 'glove-pt-en-100d'];
  const code = await askCommand.run(parseCommandArgs(askCommand, [...argv, ...base]), io);
  return { code, io };
}

describe('ask, extractive', () => {
  it('prints JSON with the answer, its citations and the sources (1-based lines)', async () => {
    const { code, io } = await ask([QUESTION, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(io.stdout.join('\n')) as AskJson;
    expect(json).toMatchObject({ question: QUESTION, mode: 'extractive', found: true, search: 'hybrid' });
    expect(json.answer).toMatch(/^Aprendizado por transferência é a técnica .* \[1\]\./);
    expect(json.citations[0]).toEqual({ n: 1, path: TL, heading: 'Transfer Learning (aprendizado por transferência)', line: 11 });
    expect(json.sources).toHaveLength(6);
    expect(json.sources[0]).toMatchObject({ n: 1, path: TL, line: 11 });
    expect(json.sources[0]?.snippet).toMatch(/^Definição Aprendizado por transferência é/);
    for (const s of json.sources) expect(Object.keys(s).sort()).toEqual(['heading', 'line', 'n', 'path', 'score', 'snippet']);
  });

  it('prints the answer, then the numbered sources as wikilinks with their lines', async () => {
    const { io } = await ask([QUESTION, '--k', '3']);
    const text = io.stdout.join('\n');
    expect(io.stdout[0]).toMatch(/^Aprendizado por transferência é a técnica/);
    expect(text).toContain('Sources (quoted from your notes; hybrid search):');
    expect(text).toContain(`  [1] [[Transfer Learning (aprendizado por transferência)]]  line 11, ${TL}`);
    expect(io.stdout.filter((l) => /^ {2}\[\d\] \[\[/.test(l))).toHaveLength(3);
  });

  it('keeps to a folder', async () => {
    const { io } = await ask(['Qual modelo gera texto?', '--folder', 'Modelos', '--json']);
    const json = JSON.parse(io.stdout.join('\n')) as AskJson;
    for (const s of json.sources) expect(s.path.startsWith('Modelos/')).toBe(true);
  });

  it('falls back to keywords when the model is not there, and says so', async () => {
    const io = captureIo();
    const args = [QUESTION, '--json', '--vault', exampleVault, '--index-dir', path.join(indexDir, 'keywords'), '--model', 'no-such-model', '--no-download'];
    expect(await askCommand.run(parseCommandArgs(askCommand, args), io)).toBe(0);
    expect(io.stderr.join('\n')).toMatch(/warning: .*no-such-model.*keywords only/s);
    const json = JSON.parse(io.stdout.join('\n')) as AskJson;
    expect(json.search).toBe('lexical');
    expect(json.answer).toMatch(/^Aprendizado por transferência é a técnica/);
  });

  it('rejects a missing question and an --llm without a model, as usage errors', async () => {
    await expect(ask([])).rejects.toThrow(CliError);
    await expect(ask([QUESTION, '--llm', 'http://127.0.0.1:9/v1'])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--llm-model') });
    await expect(ask([QUESTION, '--llm', 'http://127.0.0.1:9/v1', '--llm-model', 'm', '--llm-key-env', 'AMN_TEST_UNSET_VARIABLE'])).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('AMN_TEST_UNSET_VARIABLE'),
    });
  });
});

describe('ask --llm, against an OpenAI-compatible server on loopback', () => {
  let server: FakeOpenAiServer;
  beforeEach(async () => {
    server = await FakeOpenAiServer.start({ apiKey: 'sk-test-1234', models: ['qwen2.5'] });
    process.env.AMN_TEST_LLM_KEY = 'sk-test-1234';
  });
  afterEach(async () => {
    delete process.env.AMN_TEST_LLM_KEY;
    await server.close();
  });
  const llm = () => ['--llm', server.baseUrl, '--llm-model', 'qwen2.5', '--llm-key-env', 'AMN_TEST_LLM_KEY'];

  it('streams the answer to stdout as it comes, then lists the sources', async () => {
    const tokens = ['Reaproveita ', 'um modelo ', 'já treinado [1].'];
    server.reply({ type: 'stream', tokens, delayMs: 1 });
    const { code, io } = await ask([QUESTION, ...llm()]);
    expect(code).toBe(0);
    expect(io.writes).toEqual(tokens);
    expect(io.stdout.join('\n')).toContain('Sources (generated answer; hybrid search):');
    expect(server.lastRequest.headers.authorization).toBe('Bearer sk-test-1234');
    expect(server.lastRequest.raw).not.toContain('sk-test-1234');
  });

  it('reports citations of sources that were not given, in JSON and in text', async () => {
    server.reply({ type: 'stream', tokens: ['Reaproveita um modelo [1]. ', 'Nasceu em Marte [9].'] });
    const { io } = await ask([QUESTION, ...llm(), '--json']);
    const json = JSON.parse(io.stdout.join('\n')) as AskJson;
    expect(json).toMatchObject({ mode: 'generative', invalidCitations: [9], uncited: ['Nasceu em Marte.'], answer: 'Reaproveita um modelo [1]. Nasceu em Marte.' });
    expect(io.writes).toEqual([]);

    server.reply({ type: 'stream', tokens: ['Reaproveita um modelo [1]. ', 'Nasceu em Marte [9].'] });
    const human = await ask([QUESTION, ...llm()]);
    expect(human.io.stderr.join('\n')).toContain('the answer cited [9], which is not among the 6 sources');
    expect(human.io.stdout).toContain('Reaproveita um modelo [1]. Nasceu em Marte.');
  });

  it('prints the quoted answer and the error when the server fails', async () => {
    server.reply({ type: 'error', status: 500, body: { error: { message: 'model crashed' } } });
    const { code, io } = await ask([QUESTION, ...llm()]);
    expect(code).toBe(0);
    expect(io.stderr.join('\n')).toMatch(/warning: the LLM failed, so this answer quotes your notes instead: .*HTTP 500.*model crashed/);
    expect(io.stdout[0]).toMatch(/^Aprendizado por transferência é a técnica/);
  });
});
