// RemoteEmbedder against a loopback OpenAI-compatible server backed by the real GloVe model.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RemoteEmbedder, embeddingsEndpoint, estimateTokens, type RemoteEmbedderOptions } from '../../src/core/embedding/remote-embedder';
import { resolveModelSpec } from '../../src/core/embedding/models';
import { FetchHttpClient } from '../../src/embedding/fetch-http-client';
import { directoryReader } from '../../src/embedding/node/directory-reader';
import { TransformersEmbedder } from '../../src/embedding/transformers-embedder';
import { cos, fixtureModelDir, norm } from './fixtures';
import { startOpenAiServer, type OpenAiServer } from './openai-server';

let glove: TransformersEmbedder;
let server: OpenAiServer;

beforeAll(async () => {
  glove = await TransformersEmbedder.load({ spec: resolveModelSpec('glove-en-100d'), reader: directoryReader(fixtureModelDir('glove-en-100d')) });
});
afterAll(() => glove.dispose());
beforeEach(async () => {
  server = await startOpenAiServer(glove, 'nomic-embed-text');
});
afterEach(() => server.close());

const options = (extra: Partial<RemoteEmbedderOptions> = {}): RemoteEmbedderOptions => ({
  http: new FetchHttpClient(),
  url: `${server.url}/v1`,
  model: 'nomic-embed-text',
  timeoutMs: 1000,
  sleep: () => Promise.resolve(),
  ...extra,
});

describe('embeddingsEndpoint', () => {
  it('accepts a base URL, a /v1 URL or the full endpoint', () => {
    expect(embeddingsEndpoint('http://localhost:11434')).toBe('http://localhost:11434/v1/embeddings');
    expect(embeddingsEndpoint('http://localhost:1234/v1/')).toBe('http://localhost:1234/v1/embeddings');
    expect(embeddingsEndpoint('https://api.openai.com/v1/embeddings')).toBe('https://api.openai.com/v1/embeddings');
    expect(() => embeddingsEndpoint('localhost:11434')).toThrow(/not an http\(s\) URL/);
  });
});

describe('RemoteEmbedder', () => {
  it('discovers dims, embeds in batches in input order, and keeps the meaning', async () => {
    server.apiKey = 'sk-test';
    const remote = await RemoteEmbedder.connect(options({ apiKey: 'sk-test', batchSize: 2 }));
    expect(remote.info).toMatchObject({ dims: 100, modelId: `remote:nomic-embed-text@${new URL(server.url).host}` });
    const texts = ['The cat sat on the mat', 'Stock markets fell sharply today', 'A kitten rested on the rug'];
    const progress: number[] = [];
    const [cat, stocks, kitten] = await remote.embed(texts, 'passage', { onProgress: (d) => progress.push(d) });
    expect(cos(cat!, kitten!)).toBeGreaterThan(cos(cat!, stocks!) + 0.1);
    expect(norm(cat!)).toBeCloseTo(1, 5);
    expect(progress.at(-1)).toBe(3);
    expect(server.requests.slice(1).every((r) => r.inputs.length <= 2 && r.authorization === 'Bearer sk-test')).toBe(true);
  });

  it('sends the configured prefixes per kind', async () => {
    const remote = await RemoteEmbedder.connect(options({ prefixes: { query: 'query: ', passage: 'passage: ' } }));
    await remote.embed(['bolo'], 'query');
    expect(server.requests.at(-1)?.inputs).toEqual(['query: bolo']);
    expect((await remote.countTokens(['bolo'], 'query'))[0]).toBe(estimateTokens('query: bolo'));
  });

  it('explains a rejected API key (401)', async () => {
    server.apiKey = 'right';
    await expect(RemoteEmbedder.connect(options({ apiKey: 'wrong' }))).rejects.toThrow(/rejected the request \(HTTP 401\); check the API key: Incorrect API key provided\./);
  });

  it('explains an unknown model or wrong URL (404), with the server message', async () => {
    await expect(RemoteEmbedder.connect(options({ model: 'nope' }))).rejects.toThrow(/HTTP 404 .*model 'nope' exists there: model "nope" not found/);
    await expect(RemoteEmbedder.connect(options({ url: `${server.url}/wrong/embeddings` }))).rejects.toThrow(/HTTP 404/);
  });

  it('retries 429 (honouring Retry-After) and 5xx, then succeeds', async () => {
    const sleeps: number[] = [];
    server.failures.push({ status: 429, headers: { 'retry-after': '2' } }, { status: 503 });
    const remote = await RemoteEmbedder.connect(options({ sleep: (ms) => (sleeps.push(ms), Promise.resolve()) }));
    expect(remote.info.dims).toBe(100);
    expect(sleeps[0]).toBe(2000);
  });

  it('gives up after the retries with the status', async () => {
    server.failures.push({ status: 429 }, { status: 429 }, { status: 429 });
    await expect(RemoteEmbedder.connect(options())).rejects.toThrow(/rate-limiting requests \(HTTP 429\)/);
    server.failures.length = 0;
    server.failures.push({ status: 500, body: '{"error":{"message":"CUDA out of memory"}}' }, { status: 500 }, { status: 500 });
    await expect(RemoteEmbedder.connect(options())).rejects.toThrow(/failed \(HTTP 500\)/);
  });

  it('times out on a server that never answers', async () => {
    server.failures.push('hang');
    await expect(RemoteEmbedder.connect(options({ timeoutMs: 300 }))).rejects.toThrow(/could not be reached: Request to .* timed out after 0\.3 s/);
  });

  it('explains a non-JSON answer and an unreachable server', async () => {
    server.failures.push('garbage');
    await expect(RemoteEmbedder.connect(options())).rejects.toThrow(/did not return JSON/);
    await server.close();
    await expect(RemoteEmbedder.connect(options())).rejects.toThrow(/could not be reached: .*ECONNREFUSED/);
    server = await startOpenAiServer(glove, 'nomic-embed-text');
  });

  it('rejects with AbortError when cancelled', async () => {
    const remote = await RemoteEmbedder.connect(options({ batchSize: 1 }));
    const controller = new AbortController();
    const run = remote.embed(['a', 'b', 'c'], 'passage', { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
