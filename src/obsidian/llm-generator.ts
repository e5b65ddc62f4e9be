/**
 * The answer LLM from the settings: an OpenAI-compatible chat client over LlmHttpClient
 * (streams where the server allows it, see llm-http.ts), rebuilt only when the URL, model or
 * key changes. No URL or no model: null, and answers are extractive.
 */
import { OpenAiChatGenerator } from '../core/answer/llm-client';
import type { Generator, HttpClient } from '../core/ports';
import type { AskMyNotesSettings } from '../settings';
import { windowTimers } from './window-timers';

/** Longest wait for the first token (or the next one); local servers may be loading the model. */
export const LLM_TIMEOUT_MS = 120_000;

export class LlmGeneratorCache {
  private cached: { key: string; generator: Generator | null } | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly secret: (name: string) => string | null,
  ) {}

  get(settings: AskMyNotesSettings): Generator | null {
    const url = settings.llmUrl.trim();
    const model = settings.llmModel.trim();
    if (!url || !model) return null;
    const apiKey = settings.llmKeySecret ? this.secret(settings.llmKeySecret) : null;
    const key = JSON.stringify([url, model, apiKey]);
    if (this.cached?.key === key) return this.cached.generator;
    let generator: Generator | null;
    try {
      generator = new OpenAiChatGenerator(
        this.http,
        { baseUrl: url, model, ...(apiKey ? { apiKey } : {}), timeoutMs: LLM_TIMEOUT_MS, stream: true },
        windowTimers,
      );
    } catch {
      // An invalid URL: the settings tab says so; answers stay extractive.
      generator = null;
    }
    this.cached = { key, generator };
    return generator;
  }
}
