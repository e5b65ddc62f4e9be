/**
 * A pass-through HTTP proxy that answers CORS the way local LLM servers do once it is on
 * (Ollama by default, LM Studio and llama.cpp with a flag): preflights get 204 with the allow
 * headers, responses get `Access-Control-Allow-Origin: *`. The page (another port, so another
 * origin) can then stream from the fake OpenAI server with fetch, as the plugin does from
 * Obsidian's app:// origin. Bodies are piped, so a stream stays a stream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CorsProxy {
  /** `http://127.0.0.1:<port>`; paths are forwarded unchanged. */
  url: string;
  close(): Promise<void>;
}

const ALLOW = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

export async function startCorsProxy(target: string): Promise<CorsProxy> {
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, ALLOW).end();
      return;
    }
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...ALLOW });
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, ALLOW);
      res.end(String(error));
    });
    // The page hanging up (cancel) hangs up upstream too.
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
