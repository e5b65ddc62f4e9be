import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiChatGenerator, type LlmConfig } from '../../../src/core/answer/llm-client';
import { nodeTimers } from './node-timers';
import { LlmError } from '../../../src/core/answer/llm-errors';
import type { ChatMessage } from '../../../src/core/ports';
import { FakeOpenAiServer } from '../../helpers/openai-server';
import { FetchHttpClient } from '../../helpers/fetch-http';

const messages: ChatMessage[] = [
  { role: 'system', content: 'Responda só com as fontes.' },
  { role: 'user', content: 'O que é RAG?' },
];

let server: FakeOpenAiServer;

beforeEach(async () => {
  server = await FakeOpenAiServer.start({ models: ['llama3.2'] });
});
afterEach(async () => {
  await server.close();
});

function client(overrides: Partial<LlmConfig> = {}): OpenAiChatGenerator {
  return new OpenAiChatGenerator(new FetchHttpClient(), { model: 'llama3.2', timeoutMs: 5000, stream: true, ...overrides, baseUrl: overrides.baseUrl ?? server.baseUrl }, nodeTimers);
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe('OpenAiChatGenerator', () => {
  it('posts the messages to {base}/chat/completions and reads a JSON completion', async () => {
    server.reply({ type: 'json', content: 'RAG combina busca e geração [1].' });
    const tokens: string[] = [];
    const text = await client({ stream: false, temperature: 0.1, apiKey: 'sk-test-123' }).generate(messages, { onToken: (t) => tokens.push(t) });
    expect(text).toBe('RAG combina busca e geração [1].');
    expect(tokens).toEqual([text]);
    const request = server.lastRequest;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.body).toEqual({ model: 'llama3.2', messages, stream: false, temperature: 0.1 });
    expect(request.headers.authorization).toBe('Bearer sk-test-123');
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('streams tokens in order, whatever the frame boundaries, line endings and characters', async () => {
    const parts = ['RAG ', 'é ', 'uma ', 'abordagem ', 'de ', 'busca ', '+ geração 😀 ', 'ção [1].'];
    server.reply({ type: 'stream', tokens: parts, splitFrames: true, crlf: true, delayMs: 2 });
    const tokens: string[] = [];
    const text = await client().generate(messages, { onToken: (t) => tokens.push(t) });
    expect(tokens).toEqual(parts);
    expect(text).toBe(parts.join(''));
    expect(server.lastRequest.body.stream).toBe(true);
    expect(server.lastRequest.headers.accept).toBe('text/event-stream');
    expect(server.lastRequest.headers.authorization).toBeUndefined();
  });

  it('accepts a plain JSON reply when the server ignores stream: true', async () => {
    server.reply({ type: 'json', content: 'Sem streaming [2].' });
    expect(await client({ stream: true }).generate(messages)).toBe('Sem streaming [2].');
  });

  it('hides <think> reasoning from the streamed tokens and the result', async () => {
    server.reply({ type: 'stream', tokens: ['<thi', 'nk>devo citar [9]', '</think>', '\n\nRAG ', 'busca [1].'] });
    const tokens: string[] = [];
    const text = await client().generate(messages, { onToken: (t) => tokens.push(t) });
    expect(text).toBe('RAG busca [1].');
    expect(tokens.join('')).toBe('RAG busca [1].');
  });

  it('says the key is wrong on 401, without ever showing the key', async () => {
    await server.close();
    server = await FakeOpenAiServer.start({ apiKey: 'sk-right' });
    const error = await failure(client({ apiKey: 'sk-wrong-secret-123' }).generate(messages));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/API key is missing or wrong/);
    expect(error.message).toContain('Incorrect API key provided.');
    expect(error.message).not.toContain('sk-wrong-secret-123');
  });

  it('masks the key when a server echoes it in its error', async () => {
    server.reply({ type: 'error', status: 403, body: { error: { message: 'Key sk-secret-echo-999 has no access to this model' } } });
    const error = await failure(client({ apiKey: 'sk-secret-echo-999' }).generate(messages));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Key *** has no access');
    expect(error.message).not.toContain('sk-secret-echo-999');
  });

  it('points at the model or the URL on 404', async () => {
    const wrongModel = await failure(client({ model: 'gpt-9' }).generate(messages));
    expect(wrongModel.kind).toBe('not-found');
    expect(wrongModel.message).toContain('"gpt-9"');
    expect(wrongModel.message).toContain('The model `gpt-9` does not exist');
    const wrongPath = await failure(client({ baseUrl: server.baseUrl.replace(/\/v1$/, '/api') }).generate(messages));
    expect(wrongPath.kind).toBe('not-found');
    expect(wrongPath.message).toContain('/api/chat/completions');
  });

  it('reports rate limiting with the server\'s wait time', async () => {
    server.reply({ type: 'error', status: 429, body: { error: { message: 'Slow down' } }, headers: { 'Retry-After': '20' } });
    const error = await failure(client({ stream: false }).generate(messages));
    expect(error.kind).toBe('rate-limit');
    expect(error.message).toContain('Retry after 20 s');
    expect(error.message).toContain('Slow down');
  });

  it('passes on the server\'s message for a 5xx, streaming or not', async () => {
    server.reply({ type: 'error', status: 500, body: { error: { message: 'CUDA out of memory' } } });
    const streamed = await failure(client().generate(messages));
    expect(streamed).toMatchObject({ kind: 'server', status: 500 });
    expect(streamed.message).toContain('CUDA out of memory');
    server.reply({ type: 'error', status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    const proxied = await failure(client({ stream: false }).generate(messages));
    expect(proxied.message).toContain('502 Bad Gateway');
  });

  it('reports an error event sent in the middle of a stream', async () => {
    server.reply({ type: 'stream', tokens: ['RAG '], errorMessage: 'model crashed' });
    const error = await failure(client().generate(messages));
    expect(error.kind).toBe('server');
    expect(error.message).toContain('model crashed');
  });

  it('says the connection was refused when nothing listens at the URL', async () => {
    const url = server.baseUrl;
    await server.close();
    const error = await failure(client({ baseUrl: url }).generate(messages));
    expect(error.kind).toBe('connection');
    expect(error.message).toContain('connection refused');
    expect(error.message).toContain(url);
    server = await FakeOpenAiServer.start();
  });

  it('times out when the server never answers, and when a stream stalls', async () => {
    server.reply({ type: 'hang' });
    const silent = await failure(client({ timeoutMs: 300 }).generate(messages));
    expect(silent.kind).toBe('timeout');
    expect(silent.message).toContain('did not answer within 0.3 s');

    server.reply({ type: 'stream', tokens: ['RAG ', 'busca ', 'nunca termina'], hangAfter: 2 });
    const tokens: string[] = [];
    const stalled = await failure(client({ timeoutMs: 300 }).generate(messages, { onToken: (t) => tokens.push(t) }));
    expect(stalled.kind).toBe('timeout');
    expect(tokens).toEqual(['RAG ', 'busca ']);
  });

  it('cancels mid-stream: rejects as aborted and hangs up on the server', async () => {
    server.reply({ type: 'stream', tokens: ['um ', 'dois ', 'três'], hangAfter: 2 });
    const controller = new AbortController();
    const tokens: string[] = [];
    const pending = client().generate(messages, {
      signal: controller.signal,
      onToken: (t) => {
        tokens.push(t);
        if (tokens.length === 2) controller.abort();
      },
    });
    const error = await failure(pending);
    expect(error.kind).toBe('aborted');
    expect(tokens).toEqual(['um ', 'dois ']);
    await server.waitForClientAbort();
    expect(server.clientAborts).toBe(1);
  });

  it('refuses to start without a model and names itself by model and host', () => {
    expect(() => client({ model: ' ' })).toThrow(/No LLM model is set/);
    expect(client().name).toBe(`llama3.2 (${new URL(server.baseUrl).host})`);
  });
});
