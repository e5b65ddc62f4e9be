/**
 * The HttpClient for the answer LLM. `requestUrl` cannot stream, so `stream` tries `fetch`
 * first: Ollama accepts `app://` origins by default, LM Studio and llama.cpp once CORS is on,
 * and hosted APIs answer CORS. When fetch fails before the first byte (a CORS refusal looks
 * exactly like a network error), that origin falls back to `requestUrl` for the session: the
 * whole answer then arrives at once. Requests carry JSON and usually a key, so the browser
 * always preflights them: a refusal happens before the server sees the prompt, and the
 * fallback never makes the LLM answer twice. Plain requests always use `requestUrl`.
 */
import { FetchHttpClient } from '../embedding/fetch-http-client';
import type { HttpClient, HttpRequest, HttpResponse } from '../core/ports';
import { RequestUrlHttpClient } from './http';

export class LlmHttpClient implements HttpClient {
  /** Origins where fetch failed to connect; they use requestUrl from then on. */
  private readonly noFetch = new Set<string>();

  constructor(
    private readonly whole: HttpClient = new RequestUrlHttpClient(),
    private readonly streaming: HttpClient = new FetchHttpClient(),
  ) {}

  request(request: HttpRequest): Promise<HttpResponse> {
    return this.whole.request(request);
  }

  async stream(request: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<{ status: number; headers: Record<string, string> }> {
    const origin = originOf(request.url);
    if (origin === null || this.noFetch.has(origin)) return this.whole.stream(request, onChunk);
    let received = false;
    try {
      return await this.streaming.stream(request, (chunk) => {
        received = true;
        onChunk(chunk);
      });
    } catch (error) {
      if (received || request.signal?.aborted) throw error;
      this.noFetch.add(origin);
      return this.whole.stream(request, onChunk);
    }
  }

  /** Whether answers from this URL's server stream token by token (false after a fallback). */
  streams(url: string): boolean {
    const origin = originOf(url);
    return origin !== null && !this.noFetch.has(origin);
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
