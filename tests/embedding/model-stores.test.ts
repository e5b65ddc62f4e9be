// One contract, three ModelStores: memory, IndexedDB (fake-indexeddb) and the Node cache folder.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryModelStore, type ModelManifest, type ModelStore } from '../../src/core/embedding/model-store';
import { IndexedDbModelStore } from '../../src/embedding/idb-model-store';
import { NodeFileModelStore, defaultModelCacheDir } from '../../src/embedding/node/node-file-model-store';

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

let dbCounter = 0;
const stores: [string, () => ModelStore][] = [
  ['memory', () => new MemoryModelStore()],
  ['IndexedDB', () => new IndexedDbModelStore(indexedDB, `amn-test-${dbCounter++}`)],
  [
    'Node folder',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-store-'));
      tempDirs.push(dir);
      return new NodeFileModelStore(dir);
    },
  ],
];

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const manifest = (modelId: string, files: string[]): ModelManifest => ({
  modelId,
  source: 'https://example.test',
  files: files.map((name) => ({ name, size: 3 })),
  completedAt: 1,
});

describe.each(stores)('%s model store', (_name, create) => {
  it('stages pieces in order and reads them back as one file', async () => {
    const store = create();
    await store.appendStaged('org/m', 'onnx/model_quantized.onnx', 0, bytes(1, 2));
    await store.appendStaged('org/m', 'onnx/model_quantized.onnx', 2, bytes(3));
    expect(await store.stagedSize('org/m', 'onnx/model_quantized.onnx')).toBe(3);
    expect(Array.from(await store.readStaged('org/m', 'onnx/model_quantized.onnx'))).toEqual([1, 2, 3]);
  });

  it('refuses a piece at the wrong offset (no gaps, no double writes)', async () => {
    const store = create();
    await store.appendStaged('org/m', 'config.json', 0, bytes(1, 2));
    await expect(store.appendStaged('org/m', 'config.json', 1, bytes(9))).rejects.toThrow(/at byte 1: 2 bytes are staged/);
    await expect(store.appendStaged('org/m', 'config.json', 5, bytes(9))).rejects.toThrow(/at byte 5: 2 bytes are staged/);
    expect(Array.from(await store.readStaged('org/m', 'config.json'))).toEqual([1, 2]);
  });

  it('makes files readable only after commit, and only those in the manifest', async () => {
    const store = create();
    await store.appendStaged('org/m', 'config.json', 0, bytes(7, 8, 9));
    expect(await store.read('org/m', 'config.json')).toBeNull();
    expect(await store.manifest('org/m')).toBeNull();
    await store.commit(manifest('org/m', ['config.json']));
    expect(Array.from((await store.read('org/m', 'config.json'))!)).toEqual([7, 8, 9]);
    expect(await store.read('org/m', 'tokenizer.json')).toBeNull();
    expect((await store.manifest('org/m'))?.files[0]?.name).toBe('config.json');
  });

  it('discards a staged file and removes a whole model without touching others', async () => {
    const store = create();
    await store.appendStaged('org/a', 'config.json', 0, bytes(1, 1, 1));
    await store.appendStaged('org/a', 'tokenizer.json', 0, bytes(2));
    await store.appendStaged('org/b', 'config.json', 0, bytes(3, 3, 3));
    await store.commit(manifest('org/a', ['config.json']));
    await store.commit(manifest('org/b', ['config.json']));
    await store.discardStaged('org/a', 'tokenizer.json');
    expect(await store.stagedSize('org/a', 'tokenizer.json')).toBe(0);
    await store.remove('org/a');
    expect(await store.manifest('org/a')).toBeNull();
    expect(await store.stagedSize('org/a', 'config.json')).toBe(0);
    expect(Array.from((await store.read('org/b', 'config.json'))!)).toEqual([3, 3, 3]);
    expect((await store.list()).map((m) => m.modelId)).toEqual(['org/b']);
  });
});

describe('IndexedDbModelStore', () => {
  it('keeps data across connections (a restart of the plugin)', async () => {
    const name = `amn-test-persist-${dbCounter++}`;
    const first = new IndexedDbModelStore(indexedDB, name);
    await first.appendStaged('org/m', 'config.json', 0, bytes(5, 6, 7));
    await first.commit(manifest('org/m', ['config.json']));
    await first.close();
    const second = new IndexedDbModelStore(indexedDB, name);
    expect(Array.from((await second.read('org/m', 'config.json'))!)).toEqual([5, 6, 7]);
    await second.close();
  });
});

describe('NodeFileModelStore', () => {
  it('uses XDG_CACHE_HOME, then the platform cache folder', () => {
    expect(defaultModelCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe(path.join('/x/cache', 'ask-my-notes', 'models'));
    expect(defaultModelCacheDir({}, 'linux')).toBe(path.join(os.homedir(), '.cache', 'ask-my-notes', 'models'));
    expect(defaultModelCacheDir({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Caches', 'ask-my-notes', 'models'));
  });

  it('keeps each model in the Hub layout under models--org--name/files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-store-'));
    tempDirs.push(dir);
    const store = new NodeFileModelStore(dir);
    await store.appendStaged('org/m', 'onnx/model.onnx', 0, bytes(1));
    expect(fs.existsSync(path.join(dir, 'models--org--m', 'files', 'onnx', 'model.onnx'))).toBe(true);
    expect(() => store.filesDir('../evil')).toThrow(/not a model id/);
    await expect(store.appendStaged('org/m', '../../escape', 0, bytes(1))).rejects.toThrow(/leaves/);
  });
});
