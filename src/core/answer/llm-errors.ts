/** Why a chat request failed, in words the user can act on. */

export type LlmErrorKind =
  | 'connection' // nothing answered at the URL (refused, DNS, offline)
  | 'timeout' // no reply, or the stream stalled, for longer than the configured time
  | 'auth' // 401/403: missing or wrong API key
  | 'not-found' // 404: wrong URL or unknown model
  | 'rate-limit' // 429
  | 'server' // 5xx, or an error reported inside the stream
  | 'http' // any other non-2xx status
  | 'bad-response' // a 2xx reply we cannot read as a chat completion
  | 'aborted'; // cancelled by the caller

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly status?: number;

  constructor(kind: LlmErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'LlmError';
    this.kind = kind;
    if (status !== undefined) this.status = status;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof LlmError ? error.kind === 'aborted' : error instanceof Error && error.name === 'AbortError';
}

/** The message an OpenAI-compatible server put in its error body, if any (`{error:{message}}`, `{error}`, `{message}`, `{detail}`). */
export function serverErrorMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const found = pickMessage(parsed);
    if (found) return found;
  } catch {
    // Not JSON: fall through to the raw text (HTML error pages are cut short below).
  }
  const text = trimmed.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? truncate(text, 300) : undefined;
}

function pickMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return truncate(value, 300);
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail']) {
    const inner = record[key];
    const found = typeof inner === 'string' ? truncate(inner, 300) : pickMessage(inner);
    if (found) return found;
  }
  return undefined;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A clear error for a non-2xx reply from `url` (which never contains the key: it travels in a header). */
export function errorForStatus(status: number, body: string, url: string, model: string, retryAfter?: string): LlmError {
  const detail = serverErrorMessage(body);
  const said = detail ? ` The server said: ${detail}` : '';
  if (status === 401 || status === 403) {
    return new LlmError('auth', `The LLM server at ${url} refused the request (HTTP ${status}): the API key is missing or wrong.${said}`, status);
  }
  if (status === 404) {
    return new LlmError('not-found', `Nothing found at ${url} (HTTP 404): check the server URL and that the model "${model}" exists there.${said}`, status);
  }
  if (status === 429) {
    const wait = retryAfter ? ` Retry after ${retryAfter} s.` : '';
    return new LlmError('rate-limit', `The LLM server at ${url} is rate-limiting requests (HTTP 429).${wait}${said}`, status);
  }
  if (status >= 500) {
    return new LlmError('server', `The LLM server at ${url} failed (HTTP ${status}).${said}`, status);
  }
  return new LlmError('http', `The LLM server at ${url} answered HTTP ${status}.${said}`, status);
}
