/**
 * Padding overhead of batch plans, computed from real token counts without running the model:
 * how the Indexer batches today (src/core/index/embed-batch.ts: groups of ≥ 64 texts from
 * consecutive notes, sorted by the chunker's token estimate, `embed()` called with
 * INDEXER_DEFAULTS.embedBatchSize texts at a time, which the planner re-sorts by real counts)
 * against handing each whole group to `embed()` in one call.
 * The first is checked against the overhead measured on the Indexer path.
 */
import { embeddingText } from '../../src/core/chunking';
import type { Chunk } from '../../src/core/chunking/types';
import { DEFAULT_BATCH_PLAN, planBatches } from '../../src/core/embedding/batching';
import { INDEXER_DEFAULTS } from '../../src/core/index/indexer-options';
import { FlopLedger } from './flops';
import type { PerfTwinConfig } from './fixtures/perf-twin';

/** Chunks of consecutive notes until at least `groupSize` texts, as the Indexer's drain collects them. */
function noteGroups(chunks: readonly Chunk[], groupSize: number): Chunk[][] {
  const groups: Chunk[][] = [];
  let group: Chunk[] = [];
  for (let i = 0; i < chunks.length; i++) {
    group.push(chunks[i]!);
    const noteEnds = i + 1 === chunks.length || chunks[i + 1]!.path !== chunks[i]!.path;
    if (noteEnds && group.length >= groupSize) {
      groups.push(group);
      group = [];
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function unique(group: Chunk[]): Chunk[] {
  const seen = new Map<string, Chunk>();
  for (const c of group) if (!seen.has(c.hash)) seen.set(c.hash, c);
  return [...seen.values()];
}

export interface PaddingPlans {
  indexerToday: number;
  wholeGroups: number;
  allAtOnce: number;
}

export function paddingPlans(chunks: readonly Chunk[], tokensOf: (text: string) => number, config: PerfTwinConfig): PaddingPlans {
  const plan = (texts: string[], ledger: FlopLedger): void => {
    const lengths = texts.map(tokensOf);
    for (const batch of planBatches(lengths, DEFAULT_BATCH_PLAN)) ledger.addBatch(batch.map((i) => lengths[i]!));
  };
  const today = new FlopLedger(config);
  const whole = new FlopLedger(config);
  for (const group of noteGroups(chunks, INDEXER_DEFAULTS.embedGroupSize)) {
    const ordered = unique(group).sort((a, b) => a.tokens - b.tokens || a.text.length - b.text.length);
    for (let i = 0; i < ordered.length; i += INDEXER_DEFAULTS.embedBatchSize) plan(ordered.slice(i, i + INDEXER_DEFAULTS.embedBatchSize).map(embeddingText), today);
    plan(ordered.map(embeddingText), whole);
  }
  const all = new FlopLedger(config);
  plan(unique([...chunks]).map(embeddingText), all);
  return { indexerToday: today.overhead, wholeGroups: whole.overhead, allAtOnce: all.overhead };
}
