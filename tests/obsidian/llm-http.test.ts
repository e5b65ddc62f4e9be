import { describe, expect, it } from 'vitest';
import type { HttpClient, HttpRequest } from '../../src/core/ports';
import { LlmHttpClient } from '../../src/obsidian/llm-http';

/** An HttpClient that records calls and answers from a script. */
class Scripted implements HttpClient {
  readonly calls: string[] = [];
  constructor(private readonly behaviour: (request: HttpRequest, onChunk: (c: Uint8Array) => void) => Promise<void>) {}
  request(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
  async stream(request: HttpRequest, onChunk: (c: Uint8Array) => void) {
    this.calls.push(request.url);
    await this.behaviour(request, onChunk);
    return { status: 200, headers: {} };
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);
const post = (url: string): HttpRequest => ({ url, method: 'POST', body: '{}' });

describe('LlmHttpClient', () => {
  it('streams with fetch where the server allows it', async () => {
    const whole = new Scripted(async (_r, on) => on(bytes('all at once')));
    const streaming = new Scripted(async (_r, on) => {
      on(bytes('data: a\n\n'));
      on(bytes('data: b\n\n'));
    });
    const client = new LlmHttpClient(whole, streaming);
    const pieces: string[] = [];
    await client.stream(post('http://localhost:11434/v1/chat/completions'), (c) => pieces.push(new TextDecoder().decode(c)));
    expect(pieces).toEqual(['data: a\n\n', 'data: b\n\n']);
    expect(whole.calls).toEqual([]);
    expect(client.streams('http://localhost:11434/v1/chat/completions')).toBe(true);
  });

  it('falls back to requestUrl when fetch cannot connect (CORS), and remembers the origin', async () => {
    const whole = new Scripted(async (_r, on) => on(bytes('whole answer')));
    const streaming = new Scripted(() => Promise.reject(new TypeError('Failed to fetch')));
    const client = new LlmHttpClient(whole, streaming);
    const url = 'https://llm.example.com/v1/chat/completions';
    const pieces: string[] = [];
    await client.stream(post(url), (c) => pieces.push(new TextDecoder().decode(c)));
    await client.stream(post(url), (c) => pieces.push(new TextDecoder().decode(c)));
    expect(pieces).toEqual(['whole answer', 'whole answer']);
    expect(streaming.calls).toHaveLength(1);
    expect(whole.calls).toHaveLength(2);
    expect(client.streams(url)).toBe(false);
  });

  it('does not retry after part of the answer arrived, or after the caller cancelled', async () => {
    const whole = new Scripted(async (_r, on) => on(bytes('whole')));
    const midway = new Scripted(async (_r, on) => {
      on(bytes('data: a\n\n'));
      throw new Error('connection reset');
    });
    await expect(new LlmHttpClient(whole, midway).stream(post('http://localhost:1/x'), () => undefined)).rejects.toThrow('connection reset');
    const controller = new AbortController();
    const aborted = new Scripted(() => {
      controller.abort();
      return Promise.reject(new Error('aborted'));
    });
    await expect(new LlmHttpClient(whole, aborted).stream({ ...post('http://localhost:1/x'), signal: controller.signal }, () => undefined)).rejects.toThrow('aborted');
    expect(whole.calls).toEqual([]);
  });
});
