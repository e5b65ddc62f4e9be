/**
 * Event storm: 500 renames and deletes (with a few edits and creates among them) inside one
 * fake second, then edits while the resulting indexing pass runs. Afterwards the index holds
 * exactly the vault's notes, each at its latest content (content hash, chunk texts), with
 * nothing failed, nothing pending, and nothing re-embedded for a rename; the same holds
 * after reopening the stored index. Production parser + chunker, real glove-en-100d,
 * FileStorage with real (asynchronous) file I/O.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddingText } from '../../src/core/chunking/chunk-note';
import { Indexer } from '../../src/core/index/indexer';
import { createNoteProcessor, noteProcessorVersion } from '../../src/core/index/note-processor';
import type { ProcessedNote } from '../../src/core/index/types';
import { FileStorage } from '../../src/node/file-storage';
import { FakeTimers } from '../helpers/fake-timers';
import { GloveEmbedder } from '../helpers/glove-embedder';
import { settle } from '../helpers/indexer-harness';
import { MemorySource } from '../helpers/memory-source';
import { CollectingLogger } from '../helpers/collecting-logger';
import { integrityProblems, vaultDifferences } from './support/index-content';
import { editText, noteText } from './support/markdown-gen';
import { Prng, seedFromEnv } from './support/prng';
import { quiesce } from './support/quiesce';
import { TrackingEmbedder } from './support/tracking-embedder';

const SEED = seedFromEnv('STORM_SEED');
const NOTES = 300;
const STORM_EVENTS = 500;
const processor = createNoteProcessor();
const processorVersion = noteProcessorVersion();

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Chunk texts the production processor gives for the vault's current text of each note. */
function chunkTextsOfVault(vault: MemorySource): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [p, file] of vault.files) result.set(p, (processor(p, file.text) as ProcessedNote).chunks.map((c) => c.text));
  return result;
}

describe('event storm', () => {
  it(`500 renames and deletes in one second, then edits during indexing, end in exactly the vault (seed ${SEED})`, async () => {
    const rng = new Prng(SEED);
    const files: Record<string, string> = {};
    for (let i = 0; i < NOTES; i++) files[`inbox/${String(i).padStart(3, '0')} note.md`] = noteText(rng);
    const vault = new MemorySource(files);
    const clock = new FakeTimers();
    const embedder = new TrackingEmbedder(await GloveEmbedder.create('glove-en-100d'));
    const logger = new CollectingLogger();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-storm-'));
    dirs.push(dir);
    const open = async (): Promise<Indexer> =>
      Indexer.open({
        source: vault,
        storage: await FileStorage.open(dir),
        processor,
        processorVersion,
        embedder,
        clock,
        timers: clock,
        logger,
        kernel: 'js',
        yieldWhileLoading: false,
        yieldToEventLoop: () => Promise.resolve(),
      });

    try {
      const indexer = await open();
      await indexer.sync();
      await indexer.flush();
      const before = new Set<string>();
      for (const note of indexer.state.notes()) for (const chunk of note.chunks) before.add(embeddingText(chunk));
      const embeddedBefore = embedder.embedded.length;

      // The storm: 500 events 2 ms apart, before any debounce can fire.
      const counts = { rename: 0, delete: 0, edit: 0, create: 0, editsWhileIndexing: 0 };
      let phase = 'idle';
      indexer.onProgress((p) => (phase = p.phase));
      let serial = 0;
      const stormStart = clock.now();
      for (let i = 0; i < STORM_EVENTS; i++) {
        const existing = [...vault.files.keys()];
        const from = rng.pick(existing);
        const kind = rng.weighted([[60, 'rename'], [25, 'delete'], [10, 'edit'], [5, 'create']] as const);
        counts[kind]++;
        if (kind === 'rename') {
          // Into a new folder, or back onto a path a note left earlier in the storm.
          const freed = Object.keys(files).filter((p) => !vault.files.has(p));
          const to = freed.length > 0 && rng.chance(0.3) ? rng.pick(freed) : `moved/${rng.int(0, 9)}/${serial++} ${path.posix.basename(from)}`;
          indexer.notify(vault.rename(from, to));
        } else if (kind === 'delete') {
          indexer.notify(vault.delete(from));
        } else if (kind === 'edit') {
          indexer.notify(vault.write(from, editText(rng, vault.files.get(from)!.text)));
        } else {
          indexer.notify(vault.write(`new/${serial++}.md`, noteText(rng)));
        }
        clock.advance(2);
      }
      expect(clock.now() - stormStart).toBeLessThanOrEqual(1000);

      // The debounce fires and a pass starts; the user keeps editing while it runs.
      clock.advance(2500);
      await settle();
      for (let i = 0; i < 60; i++) {
        const target = rng.pick([...vault.files.keys()]);
        if (phase === 'indexing') counts.editsWhileIndexing++;
        indexer.notify(vault.write(target, editText(rng, vault.files.get(target)!.text)));
        if (rng.chance(0.2)) indexer.prioritize(target);
        if (rng.chance(0.3)) clock.advance(rng.int(100, 2500));
        await embedder.finishInFlight();
        await settle(rng.int(0, 30));
      }
      await quiesce(indexer, clock);

      const expectVaultExactly = async (ix: Indexer, label: string) => {
        await ix.lexicalReady;
        expect(vaultDifferences(ix.state, vault.files), label).toEqual([]);
        expect(integrityProblems(ix.state), label).toEqual([]);
        const expected = chunkTextsOfVault(vault);
        const actual = new Map([...ix.state.notes()].map((n) => [n.path, n.chunks.map((c) => c.text)]));
        expect(actual, label).toEqual(expected);
      };
      await expectVaultExactly(indexer, 'after the storm');
      const status = await indexer.status();
      expect(status).toMatchObject({ failed: [], skipped: [], pending: 0, state: 'idle', notesIndexed: vault.files.size });
      expect(logger.errors).toEqual([]);
      // Renames re-embed nothing: no chunk text from before the storm was embedded again.
      expect(embedder.embedded.slice(embeddedBefore).filter((text) => before.has(text))).toEqual([]);
      expect(counts.rename).toBeGreaterThan(250);
      expect(counts.delete).toBeGreaterThan(90);
      expect(counts.editsWhileIndexing).toBeGreaterThan(10);

      await indexer.close();
      const reopened = await open();
      expect(reopened.loadReport.outcome).toBe('stored');
      await expectVaultExactly(reopened, 'after reopening');
      expect(await reopened.sync()).toMatchObject({ indexed: 0, removed: 0, failed: 0 });
    } catch (error) {
      throw new Error(`storm failed; replay with STORM_SEED=${SEED}\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }, 120_000);
});
