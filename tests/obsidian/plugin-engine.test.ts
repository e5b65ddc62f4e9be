// @vitest-environment happy-dom
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexedDbStorage, indexedDbName } from '../../src/obsidian/indexeddb-storage';
import type { PluginEngineSnapshot } from '../../src/obsidian/plugin-engine';
import { vaultStorageId } from '../../src/obsidian/vault-id';
import { registerEngineNotices } from '../../src/ui/notices';
import { registerStatusBar } from '../../src/ui/status-bar';
import { statusBarText } from '../../src/ui/status-text';
import { FakeEmbedder } from '../helpers/fake-embedder';
import type { Plugin as ObsidianPlugin, App as ObsidianApp } from 'obsidian';
import { Notice, TFile } from '../stubs/obsidian';
import { EngineHarness, notes, ScriptedEmbedders } from './engine-harness';

const harnesses: EngineHarness[] = [];
function harness(...args: ConstructorParameters<typeof EngineHarness>): EngineHarness {
  const h = new EngineHarness(...args);
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.unload();
  Notice.shown.length = 0;
  Notice.instances.length = 0;
});

function file(h: EngineHarness, path: string): TFile {
  const found = h.vault.getAbstractFileByPath(path);
  if (!found) throw new Error(`no ${path}`);
  return found;
}

/** The notes the indexer works on, in order, from now on. */
function pathsInOrder(h: EngineHarness): string[] {
  const order: string[] = [];
  h.engine.indexer()!.onProgress((p) => {
    if (p.currentPath && order[order.length - 1] !== p.currentPath) order.push(p.currentPath);
  });
  return order;
}

function statusTexts(h: EngineHarness): string[] {
  const item = registerStatusBar(h.plugin as unknown as ObsidianPlugin, h.engine, () => undefined);
  const texts = [item.getText()];
  h.engine.onChange(() => {
    if (texts[texts.length - 1] !== item.getText()) texts.push(item.getText());
  });
  return texts;
}

describe('PluginEngine', () => {
  it('does nothing until layout-ready, then indexes the vault while the status bar counts notes', async () => {
    const h = harness({ files: notes(30) });
    const texts = statusTexts(h);
    await Promise.resolve();
    expect(h.engine.snapshot()).toMatchObject({ started: false, indexReady: false, model: { kind: 'idle' } });
    expect(h.embedders.requests).toHaveLength(0);
    expect(h.engine.indexer()).toBeNull();

    await h.layoutReady();
    await h.settled();
    const status = await h.engine.status();
    expect(status).toMatchObject({ notesIndexed: 30, failed: [], pending: 0 });
    expect(status!.vectorsStored).toBe(status!.chunksIndexed);
    expect(h.engine.snapshot().model).toMatchObject({ kind: 'ready', modelId: 'Xenova/multilingual-e5-small' });
    expect(texts[0]).toBe('');
    expect(texts.some((t) => /^Indexing \d+ \/ 30 notes$/.test(t))).toBe(true);
    expect(texts.indexOf('Notes indexed')).toBe(texts.length - 1);
    expect(h.embedders.requests).toHaveLength(1);
    expect(h.logger.errors).toEqual([]);
  });

  it('follows vault events: a rename re-embeds nothing, an edit re-embeds only its note', async () => {
    const h = harness({ files: notes(6) });
    await h.layoutReady();
    await h.settled();
    const embedder = h.embedders.created[0]!;
    const before = embedder.embedded.length;
    const revision = h.engine.snapshot().revision;

    await h.vault.rename(file(h, 'notes/002.md'), 'archive/two.md');
    await vi.waitFor(() => expect(h.engine.note('archive/two.md')).toBeDefined());
    await h.settled();
    expect(h.engine.note('notes/002.md')).toBeUndefined();
    expect(embedder.embedded.length).toBe(before);
    expect(h.engine.snapshot().revision).toBeGreaterThan(revision);

    await h.vault.modify(file(h, 'notes/003.md'), '# Three\n\nCompletely new words about astronomy.\n');
    await vi.waitFor(() => expect(h.engine.note('notes/003.md')?.meta.title).toBe('003'));
    await vi.waitFor(() => expect(embedder.embedded.some((t) => t.includes('astronomy'))).toBe(true));
    await h.settled();
    const added = embedder.embedded.slice(before);
    expect(added.every((t) => t.includes('astronomy') || t.includes('Three'))).toBe(true);

    await h.vault.create('new.md', 'A brand new note about comets.');
    await h.vault.delete(file(h, 'notes/004.md'));
    await vi.waitFor(() => {
      expect(h.engine.note('new.md')).toBeDefined();
      expect(h.engine.note('notes/004.md')).toBeUndefined();
    });
    await h.vault.create('image.png', 'not a note');
    await h.settled();
    expect(h.engine.note('image.png')).toBeUndefined();
  });

  it('indexes the active note first, at startup and when a note is opened', async () => {
    const h = harness({ files: notes(40), indexer: { embedGroupSize: 1 } });
    h.app.workspace.openFile(file(h, 'notes/039.md'));
    let release!: () => void;
    const embedder = new FakeEmbedder(16, 'Xenova/multilingual-e5-small');
    h.embedders.scripts.push({ kind: 'download', steps: [], then: new Promise<void>((resolve) => (release = resolve)), embedder });
    await h.layoutReady();
    const startup = pathsInOrder(h);
    await vi.waitFor(async () => expect((await h.engine.status())!.notesIndexed).toBe(40));
    expect(startup.slice(0, 2)).toContain('notes/039.md');

    // The model arrives and its pass starts; the user opens another note: it is embedded next.
    let held: (() => void) | null = null;
    embedder.gate = () => new Promise<void>((resolve) => (held = resolve));
    release();
    await vi.waitFor(() => expect(held).not.toBeNull());
    const afterOpen = pathsInOrder(h);
    h.app.workspace.openFile(file(h, 'notes/020.md'));
    embedder.gate = null;
    held!();
    await h.settled();
    expect(afterOpen.slice(0, 3)).toContain('notes/020.md');
    expect(afterOpen.indexOf('notes/020.md')).toBeLessThan(afterOpen.indexOf('notes/010.md'));
  });

  it('keeps keyword search when the model is unavailable, says so once, and recovers on retry', async () => {
    const h = harness({ files: notes(8) });
    h.embedders.scripts.push({ kind: 'fail', reason: 'Could not reach huggingface.co. Search uses keywords only until the model is available.' });
    registerEngineNotices(h.plugin as unknown as ObsidianPlugin, h.engine, { retryModel: () => void h.engine.retryModel(), openStatus: () => undefined });
    const texts = statusTexts(h);
    await h.layoutReady();
    await h.settled();

    const snapshot = h.engine.snapshot();
    expect(snapshot.model).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('huggingface.co') });
    expect(statusBarText(snapshot)).toBe('Keyword search only');
    expect(texts[texts.length - 1]).toBe('Keyword search only');
    expect(Notice.shown.filter((m) => m.includes('huggingface.co'))).toHaveLength(1);
    const status = await h.engine.status();
    expect(status).toMatchObject({ notesIndexed: 8, vectorsStored: 0 });
    expect(status!.lexicalOnlyReason).toBeDefined();
    const hits = await h.engine.searcher()!.search('gardening topic1', { limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(h.engine.searcher()!.effectiveMode('hybrid')).toBe('lexical');

    await h.engine.retryModel();
    await h.settled();
    expect(h.engine.snapshot().model.kind).toBe('ready');
    expect((await h.engine.status())!.vectorsStored).toBeGreaterThan(0);
    expect(h.engine.searcher()!.effectiveMode('hybrid')).toBe('hybrid');
    expect(Notice.shown.filter((m) => m.includes('huggingface.co'))).toHaveLength(1);
    expect(texts[texts.length - 1]).toBe('Notes indexed');
  });

  it('shows download progress in the status bar and a notice, then hides the notice', async () => {
    const h = harness({ files: notes(3) });
    registerEngineNotices(h.plugin as unknown as ObsidianPlugin, h.engine, { retryModel: () => undefined, openStatus: () => undefined });
    const texts = statusTexts(h);
    let release!: () => void;
    const step = (bytesDone: number) => ({ modelId: 'Xenova/multilingual-e5-small', phase: 'download' as const, file: 'onnx/model_quantized.onnx', fileBytesDone: bytesDone, bytesDone, bytesTotal: 118_000_000, percent: (100 * bytesDone) / 118_000_000 });
    h.embedders.scripts.push({ kind: 'download', steps: [step(40_000_000)], then: new Promise<void>((resolve) => (release = resolve)) });
    await h.layoutReady();
    await vi.waitFor(() => expect(texts).toContain('Downloading model 33% (40 / 118 MB)'));
    const notice = Notice.instances.find((n) => n.message.includes('Downloading model'));
    expect(notice?.message).toBe('Ask My Notes: Downloading model 33% (40 / 118 MB)');
    expect(notice?.hidden).toBe(false);
    release();
    await h.settled();
    expect(notice?.hidden).toBe(true);
    expect(texts[texts.length - 1]).toBe('Notes indexed');
  });

  it('loads the stored index after a restart and embeds nothing again', async () => {
    const factory = new IDBFactory();
    const first = harness({ files: notes(12), indexedDB: factory });
    await first.layoutReady();
    await first.settled();
    await first.unload();
    harnesses.splice(harnesses.indexOf(first), 1);

    const second = harness({ vault: first.vault, indexedDB: factory });
    await second.layoutReady();
    await second.settled();
    const status = await second.engine.status();
    expect(status).toMatchObject({ notesIndexed: 12, load: { outcome: 'stored', notes: 12 } });
    expect(second.embedders.created[0]!.embedded).toEqual([]);
  });

  it('unload cancels work, commits, closes the index and disposes the embedder', async () => {
    const h = harness({ files: notes(5) });
    await h.layoutReady();
    await h.settled();
    const indexer = h.engine.indexer()!;
    const embedder = h.embedders.created[0]!;
    await h.unload();
    harnesses.splice(harnesses.indexOf(h), 1);
    expect(h.embedders.disposed).toEqual([embedder]);
    await expect(indexer.sync()).rejects.toThrow(/closed/);
    // Vault events after unload reach nothing.
    await h.vault.create('late.md', 'late');
    expect(h.engine.note('late.md')).toBeUndefined();
  });

  it('retries notes whose embedding failed (a crashed worker) once, and the run completes', async () => {
    const h = harness({ files: notes(10) });
    const embedder = new FakeEmbedder(16, 'Xenova/multilingual-e5-small');
    embedder.failNext = new Error('The embedding worker crashed: out of memory.');
    h.embedders.scripts.push({ kind: 'ready', embedder });
    await h.layoutReady();
    await h.settled();
    const status = await h.engine.status();
    expect(status).toMatchObject({ notesIndexed: 10, failed: [] });
    expect(status!.vectorsStored).toBe(status!.chunksIndexed);
    expect(h.logger.warnings.some((w) => w.includes('trying them once more'))).toBe(true);
  });

  it('rebuilds a corrupt stored index and says so', async () => {
    const factory = new IDBFactory();
    const h = harness({ files: notes(4), indexedDB: factory });
    const storage = await IndexedDbStorage.open(indexedDbName(vaultStorageId(h.app as unknown as ObsidianApp)), factory);
    await storage.commit(new Map([['manifest', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])]]));
    storage.close();
    registerEngineNotices(h.plugin as unknown as ObsidianPlugin, h.engine, { retryModel: () => undefined, openStatus: () => undefined });
    await h.layoutReady();
    await h.settled();
    expect(Notice.shown.filter((m) => m.includes('could not be used'))).toHaveLength(1);
    expect(h.logger.warnings.some((w) => w.startsWith('Index: '))).toBe(true);
    expect(await h.engine.status()).toMatchObject({ notesIndexed: 4, failed: [] });
  });

  it('keeps the index in memory, with a notice, when IndexedDB is unavailable', async () => {
    const h = harness({ files: notes(4), indexedDB: null });
    registerEngineNotices(h.plugin as unknown as ObsidianPlugin, h.engine, { retryModel: () => undefined, openStatus: () => undefined });
    await h.layoutReady();
    await h.settled();
    expect(h.engine.snapshot().storage).toBe('memory');
    expect(Notice.shown.filter((m) => m.includes('cannot be stored'))).toHaveLength(1);
    expect((await h.engine.searcher()!.search('gardening')).length).toBeGreaterThan(0);
  });

  /** Starts indexing `count` notes and holds the first embedding call until `release()`. */
  async function startHeldRun(count: number): Promise<{ h: EngineHarness; release: () => void }> {
    const h = harness({ files: notes(count) });
    const embedder = new FakeEmbedder(16, 'Xenova/multilingual-e5-small');
    let held: (() => void) | null = null;
    embedder.gate = () => new Promise<void>((resolve) => (held = resolve));
    h.embedders.scripts.push({ kind: 'ready', embedder });
    await h.layoutReady();
    await vi.waitFor(() => expect(held).not.toBeNull());
    return {
      h,
      release: () => {
        embedder.gate = null;
        held!();
      },
    };
  }

  it('cancels a run: what was done stays, the rest waits for re-index', async () => {
    const { h, release } = await startHeldRun(60);
    const cancelling = h.engine.cancel();
    release();
    await cancelling;
    await h.engine.indexer()!.whenIdle();
    const snapshot: PluginEngineSnapshot = h.engine.snapshot();
    expect(snapshot.stopped).toBe(true);
    expect(snapshot.indexing).toBeNull();
    expect(statusBarText(snapshot)).toBe('Indexing stopped');
    const partial = await h.engine.status();
    expect(partial!.vectorsStored).toBeLessThan(partial!.chunksIndexed + 60);

    await h.engine.reindexChanged();
    await h.settled();
    expect(h.engine.snapshot().stopped).toBe(false);
    expect(await h.engine.status()).toMatchObject({ notesIndexed: 60, pending: 0 });
  });

  it('a re-index asked while a cancel is still reopening the index runs on the reopened one', async () => {
    const { h, release } = await startHeldRun(40);
    const before = h.engine.indexer();
    const cancelling = h.engine.cancel();
    const reindexing = h.engine.reindexChanged(); // not awaiting the cancel, as the palette does
    release();
    await Promise.all([cancelling, reindexing]);
    await h.settled();
    expect(h.engine.indexer()).not.toBe(before);
    expect(h.engine.snapshot().error).toBeFalsy();
    expect(h.logger.errors.filter((e) => e.includes('already closed'))).toEqual([]);
    expect(await h.engine.status()).toMatchObject({ notesIndexed: 40, pending: 0 });
  });

  it('rebuilds from scratch on request, re-embedding every passage', async () => {
    const h = harness({ files: notes(5) });
    await h.layoutReady();
    await h.settled();
    const embedder = h.embedders.created[0]!;
    const before = embedder.embedded.length;
    const chunks = (await h.engine.status())!.chunksIndexed;
    await h.engine.rebuild();
    await h.settled();
    expect(embedder.embedded.length - before).toBe(chunks);
    expect(await h.engine.status()).toMatchObject({ notesIndexed: 5 });
  });

  it('switches the model when asked, rebuilding quietly with the new one', async () => {
    const h = harness({ files: notes(5) });
    registerEngineNotices(h.plugin as unknown as ObsidianPlugin, h.engine, { retryModel: () => undefined, openStatus: () => undefined });
    await h.layoutReady();
    await h.settled();
    await h.update({ modelId: 'Xenova/all-MiniLM-L6-v2' });
    expect(h.engine.pendingChanges().map((c) => c.kind)).toEqual(['model']);
    await h.engine.switchModel();
    await h.settled();
    expect(h.engine.pendingChanges()).toEqual([]);
    const [old, current] = h.embedders.created;
    expect(h.embedders.disposed).toContain(old);
    expect(current!.info.modelId).toBe('Xenova/all-MiniLM-L6-v2');
    expect(await h.engine.status()).toMatchObject({ notesIndexed: 5, modelId: 'Xenova/all-MiniLM-L6-v2' });
    expect(current!.embedded.length).toBeGreaterThanOrEqual(5);
    expect(Notice.shown.filter((m) => m.includes('could not be used'))).toEqual([]);
  });

  it('applies new exclusions and chunk size on re-index', async () => {
    const h = harness({ files: { ...notes(4), ...notes(3, 'Templates') } });
    await h.layoutReady();
    await h.settled();
    expect((await h.engine.status())!.notesIndexed).toBe(7);
    await h.update({ excludePatterns: ['Templates/'], chunkTokenBudget: 64 });
    expect(h.engine.pendingChanges().map((c) => c.kind).sort()).toEqual(['chunking', 'exclusions']);
    await h.engine.reindexChanged();
    await h.settled();
    const status = await h.engine.status();
    expect(status!.notesIndexed).toBe(4);
    expect(h.engine.note('Templates/000.md')).toBeUndefined();
    expect(h.engine.pendingChanges()).toEqual([]);
    expect(h.engine.note('notes/000.md')!.processor).toContain('budget=64');
  });

  it('resolves links with the metadata cache and builds the graph over indexed notes', async () => {
    const h = harness({ files: { 'a.md': 'Links to [[b]] and [[missing]].', 'folder/b.md': 'Back to [[a]].' } });
    await h.layoutReady();
    await h.settled();
    expect(h.engine.resolveLink('b', 'a.md')).toBe('folder/b.md');
    expect(h.engine.resolveLink('b#Heading', 'a.md')).toBe('folder/b.md');
    const graph = h.engine.graph();
    expect([...graph.outgoing('a.md')]).toEqual(['folder/b.md']);
    expect([...graph.backlinks('a.md')]).toEqual(['folder/b.md']);
    expect([...graph.unresolved('a.md')]).toEqual(['missing']);
  });

  it('offers an LLM generator only when a URL and model are set, with the key from SecretStorage', async () => {
    const h = harness({ files: notes(1) });
    expect(h.engine.generator()).toBeNull();
    h.secrets.set('my-llm-key', 'sk-test');
    await h.update({ llmUrl: 'http://localhost:11434', llmModel: 'llama3.2', llmKeySecret: 'my-llm-key' });
    const generator = h.engine.generator();
    expect(generator?.name).toBe('llama3.2 (localhost:11434)');
    expect(h.engine.generator()).toBe(generator);
    await h.update({ llmModel: 'qwen3' });
    expect(h.engine.generator()?.name).toBe('qwen3 (localhost:11434)');
  });

  it('passes the remote embedding key from SecretStorage to the factory', async () => {
    const embedders = new ScriptedEmbedders();
    const h = harness({ files: notes(2), embedders, settings: { engine: 'remote', remoteEmbeddingUrl: 'http://localhost:11434/v1', remoteEmbeddingModel: 'nomic-embed-text', remoteEmbeddingKeySecret: 'emb-key' } });
    h.secrets.set('emb-key', 'secret-value');
    await h.layoutReady();
    await h.settled();
    expect(embedders.requests[0]).toMatchObject({ apiKey: 'secret-value', settings: { engine: 'remote' } });
  });
});
