// A loopback OpenAI-compatible /v1/embeddings server whose vectors come from a real local
// embedder (so remote-path tests can check meaning, not just plumbing), with switches for the
// failures real servers produce.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Embedder } from '../../src/core/ports';

export interface OpenAiServer {
  url: string;
  /** Next responses to fail, in order: a status (with optional body/headers), `hang` or `garbage`. */
  failures: ({ status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'garbage')[];
  requests: { authorization?: string; model: string; inputs: string[] }[];
  /** Accepted API key; undefined accepts any. */
  apiKey?: string;
  /** Served model name; others get Ollama's 404. */
  model: string;
  close(): Promise<void>;
}

export async function startOpenAiServer(embedder: Embedder, model: string): Promise<OpenAiServer> {
  const sockets = new Set<import('node:net').Socket>();
  const state: OpenAiServer = {
    url: '',
    failures: [],
    requests: [],
    model,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      void (async () => {
        const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || req.url !== '/v1/embeddings') return json(404, { error: '404 page not found' });
        const body = JSON.parse(raw) as { model: string; input: string[] };
        state.requests.push({ authorization: req.headers.authorization, model: body.model, inputs: body.input });
        const failure = state.failures.shift();
        if (failure === 'hang') return;
        if (failure === 'garbage') {
          res.writeHead(200, { 'content-type': 'text/html' });
          return res.end('<html>proxy login</html>');
        }
        if (failure) {
          res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.headers ?? {}) });
          return res.end(failure.body ?? '{}');
        }
        if (state.apiKey !== undefined && req.headers.authorization !== `Bearer ${state.apiKey}`) {
          return json(401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' } });
        }
        if (body.model !== state.model) return json(404, { error: `model "${body.model}" not found, try pulling it first` });
        const vectors = await embedder.embed(body.input, 'passage');
        // Shuffled order with explicit indexes, as the OpenAI API allows.
        const data = vectors.map((v, index) => ({ object: 'embedding', index, embedding: Array.from(v) })).reverse();
        json(200, { object: 'list', data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } });
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
