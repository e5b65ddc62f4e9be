/**
 * Small, deterministic reproductions of the bugs the soak test (soak.test.ts) found, so each
 * stays fixed even when a random run would not happen to hit it.
 */
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/indexer-harness';
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
});
