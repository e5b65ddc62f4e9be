import { describe, expect, it } from 'vitest';
import type { PluginEngineSnapshot } from '../../src/obsidian/plugin-engine';
import { downloadText, formatBytes, statusBarText } from '../../src/ui/status-text';

const base: PluginEngineSnapshot = { revision: 1, model: { kind: 'ready', modelId: 'm', backend: 'wasm' }, indexing: null, indexReady: true, started: true, storage: 'indexeddb', stopped: false };

describe('status bar text', () => {
  it('shows work first, then the resting state', () => {
    expect(statusBarText({ ...base, started: false })).toBe('');
    expect(statusBarText(base)).toBe('Notes indexed');
    expect(statusBarText({ ...base, model: { kind: 'unavailable', modelId: 'm', reason: 'offline' } })).toBe('Keyword search only');
    expect(statusBarText({ ...base, model: { kind: 'loading', modelId: 'm' } })).toBe('Loading model…');
    expect(statusBarText({ ...base, indexing: { phase: 'indexing', notesDone: 120, notesTotal: 450, chunksEmbedded: 0, chunksPending: 0 } })).toBe('Indexing 120 / 450 notes');
    expect(statusBarText({ ...base, indexing: { phase: 'scanning', notesDone: 0, notesTotal: 0, chunksEmbedded: 0, chunksPending: 0 } })).toBe('Checking notes…');
    expect(statusBarText({ ...base, stopped: true })).toBe('Indexing stopped');
    expect(statusBarText({ ...base, indexReady: false })).toBe('Loading index…');
    expect(statusBarText({ ...base, error: 'boom' })).toBe('Index unavailable');
    const downloading = { kind: 'downloading' as const, modelId: 'm', bytesDone: 40_100_000, bytesTotal: 118_000_000, percent: 33.98 };
    expect(statusBarText({ ...base, model: downloading, indexing: { phase: 'indexing', notesDone: 1, notesTotal: 2, chunksEmbedded: 0, chunksPending: 0 } })).toBe('Downloading model 33% (40 / 118 MB)');
  });

  it('formats download sizes with a decimal for small models and without a total when unknown', () => {
    expect(downloadText({ kind: 'downloading', modelId: 'm', bytesDone: 1_250_000, bytesTotal: 2_500_000, percent: 50 })).toBe('Downloading model 50% (1.3 / 2.5 MB)');
    expect(downloadText({ kind: 'downloading', modelId: 'm', bytesDone: 12_600_000 })).toBe('Downloading model (13 MB)');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(45_300)).toBe('45.3 kB');
    expect(formatBytes(46_000_000)).toBe('46 MB');
  });
});
