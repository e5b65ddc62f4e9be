/**
 * Scale smoke in Node: the obsidian-hub vault (~6,500 real community notes) indexed once
 * through openVaultIndex (FsNoteSource, FileStorage in a temp dir, production parser and
 * chunker, glove-en-100d): it completes with no failure, every note is indexed (or, for
 * a deliberately skipped one, listed with its reason), every chunk has a vector, the
 * structure holds no ghost, and a reopened index is the same and has nothing to redo.
 * A correctness test, not a benchmark (tests/bench measures speed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openVaultIndex } from '../../src/node';
import { FsNoteSource } from '../../src/node/fs-note-source';
import { GloveEmbedder } from '../helpers/glove-embedder';
import { sharedPath } from '../helpers/shared';
import { CollectingLogger } from '../helpers/collecting-logger';
import { indexContent, integrityProblems } from './support/index-content';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('scale: the obsidian-hub vault', () => {
  it('indexes every note with glove-en-100d, with no failure, and reopens identically', async () => {
    const vault = sharedPath('vaults', 'obsidian-hub');
    const listing = await new FsNoteSource(vault).list();
    expect(listing.length).toBeGreaterThan(6000);
    const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amn-hub-'));
    dirs.push(indexDir);
    const embedder = await GloveEmbedder.create('glove-en-100d');
    const logger = new CollectingLogger();

    const started = performance.now();
    const first = await openVaultIndex({ vault, indexDir, embedder, logger });
    const report = await first.indexer.sync();
    const seconds = (performance.now() - started) / 1000;
    await first.indexer.lexicalReady;
    const status = await first.indexer.status();

    expect(report).toMatchObject({ failed: 0, cancelled: false, removed: 0 });
    expect(status.failed).toEqual([]);
    expect(logger.errors).toEqual([]);
    // Every listed note is indexed, unless skipped for a stated reason.
    const skipped = new Map(status.skipped.map((s) => [s.path, s]));
    for (const s of skipped.values()) expect(s.detail.length, s.path).toBeGreaterThan(0);
    const missing = listing.filter((stat) => !first.indexer.state.note(stat.path) && !skipped.has(stat.path)).map((stat) => stat.path);
    expect(missing).toEqual([]);
    expect(first.indexer.state.noteCount + skipped.size).toBe(listing.length);
    expect(integrityProblems(first.indexer.state)).toEqual([]);
    expect(status.vectorsStored).toBe(status.chunksIndexed);
    const hits = await first.searcher.searchNotes('obsidian plugin for spaced repetition flashcards', { limit: 5 });
    expect(hits.length).toBe(5);
    const content = indexContent(first.indexer.state);
    await first.indexer.close();

    const second = await openVaultIndex({ vault, indexDir, embedder, logger });
    expect(second.indexer.loadReport).toMatchObject({ outcome: 'stored', notes: first.indexer.state.noteCount });
    expect(indexContent(second.indexer.state)).toEqual(content);
    expect(await second.indexer.sync()).toMatchObject({ indexed: 0, removed: 0, failed: 0 });
    await second.indexer.close();

    process.stdout.write(
      `hub: ${listing.length} notes (${skipped.size} skipped: ${[...skipped.values()].map((s) => `${s.path} ${s.reason}`).join(', ') || 'none'}), ` +
        `${status.chunksIndexed} chunks, indexed in ${seconds.toFixed(1)} s with glove-en-100d, ${(status.sizeBytes / 1e6).toFixed(1)} MB stored\n`,
    );
  }, 600_000);
});
