/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions API (streaming SSE and
 * plain JSON), with scripted replies, recording every request so tests can inspect the prompt.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
  | {
      type: 'stream';
      tokens: string[];
      /** Pause between writes, so the client really receives the stream in pieces. */
      delayMs?: number;
      /** Write every SSE frame in two parts cut at an arbitrary byte (inside JSON, inside UTF-8). */
      splitFrames?: boolean;
      /** Send only this many tokens, then keep the connection open without ending it. */
      hangAfter?: number;
      /** After the tokens, send an OpenAI-style error event instead of finishing. */
      errorMessage?: string;
      /** Use CRLF line breaks, as some servers do. */
      crlf?: boolean;
    }
  | { type: 'json'; content: string; delayMs?: number }
  | { type: 'error'; status: number; body: unknown; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { type: 'hang' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  /** The parsed JSON body (model, messages, stream, …). */
  body: {
    model?: string;
    stream?: boolean;
    temperature?: number;
    messages?: { role: string; content: string }[];
    [key: string]: unknown;
  };
}

export interface ServerOptions {
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  apiKey?: string;
  /** When set, other model names get 404 like OpenAI's "model does not exist". */
  models?: string[];
}

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  /** Responses the client closed before the server finished them. */
  clientAborts = 0;
  private readonly queue: ScriptedReply[] = [];
  private readonly abortWaiters: (() => void)[] = [];

  private constructor(private readonly server: http.Server, private readonly options: ServerOptions) {}

  static async start(options: ServerOptions = {}): Promise<FakeOpenAiServer> {
    const server = http.createServer();
    const fake = new FakeOpenAiServer(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The API root, as a user would paste it (`…/v1`). */
  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues the reply to the next request. */
  reply(reply: ScriptedReply): this {
    this.queue.push(reply);
    return this;
  }

  get lastRequest(): RecordedRequest {
    const last = this.requests[this.requests.length - 1];
    if (!last) throw new Error('The fake OpenAI server has received no request yet.');
    return last;
  }

  /** Resolves when a client has hung up on an unfinished response. */
  waitForClientAbort(): Promise<void> {
    if (this.clientAborts > 0) return Promise.resolve();
    return new Promise((resolve) => this.abortWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: RecordedRequest['body'] = {};
    try {
      body = JSON.parse(raw) as RecordedRequest['body'];
    } catch {
      body = {};
    }
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, body });
    res.on('close', () => {
      if (res.writableEnded) return;
      this.clientAborts++;
      for (const wake of this.abortWaiters.splice(0)) wake();
    });

    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return sendJson(res, 404, { error: { message: `Unknown path ${req.url ?? ''}`, type: 'invalid_request_error' } });
    }
    if (this.options.apiKey && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return sendJson(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (this.options.models && !this.options.models.includes(body.model ?? '')) {
      return sendJson(res, 404, { error: { message: `The model \`${body.model ?? ''}\` does not exist`, code: 'model_not_found' } });
    }
    const reply = this.queue.shift();
    if (!reply) return sendJson(res, 500, { error: { message: 'The fake server has no scripted reply for this request.' } });
    switch (reply.type) {
      case 'hang':
        return;
      case 'error':
        return sendJson(res, reply.status, reply.body, reply.headers);
      case 'json':
        await sleep(reply.delayMs ?? 0);
        return sendJson(res, 200, completion(body.model ?? 'model', reply.content));
      case 'stream':
        return this.stream(res, body.model ?? 'model', reply);
    }
  }

  private async stream(res: http.ServerResponse, model: string, reply: Extract<ScriptedReply, { type: 'stream' }>): Promise<void> {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const eol = reply.crlf ? '\r\n' : '\n';
    const frame = (data: string) => `data: ${data}${eol}${eol}`;
    const write = async (text: string) => {
      if (res.destroyed) return;
      const bytes = Buffer.from(text, 'utf8');
      if (reply.splitFrames && bytes.length > 1) {
        const cut = 1 + ((bytes.length * 7) % (bytes.length - 1));
        res.write(bytes.subarray(0, cut));
        await sleep(reply.delayMs ?? 0);
        res.write(bytes.subarray(cut));
      } else {
        res.write(bytes);
      }
      await sleep(reply.delayMs ?? 0);
    };
    await write(frame(JSON.stringify(chunk(model, { role: 'assistant', content: '' }, null))));
    const count = reply.hangAfter ?? reply.tokens.length;
    for (const token of reply.tokens.slice(0, count)) {
      if (res.destroyed) return;
      await write(frame(JSON.stringify(chunk(model, { content: token }, null))));
    }
    if (reply.hangAfter !== undefined) return;
    if (reply.errorMessage) {
      await write(frame(JSON.stringify({ error: { message: reply.errorMessage, type: 'server_error' } })));
      res.end();
      return;
    }
    await write(frame(JSON.stringify(chunk(model, {}, 'stop'))));
    await write(frame('[DONE]'));
    res.end();
  }
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function chunk(model: string, delta: Record<string, string>, finishReason: string | null) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
