/**
 * HttpClient over `fetch`, for Node (CLI, tests) and plain browsers (the smoke test). Inside
 * Obsidian use RequestUrlHttpClient instead: requestUrl is not subject to CORS.
 */
import { abortError } from '../core/embedding/abort';
import { clearTimer, platformFetch, setTimer } from '../core/embedding/globals';
import type { HttpClient, HttpRequest, HttpResponse } from '../core/ports';

type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export class FetchHttpClient implements HttpClient {
  private readonly fetchImpl: FetchFn;

  constructor(fetchImpl?: FetchFn) {
    this.fetchImpl = fetchImpl ?? platformFetch();
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    return this.withTimeout(request, async (signal) => {
      const response = await this.fetchImpl(request.url, init(request, signal));
      const body = await response.arrayBuffer();
      return {
        status: response.status,
        headers: headersOf(response),
        body,
        text: () => new TextDecoder().decode(body),
      };
    });
  }

  async stream(request: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<{ status: number; headers: Record<string, string> }> {
    return this.withTimeout(request, async (signal) => {
      const response = await this.fetchImpl(request.url, init(request, signal));
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          onChunk(value);
        }
      } else {
        onChunk(new Uint8Array(await response.arrayBuffer()));
      }
      return { status: response.status, headers: headersOf(response) };
    });
  }

  /** Runs `work` with a signal that fires on the caller's abort or after `timeoutMs`, and names the cause. */
  private async withTimeout<T>(request: HttpRequest, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      request.timeoutMs !== undefined
        ? setTimer(() => {
            timedOut = true;
            controller.abort();
          }, request.timeoutMs)
        : undefined;
    const onAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (request.signal?.aborted) throw abortError();
      return await work(controller.signal);
    } catch (error) {
      if (timedOut) throw new Error(`Request to ${request.url} timed out after ${Math.round((request.timeoutMs ?? 0) / 100) / 10} s.`);
      if (request.signal?.aborted) throw abortError();
      throw new Error(`Request to ${request.url} failed: ${describeFetchError(error)}`);
    } finally {
      clearTimer(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }
}

function init(request: HttpRequest, signal: AbortSignal): RequestInit {
  return { method: request.method ?? 'GET', headers: request.headers, body: request.body, signal };
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name.toLowerCase()] = value));
  return out;
}

/** Node's fetch hides the useful part ("ECONNREFUSED", "other side closed") in `cause`. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === 'string' ? `${code}: ` : ''}${cause.message})`;
  }
  return error.message;
}
