/**
 * Small, deterministic reproductions of the bugs the soak test (soak.test.ts) found, so each
 * stays fixed even when a random run would not happen to hit it.
 */
import { describe, expect, it } from 'vitest';
import { drainEvents, harness, settle, snapshot } from '../helpers/indexer-harness';
import { lexicalResults } from './support/index-content';

const QUERIES = ['planet orbit', 'river', 'planet'];

async function rebuiltLexical(files: Map<string, { text: string }>): Promise<Record<string, Record<string, number>>> {
  const fresh = harness(Object.fromEntries([...files].map(([p, f]) => [p, f.text])));
  const indexer = await fresh.open();
  await indexer.sync();
  await indexer.lexicalReady;
  return lexicalResults(indexer.state, QUERIES);
}

describe('regressions found by the soak', () => {
  it('keyword scores right after an edit equal a fresh index (replaced chunks leave no postings behind)', async () => {
    // A term repeated in a chunk (tf 3) that is then replaced: MiniSearch's lazy clean-up of
    // a discarded chunk removed one occurrence per search and counted the chunk in the term's
    // document frequency until then, so the first searches after the edit scored differently.
    // Only chunks scored before the discarded one were affected, so it is indexed last.
    const h = harness({
      'b.md': 'The planet river.',
      'c.md': 'A river and a planet.',
      'z.md': 'Planet planet planet orbit.',
    });
    const indexer = await h.open();
    await indexer.sync();
    await indexer.lexicalReady;
    h.source.write('z.md', 'Nothing about that any more.');
    await indexer.sync();
    expect(lexicalResults(indexer.state, QUERIES)).toEqual(await rebuiltLexical(h.source.files));
  });

  it('keyword scores equal a fresh index after a stale snapshot is reconciled at load', async () => {
    const h = harness({ 'b.md': 'River planet.', 'c.md': 'A river and a planet.', 'z.md': 'Planet planet planet orbit.' });
    const indexer = await h.open({ lexicalSnapshotMinChanges: 1000, lexicalSnapshotEveryMs: 3_600_000 });
    await indexer.sync();
    h.source.write('z.md', 'River river.');
    await indexer.sync();
    // Crash without close: the next process loads the old snapshot and reconciles it.
    const reopened = await h.open();
    await reopened.lexicalReady;
    expect(lexicalResults(reopened.state, QUERIES)).toEqual(await rebuiltLexical(h.source.files));
  });

  it('a sync queued behind running work lists the vault when it runs, not when it was called', async () => {
    const h = harness({ 'keep.md': 'Keep.' });
    // One note per embedding group, so the running pass goes on to whatever fell due meanwhile.
    const indexer = await h.open({ embedGroupSize: 1 });
    await indexer.sync();

    // A background pass holds the serial queue (its embedding waits)...
    let release!: () => void;
    h.embedder.gate = () => new Promise<void>((resolve) => (release = resolve));
    indexer.notify(h.source.write('busy.md', 'Busy.'));
    h.timers.advance(1000);
    await settle();
    // ...when a sync is requested; then a note is created, and falls due while the pass runs.
    const queued = indexer.sync();
    await settle();
    indexer.notify(h.source.write('new.md', 'New.'));
    h.timers.advance(1000);
    h.embedder.gate = null;
    release();
    await queued;
    await drainEvents(indexer, h.timers);

    // The running pass indexed new.md; a listing taken when sync() was called (before
    // new.md existed) made the sync delete it again.
    expect(Object.keys(snapshot(indexer)).sort()).toEqual(['busy.md', 'keep.md', 'new.md']);
    expect((await indexer.status()).failed).toEqual([]);
  });

  it('an event during the listing wins over it', async () => {
    const h = harness({ 'a.md': 'Alfa.' });
    const indexer = await h.open();
    await indexer.sync();
    const list = h.source.list.bind(h.source);
    let listed!: () => void;
    const listing = new Promise<void>((resolve) => (listed = resolve));
    h.source.list = async () => {
      const result = await list();
      await listing; // the listing is slow; an edit and a delete arrive meanwhile
      return result;
    };
    h.source.write('a.md', 'Alfa mudou.'); // changed before the listing: the listing shows it
    const running = indexer.sync();
    await settle();
    indexer.notify(h.source.delete('a.md'));
    listed();
    await running;
    await drainEvents(indexer, h.timers);
    expect(snapshot(indexer)).toEqual({});
    expect((await indexer.status()).failed).toEqual([]);
  });

  it('notes excluded by a new rule are removed and listed as excluded', async () => {
    const h = harness({ 'Daily/a.md': 'Alfa.', 'Daily/b.md': 'Beta.', 'keep.md': 'Keep.' });
    const indexer = await h.open();
    await indexer.sync();
    await indexer.setExclusions({ patterns: ['Daily/'] });
    const status = await indexer.status();
    expect(Object.keys(snapshot(indexer))).toEqual(['keep.md']);
    // The removal used to go through the path a deleted file takes, which also unlisted it.
    expect(status.skipped.map((s) => [s.path, s.reason]).sort()).toEqual([['Daily/a.md', 'excluded'], ['Daily/b.md', 'excluded']]);
    // A listed excluded note that is then deleted from the vault leaves the list.
    indexer.notify(h.source.delete('Daily/a.md'));
    await drainEvents(indexer, h.timers);
    expect((await indexer.status()).skipped.map((s) => s.path)).toEqual(['Daily/b.md']);
  });

  it('closing while the model is being switched cancels the switch instead of rejecting it', async () => {
    const h = harness({ 'a.md': 'Alfa.' });
    const indexer = await h.open();
    await indexer.sync();
    const switching = indexer.setEmbedder(null);
    await indexer.close();
    await expect(switching).resolves.toMatchObject({ cancelled: true });
  });
});
