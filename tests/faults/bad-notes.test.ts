/**
 * Bad files in a real vault folder, indexed through openVaultIndex (FsNoteSource +
 * FileStorage + the production parser and chunker + glove-en-100d): a PNG named `.md`, a
 * 20 MB note, 10,000 nested quote markers before a callout, invalid UTF-8, a note that is
 * only frontmatter, broken YAML, a file that vanishes between listing and reading, and a
 * file the indexer may not read. Each is either indexed sensibly or listed in
 * `status().skipped` / `status().failed` with a readable reason; the good notes are all
 * indexed; and once a file is fixed, the next sync indexes it and clears its entry.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexProgress } from '../../src/core/index/types';
import { openVaultIndex, type VaultIndex } from '../../src/node';
import { GloveEmbedder } from '../helpers/glove-embedder';
import { CollectingLogger } from '../helpers/collecting-logger';
import { integrityProblems } from './support/index-content';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GOOD = {
  'Good/River.md': '# River\n\nThe river runs past the old stone bridge into the ocean.\n',
  'Good/Cake.md': '---\ntags: [recipe]\n---\n# Cake\n\nChocolate cake recipe with coffee.\n',
  'Good/Nested/Orbit.md': 'Planet orbit and star theory.\n\n> [!note] Moons\n> Moons orbit planets.\n',
};
const FIXED = '# Fixed\n\nThis note was repaired and now talks about a mountain garden.\n';

let embedder: GloveEmbedder;
const dirs: string[] = [];
beforeAll(async () => {
  embedder = await GloveEmbedder.create('glove-en-100d');
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function write(vault: string, file: string, data: string | Uint8Array): void {
  const full = path.join(vault, ...file.split('/'));
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, data);
}

async function open(vault: string, indexDir: string, logger: CollectingLogger, onProgress?: (p: IndexProgress) => void): Promise<VaultIndex> {
  return openVaultIndex({ vault, indexDir, embedder, logger, ...(onProgress ? { onProgress } : {}) });
}

describe('bad notes in a vault folder', () => {
  it('are skipped or indexed with reasons, never stop the rest, and are indexed once fixed', async () => {
    const vault = tempDir('amn-badvault-');
    const indexDir = tempDir('amn-badindex-');
    for (const [file, text] of Object.entries(GOOD)) write(vault, file, text);
    write(vault, 'Bad/image.md', PNG);
    write(vault, 'Bad/huge.md', `# Huge\n\n${'All work and no play makes a dull note. '.repeat(20 * 1024 * 1024 / 40)}\n`);
    write(vault, 'Bad/nested.md', `${'> '.repeat(10_000)}[!note] Deep\n${'> '.repeat(10_000)}The bottom of a very deep quote about rivers.\n\nA paragraph after it.\n`);
    // Valid text with a few bytes that are not UTF-8 (a Latin-1 "café" and a stray 0xFF).
    write(vault, 'Bad/latin1.md', Buffer.concat([Buffer.from('# Menu\n\nThe caf'), Buffer.from([0xe9]), Buffer.from(' serves bread and coffee near the river. '), Buffer.from([0xff]), Buffer.from('\n')]));
    write(vault, 'Bad/only-frontmatter.md', '---\ntags: [empty]\naliases: [Nothing here]\n---\n');
    write(vault, 'Bad/broken-yaml.md', '---\ntags: [unclosed\n  : : bad\n---\n# Still a note\n\nThe body below broken YAML is indexed about bridges.\n');
    write(vault, 'Bad/vanishing.md', '# Soon gone\n\nThis file is deleted between the listing and the reading.\n');
    write(vault, 'Bad/locked.md', '# Locked\n\nNobody may read this file.\n');

    // Vanishes right when the indexer gets to it (after the listing).
    const vanishing = path.join(vault, 'Bad', 'vanishing.md');
    const onProgress = (p: IndexProgress) => {
      if (p.currentPath === 'Bad/vanishing.md' && fs.existsSync(vanishing)) fs.unlinkSync(vanishing);
    };
    // Unreadable: mode 000. Root reads any file regardless, so as root the sync runs with the
    // effective uid of `nobody` (files the test needs stay world-readable/writable).
    fs.chmodSync(path.join(vault, 'Bad', 'locked.md'), 0o000);
    const asRoot = process.geteuid?.() === 0;
    const syncUnprivileged = async <T>(work: () => Promise<T>): Promise<T> => {
      if (!asRoot) return work();
      for (const dir of [vault, indexDir]) fs.chmodSync(dir, 0o777);
      for (const dir of [path.join(indexDir, 'data')]) if (fs.existsSync(dir)) fs.chmodSync(dir, 0o777);
      process.seteuid!(65534);
      try {
        return await work();
      } finally {
        process.seteuid!(0);
      }
    };
    for (const entry of fs.readdirSync(vault, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      if (asRoot && entry.isDirectory()) fs.chmodSync(full, 0o777);
      else if (asRoot && entry.name !== 'locked.md') fs.chmodSync(full, 0o666);
    }

    const logger = new CollectingLogger();
    const first = await open(vault, indexDir, logger, onProgress);
    const report = await syncUnprivileged(() => first.indexer.sync());
    await first.indexer.lexicalReady;
    const status = await first.indexer.status();
    const state = first.indexer.state;

    // Every good note is indexed, with vectors.
    for (const file of Object.keys(GOOD)) expect(state.note(file), file).toBeDefined();
    expect(integrityProblems(state)).toEqual([]);
    expect(report.cancelled).toBe(false);

    const skipped = Object.fromEntries(status.skipped.map((s) => [s.path, s]));
    const failed = Object.fromEntries(status.failed.map((f) => [f.path, f]));
    expect(skipped['Bad/image.md']).toMatchObject({ reason: 'binary', detail: expect.stringMatching(/binary/) as unknown });
    expect(skipped['Bad/huge.md']).toMatchObject({ reason: 'too-large', detail: expect.stringMatching(/^21\.0 MB is over the 1\.0 MB limit$/) as unknown });
    expect(failed['Bad/vanishing.md']?.reason).toMatch(/could not read the file: ENOENT/);
    expect(failed['Bad/locked.md']?.reason).toMatch(/could not read the file: EACCES/);
    expect(Object.keys(skipped).sort()).toEqual(['Bad/huge.md', 'Bad/image.md']);
    expect(Object.keys(failed).sort()).toEqual(['Bad/locked.md', 'Bad/vanishing.md']);

    // Deep nesting is parsed (the parser caps container depth) and its text is searchable.
    const nested = state.note('Bad/nested.md');
    expect(nested?.chunks.map((c) => c.text).join('\n')).toMatch(/bottom of a very deep quote about rivers/);
    expect(nested?.chunks.map((c) => c.text).join('\n')).toMatch(/A paragraph after it/);
    expect(nested?.meta.warnings).toContainEqual({ code: 'too-deep', message: "Quotes are nested more than 64 deep; the deeper '>' markers were read as plain text.", line: 0 });
    // Invalid UTF-8 decodes with replacement characters; the rest of the text is indexed,
    // and the note carries a warning saying how many characters were lost.
    const latin1 = state.note('Bad/latin1.md');
    expect(latin1?.chunks.map((c) => c.text).join('\n')).toMatch(/serves bread and coffee near the river/);
    expect(latin1?.meta.warnings).toContainEqual({ code: 'encoding', message: '2 characters are not valid UTF-8 and could not be read (is the file saved in another encoding?)' });
    expect(state.lexical?.search('coffee river bread', 3).map((h) => h.chunkId.split('#')[0])).toContain('Bad/latin1.md');
    // A note that is only frontmatter is indexed (its aliases and tags count) with no chunks.
    expect(state.note('Bad/only-frontmatter.md')).toMatchObject({ chunks: [], meta: { aliases: ['Nothing here'], tags: ['#empty'] } });
    // Broken YAML: the body is indexed, and the note carries a warning that names the line.
    const broken = state.note('Bad/broken-yaml.md');
    expect(broken?.chunks.map((c) => c.text).join('\n')).toMatch(/body below broken YAML/);
    expect(broken?.meta.warnings.find((w) => w.code === 'yaml')).toMatchObject({ message: expect.any(String) as unknown });
    expect(logger.errors).toEqual([]);

    // Reopen (a new process) and fix every bad file: the next sync indexes them and clears the lists.
    await first.indexer.close();
    for (const file of ['Bad/image.md', 'Bad/huge.md', 'Bad/vanishing.md', 'Bad/locked.md']) {
      write(vault, file, FIXED);
      fs.chmodSync(path.join(vault, ...file.split('/')), 0o644);
    }
    const second = await open(vault, indexDir, new CollectingLogger());
    expect(second.indexer.loadReport.outcome).toBe('stored');
    // The lists survive a restart (they are stored in the manifest) until the fix is seen.
    expect((await second.indexer.status()).skipped.map((s) => s.path).sort()).toEqual(['Bad/huge.md', 'Bad/image.md']);
    await second.indexer.sync();
    const after = await second.indexer.status();
    expect(after.skipped).toEqual([]);
    expect(after.failed).toEqual([]);
    for (const file of ['Bad/image.md', 'Bad/huge.md', 'Bad/vanishing.md', 'Bad/locked.md']) {
      expect(second.indexer.state.note(file)?.chunks.map((c) => c.text), file).toEqual(['This note was repaired and now talks about a mountain garden.']);
    }
    expect(after.notesIndexed).toBe(Object.keys(GOOD).length + 8);
    const hits = await second.searcher.searchNotes('mountain garden repaired', { limit: 10 });
    expect(hits.map((h) => h.path).sort()).toEqual(expect.arrayContaining(['Bad/huge.md', 'Bad/image.md', 'Bad/locked.md', 'Bad/vanishing.md']));
    await second.indexer.close();
  }, 120_000);

  it('a vanished file stops being reported once the vault is synced again', async () => {
    const vault = tempDir('amn-vanish-');
    const indexDir = tempDir('amn-vanishidx-');
    write(vault, 'a.md', 'Alpha river.');
    write(vault, 'gone.md', 'Soon gone.');
    const gone = path.join(vault, 'gone.md');
    const index = await open(vault, indexDir, new CollectingLogger(), (p) => {
      if (p.currentPath === 'gone.md' && fs.existsSync(gone)) fs.unlinkSync(gone);
    });
    await index.indexer.sync();
    expect((await index.indexer.status()).failed.map((f) => f.path)).toEqual(['gone.md']);
    await index.indexer.sync();
    const status = await index.indexer.status();
    expect(status.failed).toEqual([]);
    expect(status.notesIndexed).toBe(1);
    await index.indexer.close();
  });
});
