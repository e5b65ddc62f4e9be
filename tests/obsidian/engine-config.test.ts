import { describe, expect, it } from 'vitest';
import { appliedConfig, configuredModelName, pendingChanges } from '../../src/obsidian/engine-config';
import { migrateSettings } from '../../src/settings';

describe('pending settings changes', () => {
  const base = migrateSettings({});
  const applied = appliedConfig(base);
  const kinds = (patch: Parameters<typeof migrateSettings>[0]) => pendingChanges(applied, migrateSettings({ ...base, ...patch as object })).map((c) => `${c.kind}:${c.action}`);

  it('names what a change means for the index', () => {
    expect(kinds({})).toEqual([]);
    expect(kinds({ modelId: 'Xenova/bge-small-en-v1.5' })).toEqual(['model:rebuild']);
    expect(kinds({ engine: 'remote' })).toEqual(['model:rebuild']);
    expect(kinds({ workerCount: 2 })).toEqual(['model-options:reload-model']);
    expect(kinds({ modelMirrorHost: 'https://hf-mirror.com' })).toEqual(['model-options:reload-model']);
    expect(kinds({ chunkTokenBudget: 128 })).toEqual(['chunking:reindex']);
    expect(kinds({ excludePatterns: ['Templates/'] })).toEqual(['exclusions:reindex']);
    expect(kinds({ relatedCount: 3, hoverCardMode: 'off', llmUrl: 'http://x' })).toEqual([]);
  });

  it('names the configured model before it loads', () => {
    expect(configuredModelName(base)).toBe('Xenova/multilingual-e5-small');
    expect(configuredModelName(migrateSettings({ engine: 'remote', remoteEmbeddingUrl: 'http://localhost:11434/v1', remoteEmbeddingModel: 'nomic-embed-text' }))).toBe('nomic-embed-text @ localhost:11434');
  });
});
