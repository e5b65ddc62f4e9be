/** Drives fake time until an indexer has no queued, debounced or running work. */
import type { Indexer } from '../../../src/core/index/indexer';
import type { FakeTimers } from '../../helpers/fake-timers';

export async function quiesce(indexer: Indexer, timers: FakeTimers, maxRounds = 200): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    timers.advance(10_000);
    // flush() runs through the indexer's serial queue, so it waits for a drain the timers started.
    await indexer.flush();
    const status = await indexer.status();
    if (status.state === 'idle' && status.pending === 0) return;
  }
  const status = await indexer.status();
  throw new Error(`the indexer is still busy after ${maxRounds} rounds: ${status.pending} pending, state ${status.state}`);
}
