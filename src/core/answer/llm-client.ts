/** A `Generator` over any OpenAI-compatible chat-completions server (Ollama, LM Studio, llama.cpp, OpenAI, OpenRouter). */
import type { ChatMessage, GenerateOptions, Generator, HttpClient } from '../ports';
import { errorForStatus, LlmError } from './llm-errors';
import { chatCompletionsUrl } from './llm-url';
import { SseParser, type SseEvent } from './sse';
import { ReasoningFilter, stripReasoning } from './think-filter';

export interface LlmConfig {
  /** API root (`http://localhost:11434/v1`), bare host, or the full `/chat/completions` URL. */
  baseUrl: string;
  model: string;
  /** Sent as a Bearer token; never logged and masked out of error messages. */
  apiKey?: string;
  temperature?: number;
  maxTokens?: number;
  /**
   * Longest wait for the reply to start and, when streaming, for the next piece of it; without
   * streaming, for the whole reply. A long answer that keeps streaming never times out.
   */
  timeoutMs: number;
  stream: boolean;
}

/** Timer functions, injected because the core has no `window` (the app passes `window`, Node its globals). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Error bodies are read for their message only; no need to keep more. */
const MAX_ERROR_BODY = 64 * 1024;

export class OpenAiChatGenerator implements Generator {
  readonly name: string;
  private readonly url: string;

  constructor(
    private readonly http: HttpClient,
    private readonly config: LlmConfig,
    private readonly timers: Timers,
  ) {
    if (!config.model.trim()) throw new Error('No LLM model is set. Enter the model name in the settings (e.g. "llama3.2" for Ollama).');
    this.url = chatCompletionsUrl(config.baseUrl);
    this.name = `${config.model} (${new URL(this.url).host})`;
  }

  async generate(messages: ChatMessage[], options: GenerateOptions = {}): Promise<string> {
    const { signal } = options;
    if (signal?.aborted) throw cancelled();
    const controller = new AbortController();
    let timedOut = false;
    let timer: unknown;
    const arm = () => {
      if (timer !== undefined) this.timers.clearTimeout(timer);
      timer = this.timers.setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.config.timeoutMs);
    };
    const forwardAbort = () => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    arm();
    try {
      const work = this.config.stream
        ? this.streamed(messages, controller.signal, arm, options.onToken)
        : this.whole(messages, controller.signal, options.onToken);
      return await untilAborted(work, controller.signal);
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      if (timedOut) {
        throw new LlmError('timeout', `The LLM server at ${this.url} did not answer within ${formatSeconds(this.config.timeoutMs)}. It may be loading the model or overloaded; try again or raise the timeout.`);
      }
      if (error instanceof LlmError) throw this.masked(error);
      throw this.masked(new LlmError('connection', `Could not reach the LLM server at ${this.url}: ${describeNetworkError(error)}. Check that it is running and the URL is right.`));
    } finally {
      if (timer !== undefined) this.timers.clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }

  private body(messages: ChatMessage[], stream: boolean): string {
    const body: Record<string, unknown> = { model: this.config.model, messages, stream };
    if (this.config.temperature !== undefined) body.temperature = this.config.temperature;
    if (this.config.maxTokens !== undefined) body.max_tokens = this.config.maxTokens;
    return JSON.stringify(body);
  }

  private headers(stream: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: stream ? 'text/event-stream' : 'application/json',
    };
    if (this.config.apiKey) headers.Authorization = `Bearer ${this.config.apiKey}`;
    return headers;
  }

  private async whole(messages: ChatMessage[], signal: AbortSignal, onToken?: (token: string) => void): Promise<string> {
    const response = await this.http.request({ url: this.url, method: 'POST', headers: this.headers(false), body: this.body(messages, false), signal });
    const text = response.text();
    if (response.status < 200 || response.status >= 300) {
      throw errorForStatus(response.status, text, this.url, this.config.model, response.headers['retry-after']);
    }
    const answer = stripReasoning(this.completionContent(text)).trim();
    if (onToken && answer) onToken(answer);
    return answer;
  }

  private async streamed(messages: ChatMessage[], signal: AbortSignal, onActivity: () => void, onToken?: (token: string) => void): Promise<string> {
    const parser = new SseParser();
    const filter = new ReasoningFilter();
    const rawDecoder = new TextDecoder();
    let raw = '';
    let sawEvent = false;
    let done = false;
    let failure: LlmError | undefined;
    const handle = (events: SseEvent[]) => {
      for (const event of events) {
        // No token may reach the caller after it cancelled, even from the same network chunk.
        if (done || failure || signal.aborted) return;
        sawEvent = true;
        if (event.data.trim() === '[DONE]') {
          done = true;
          return;
        }
        const result = readStreamEvent(event.data, this.url);
        if (result.error) {
          failure = result.error;
          return;
        }
        const visible = result.delta ? filter.push(result.delta) : '';
        if (visible && onToken) onToken(visible);
      }
    };
    const { status, headers } = await this.http.stream(
      { url: this.url, method: 'POST', headers: this.headers(true), body: this.body(messages, true), signal },
      (chunk) => {
        if (signal.aborted) return;
        onActivity();
        if (raw.length < MAX_ERROR_BODY) raw += rawDecoder.decode(chunk, { stream: true });
        handle(parser.push(chunk));
      },
    );
    if (signal.aborted) throw cancelled();
    raw += rawDecoder.decode();
    if (status < 200 || status >= 300) throw errorForStatus(status, raw, this.url, this.config.model, headers['retry-after']);
    handle(parser.end());
    if (failure) throw failure;
    if (!sawEvent) {
      // Some servers ignore `stream: true` and send one JSON completion.
      const answer = stripReasoning(this.completionContent(raw)).trim();
      if (onToken && answer) onToken(answer);
      return answer;
    }
    return filter.text();
  }

  private completionContent(text: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new LlmError('bad-response', `The LLM server at ${this.url} sent a reply that is not JSON: ${snippet(text)}`);
    }
    const content = firstChoice(parsed)?.message?.content;
    if (typeof content === 'string') return content;
    const error = (parsed as { error?: unknown } | null)?.error;
    if (error) throw new LlmError('server', `The LLM server at ${this.url} reported an error: ${snippet(JSON.stringify(error))}`);
    throw new LlmError('bad-response', `The LLM server at ${this.url} sent no answer text (expected choices[0].message.content): ${snippet(text)}`);
  }

  /** Servers sometimes echo the key in their error text; it must not reach the UI or logs. */
  private masked(error: LlmError): LlmError {
    const key = this.config.apiKey;
    if (!key || key.length < 4 || !error.message.includes(key)) return error;
    return new LlmError(error.kind, error.message.split(key).join('***'), error.status);
  }
}

interface ChoiceShape {
  message?: { content?: unknown };
  delta?: { content?: unknown };
  text?: unknown;
}

function firstChoice(value: unknown): ChoiceShape | undefined {
  const choices = (value as { choices?: unknown } | null)?.choices;
  return Array.isArray(choices) ? (choices[0] as ChoiceShape | undefined) : undefined;
}

function readStreamEvent(data: string, url: string): { delta?: string; error?: LlmError } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { error: new LlmError('bad-response', `The LLM server at ${url} streamed an event that is not JSON: ${snippet(data)}`) };
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (error) {
    const message = typeof error === 'string' ? error : (error as { message?: unknown }).message;
    return { error: new LlmError('server', `The LLM server at ${url} stopped with an error: ${snippet(typeof message === 'string' ? message : JSON.stringify(error))}`) };
  }
  const choice = firstChoice(parsed);
  const content = choice?.delta?.content ?? choice?.message?.content ?? choice?.text;
  return typeof content === 'string' ? { delta: content } : {};
}

/** Settles as soon as `signal` aborts, even if the HTTP client cannot cancel its request. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelled(): LlmError {
  return new LlmError('aborted', 'The answer was cancelled.');
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (typeof code === 'string') return `${error.message} (${code})`;
  if (/ERR_CONNECTION_REFUSED|ECONNREFUSED/i.test(error.message)) return 'connection refused';
  return error.message;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat || '(empty)';
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
