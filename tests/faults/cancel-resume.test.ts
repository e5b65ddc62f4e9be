/**
 * Cancel and resume on a real vault (../shared/vaults/obsidian-help-en), production parser
 * + chunker, real glove-en-100d, FileStorage: a sync cancelled between notes, then one
 * cancelled in the middle of an embedding call, each followed by closing and reopening (a
 * new process), end equal to one uninterrupted run; no chunk whose vector was stored
 * before a resume is sent to the model again, and the work thrown away by a cancel is at
 * most the embedding group in flight.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingText } from '../../src/core/chunking/chunk-note';
import { Indexer } from '../../src/core/index/indexer';
import type { IndexerOptions } from '../../src/core/index/indexer-options';
import { createNoteProcessor, noteProcessorVersion } from '../../src/core/index/note-processor';
import { FileStorage, FsNoteSource } from '../../src/node';
import { GloveEmbedder } from '../helpers/glove-embedder';
import { MemoryStorage } from '../helpers/memory-storage';
import { sharedPath } from '../helpers/shared';
import { indexContent, integrityProblems, lexicalDifferences, lexicalResults } from './support/index-content';
import { TrackingEmbedder } from './support/tracking-embedder';

const QUERIES = ['link to a heading', 'sync your notes across devices', 'canvas', 'plugin security', 'templates', 'callout'];
const GROUP = 16;

let glove: GloveEmbedder;
const dirs: string[] = [];
beforeAll(async () => {
  glove = await GloveEmbedder.create('glove-en-100d');
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('cancel and resume (obsidian-help-en)', () => {
  it('two cancelled runs and a resume equal one uninterrupted run, and re-embed nothing that was stored', async () => {
    const source = new FsNoteSource(sharedPath('vaults', 'obsidian-help-en'));
    const notes = (await source.list()).length;
    const options = (embedder: TrackingEmbedder): IndexerOptions => ({
      source,
      storage: new MemoryStorage(),
      processor: createNoteProcessor(),
      processorVersion: noteProcessorVersion(),
      embedder,
      embedGroupSize: GROUP,
      flushEveryNotes: 20,
      kernel: 'js',
      yieldWhileLoading: false,
    });

    // The reference: one uninterrupted run.
    const reference = new TrackingEmbedder(glove);
    const whole = await Indexer.open(options(reference));
    const wholeReport = await whole.sync();
    expect(wholeReport).toMatchObject({ indexed: notes, failed: 0, cancelled: false });
    await whole.lexicalReady;

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-cancel-'));
    dirs.push(dir);
    const embedders: TrackingEmbedder[] = [];
    const openRun = async () => {
      const embedder = new TrackingEmbedder(glove);
      embedders.push(embedder);
      const indexer = await Indexer.open({ ...options(embedder), storage: await FileStorage.open(dir) });
      // What is stored when this process starts: none of it may be embedded again.
      const stored = new Set<string>();
      for (const note of indexer.state.notes()) for (const chunk of note.chunks) if ((indexer.state.chunk(chunk.id)?.row ?? -1) >= 0) stored.add(embeddingText(chunk));
      return { indexer, embedder, stored };
    };

    // Run 1: cancelled between notes, a third of the way through.
    const run1 = await openRun();
    const controller1 = new AbortController();
    run1.indexer.onProgress((p) => {
      if (p.phase === 'indexing' && p.notesDone >= notes / 3) controller1.abort();
    });
    const report1 = await run1.indexer.sync({ signal: controller1.signal });
    expect(report1.cancelled).toBe(true);
    expect(report1.indexed).toBeGreaterThan(0);
    expect(report1.indexed).toBeLessThan(notes);
    await run1.indexer.close();

    // Run 2: cancelled while the model is computing (the 10th embedding call of this run).
    const run2 = await openRun();
    expect(run2.indexer.loadReport.outcome).toBe('stored');
    expect(run2.indexer.state.noteCount).toBe(report1.indexed);
    const controller2 = new AbortController();
    run2.embedder.onCall = (callsBefore) => {
      if (callsBefore === 10) queueMicrotask(() => controller2.abort());
    };
    const report2 = await run2.indexer.sync({ signal: controller2.signal });
    expect(report2.cancelled).toBe(true);
    expect(run2.embedder.requested.length).toBeGreaterThan(run2.embedder.embedded.length); // the aborted call's texts
    await run2.indexer.close();

    // Run 3: resumes and finishes.
    const run3 = await openRun();
    expect(run3.indexer.loadReport.outcome).toBe('stored');
    const report3 = await run3.indexer.sync();
    expect(report3).toMatchObject({ cancelled: false, failed: 0 });
    expect(report1.indexed + report2.indexed + report3.indexed).toBe(notes);
    await run3.indexer.lexicalReady;

    // Equal to the uninterrupted run: notes, chunks, exact vectors, keyword results.
    expect(indexContent(run3.indexer.state)).toEqual(indexContent(whole.state));
    expect(lexicalDifferences(lexicalResults(run3.indexer.state, QUERIES), lexicalResults(whole.state, QUERIES))).toEqual([]);
    expect(integrityProblems(run3.indexer.state)).toEqual([]);

    // Nothing stored before a resume went to the model again...
    for (const [run, label] of [[run2, 'run 2'], [run3, 'run 3']] as const) {
      expect(run.embedder.requested.filter((text) => run.stored.has(text)), label).toEqual([]);
    }
    // ...and the waste of each cancel is at most the group that was being embedded.
    const embedded = embedders.reduce((sum, e) => sum + e.embedded.length, 0);
    expect(embedded).toBeGreaterThanOrEqual(reference.embedded.length);
    expect(embedded - reference.embedded.length).toBeLessThanOrEqual(2 * GROUP);
    process.stdout.write(
      `cancel/resume on ${notes} notes, ${whole.state.chunkCount} chunks: uninterrupted ${reference.embedded.length} texts embedded; ` +
        `cancelled runs ${embedders.map((e) => `${e.embedded.length}/${e.requested.length}`).join(' + ')} (embedded/sent)\n`,
    );
    await run3.indexer.close();
  }, 120_000);
});
