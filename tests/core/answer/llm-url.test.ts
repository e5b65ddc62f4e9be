import { describe, expect, it } from 'vitest';
import { chatCompletionsUrl } from '../../../src/core/answer/llm-url';

describe('chatCompletionsUrl', () => {
  it.each([
    ['http://localhost:11434', 'http://localhost:11434/v1/chat/completions'],
    ['http://localhost:11434/', 'http://localhost:11434/v1/chat/completions'],
    ['http://localhost:11434/v1', 'http://localhost:11434/v1/chat/completions'],
    ['http://localhost:1234/v1/', 'http://localhost:1234/v1/chat/completions'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['https://api.openai.com/v1', 'https://api.openai.com/v1/chat/completions'],
    ['https://openrouter.ai/api/v1', 'https://openrouter.ai/api/v1/chat/completions'],
    ['https://openrouter.ai/api/v1/chat/completions', 'https://openrouter.ai/api/v1/chat/completions'],
    ['  localhost:11434/v1  ', 'http://localhost:11434/v1/chat/completions'],
  ])('%j → %j', (base, url) => {
    expect(chatCompletionsUrl(base)).toBe(url);
  });

  it('explains an empty, malformed or non-HTTP URL', () => {
    expect(() => chatCompletionsUrl('')).toThrow(/No LLM server URL is set/);
    expect(() => chatCompletionsUrl('http://')).toThrow(/not a valid URL/);
    expect(() => chatCompletionsUrl('ftp://host/v1')).toThrow(/http:\/\/ or https:\/\//);
  });
});
