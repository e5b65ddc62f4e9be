/**
 * `HttpClient` over Node's fetch, for tests that talk to a real server on loopback. (The production
 * clients are the Obsidian `requestUrl` adapter and the embedding helper's fetch client.)
 */
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/core/ports';

/** Tests run in Node against a loopback server; Obsidian's `requestUrl` does not exist here. */
const nodeFetch = globalThis.fetch;

export class FetchHttpClient implements HttpClient {
  async request(request: HttpRequest): Promise<HttpResponse> {
    const response = await nodeFetch(request.url, init(request));
    const body = await response.arrayBuffer();
    return {
      status: response.status,
      headers: headersOf(response),
      body,
      text: () => new TextDecoder().decode(body),
    };
  }

  async stream(request: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<{ status: number; headers: Record<string, string> }> {
    const response = await nodeFetch(request.url, init(request));
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        onChunk(value);
      }
    }
    return { status: response.status, headers: headersOf(response) };
  }
}

function init(request: HttpRequest): RequestInit {
  const signals = [request.signal, request.timeoutMs ? AbortSignal.timeout(request.timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
  return {
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    signal: signals.length === 0 ? undefined : AbortSignal.any(signals),
  };
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return headers;
}
