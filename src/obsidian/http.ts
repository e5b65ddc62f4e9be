/**
 * HttpClient over Obsidian's requestUrl: not subject to CORS (the app:// origin cannot fetch
 * most hosts), works on desktop and mobile. requestUrl cannot stream or be aborted, so `stream`
 * delivers the whole body as one piece (the model downloader uses Range pieces for progress),
 * and a timeout or abort stops waiting without stopping the request itself.
 */
import { requestUrl } from 'obsidian';
import { abortError, raceAbort } from '../core/embedding/abort';
import type { HttpClient, HttpRequest, HttpResponse } from '../core/ports';

export class RequestUrlHttpClient implements HttpClient {
  async request(request: HttpRequest): Promise<HttpResponse> {
    if (request.signal?.aborted) throw abortError();
    let response;
    try {
      const pending = requestUrl({
        url: request.url,
        method: request.method ?? 'GET',
        headers: request.headers,
        body: request.body,
        throw: false,
      });
      response = await raceAbort(withTimeout(Promise.resolve(pending), request), request.signal);
    } catch (error) {
      if (request.signal?.aborted) throw abortError();
      if (error instanceof TimeoutError) throw new Error(error.message);
      throw new Error(`Request to ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
    const body = response.arrayBuffer;
    return { status: response.status, headers, body, text: () => new TextDecoder().decode(body) };
  }

  async stream(request: HttpRequest, onChunk: (chunk: Uint8Array) => void): Promise<{ status: number; headers: Record<string, string> }> {
    const response = await this.request(request);
    onChunk(new Uint8Array(response.body));
    return { status: response.status, headers: response.headers };
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, request: HttpRequest): Promise<T> {
  const ms = request.timeoutMs;
  if (ms === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const host = window;
    const timer = host.setTimeout(() => reject(new TimeoutError(`Request to ${request.url} timed out after ${Math.round(ms / 100) / 10} s.`)), ms);
    promise.then(
      (value) => {
        host.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        host.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
