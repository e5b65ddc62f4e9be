import { describe, expect, it } from 'vitest';
import { isLoopback, privacySummary } from '../../../src/ui/settings/privacy';
import { migrateSettings } from '../../../src/settings';

const summary = (patch: Parameters<typeof migrateSettings>[0]) => privacySummary(migrateSettings(patch));

describe('privacySummary', () => {
  it('local model, no LLM: nothing leaves, the model comes once from huggingface.co', () => {
    expect(summary({})).toEqual(['Nothing leaves this device.', 'The model is downloaded once from huggingface.co; after that it runs on this device.']);
  });

  it('names the mirror and the local model folder', () => {
    expect(summary({ modelMirrorHost: 'https://hf-mirror.com/' })[1]).toBe('The model is downloaded once from hf-mirror.com; after that it runs on this device.');
    expect(summary({ localModelFolder: '.models' })[1]).toBe('The model is read from the vault folder ".models"; if it is not there, it is downloaded once from huggingface.co.');
  });

  it('remote embeddings and a hosted LLM: says what is sent where', () => {
    expect(summary({ engine: 'remote', remoteEmbeddingUrl: 'https://api.openai.com/v1', llmUrl: 'https://openrouter.ai/api/v1', llmModel: 'x' })).toEqual([
      'Note text and search queries are sent to api.openai.com for embeddings.',
      'Questions and note passages are sent to openrouter.ai when you ask for an answer.',
    ]);
  });

  it('servers on this machine keep "nothing leaves this device"', () => {
    expect(summary({ engine: 'remote', remoteEmbeddingUrl: 'http://localhost:11434/v1', llmUrl: '127.0.0.1:1234', llmModel: 'qwen' })).toEqual([
      'Nothing leaves this device.',
      'Note text and search queries are sent to localhost:11434 (a server on this device) for embeddings.',
      'Questions and note passages are sent to 127.0.0.1:1234 (a server on this device) when you ask for an answer.',
    ]);
  });

  it('an LLM URL without a model sends nothing; remote without URL says search is keyword-only', () => {
    expect(summary({ llmUrl: 'https://api.openai.com' })).toHaveLength(2);
    expect(summary({ engine: 'remote' })).toEqual(['Nothing leaves this device.', 'Remote embeddings are selected, but no server is set: search uses keywords only.']);
  });

  it('recognises loopback hosts', () => {
    for (const url of ['http://localhost:8080', 'localhost', 'http://127.0.0.1', 'http://[::1]:11434', 'http://api.localhost']) expect(isLoopback(url), url).toBe(true);
    for (const url of ['https://api.openai.com', 'http://192.168.1.5:11434', 'http://localhost.example.com', 'not a url']) expect(isLoopback(url), url).toBe(false);
  });
});
