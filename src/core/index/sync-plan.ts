/**
 * The startup diff: what differs between a vault listing and the index. A note is queued
 * when it is new, when its mtime or size changed (its content hash decides later whether it
 * really changed), or when it must be re-processed (other processor version, vectors
 * missing); it is removed when it vanished, and removed and listed as excluded when it
 * became excluded.
 */
import type { NoteStat } from '../ports';
import type { ExclusionFilter } from './exclusions';
import type { IndexState } from './index-state';
import type { FailedNote, NoteRecord, SkippedNote } from './types';

export interface SyncPlanInput {
  listing: readonly NoteStat[];
  state: IndexState;
  skipped: ReadonlyMap<string, SkippedNote>;
  failed: ReadonlyMap<string, FailedNote>;
  excluded: ExclusionFilter;
  needsReprocessing: (note: NoteRecord) => boolean;
}

export interface SyncPlan {
  upserts: NoteStat[];
  deletes: string[];
  /** Listed notes that match an exclusion rule, for the status view. */
  excluded: SkippedNote[];
}

export function planSync(input: SyncPlanInput): SyncPlan {
  const { state, skipped, failed } = input;
  const plan: SyncPlan = { upserts: [], deletes: [], excluded: [] };
  const listed = new Set<string>();
  for (const stat of input.listing) {
    listed.add(stat.path);
    if (input.excluded(stat.path)) {
      plan.excluded.push({ path: stat.path, reason: 'excluded', detail: 'matches an exclusion rule', mtime: stat.mtime, size: stat.size });
      // Queued as an upsert, which the indexer turns into "remove and list as excluded"; a
      // delete would also drop it from the excluded list, as for a file deleted from the vault
      // (found by tests/faults/soak.test.ts: notes excluded by a new rule were not listed).
      if (state.note(stat.path) || skipped.has(stat.path) || failed.has(stat.path)) plan.upserts.push(stat);
      continue;
    }
    const skip = skipped.get(stat.path);
    if (skip && skip.mtime === stat.mtime && skip.size === stat.size) continue;
    const note = state.note(stat.path);
    if (note && note.mtime === stat.mtime && note.size === stat.size && !input.needsReprocessing(note)) continue;
    plan.upserts.push(stat);
  }
  for (const note of state.notes()) if (!listed.has(note.path)) plan.deletes.push(note.path);
  for (const path of [...skipped.keys(), ...failed.keys()]) if (!listed.has(path)) plan.deletes.push(path);
  return plan;
}
