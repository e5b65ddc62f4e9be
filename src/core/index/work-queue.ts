/**
 * Pending index work, one entry per path: the latest event for a path replaces earlier
 * ones (create-then-delete is a delete, delete-then-create an upsert), which is what makes a
 * storm of renames end in exactly the vault's notes. Entries become due after a debounce;
 * a prioritised path jumps the line, and so do the paths of the standing priority list
 * (what the user looks at), in its order, whenever they are queued.
 */
import type { NoteStat } from '../ports';

export interface WorkItem {
  path: string;
  kind: 'upsert' | 'delete';
  /** Stat reported with the event or the listing; absent when unknown. */
  stat?: NoteStat;
  /** Re-process even when the stored entry looks current (processor changed). */
  force?: boolean;
  dueAt: number;
}

export class WorkQueue {
  private readonly items = new Map<string, WorkItem>();
  private readonly urgent = new Set<string>();
  private preferred: readonly string[] = [];

  get size(): number {
    return this.items.size;
  }

  has(path: string): boolean {
    return this.items.has(path);
  }

  get(path: string): WorkItem | undefined {
    return this.items.get(path);
  }

  /** Adds or replaces the entry for `item.path`. A replaced entry moves to the back (its debounce restarts). */
  set(item: WorkItem): void {
    const previous = this.items.get(item.path);
    this.items.delete(item.path);
    this.items.set(item.path, { ...item, force: Boolean(item.force || previous?.force) });
  }

  /** Puts an item back after an interrupted run, unless a newer entry for its path arrived meanwhile. */
  restore(item: WorkItem): void {
    if (!this.items.has(item.path)) this.items.set(item.path, item);
  }

  /** Makes a pending path the next one processed, without waiting for its debounce. */
  prioritize(path: string, now: number): boolean {
    const item = this.items.get(path);
    if (!item) return false;
    item.dueAt = Math.min(item.dueAt, now);
    this.urgent.add(path);
    return true;
  }

  /**
   * Paths taken before all others (after `prioritize`d ones) whenever they are queued and due,
   * in this order; replaces the previous list. Unlike `prioritize`, it does not skip the debounce
   * and it lasts: a later event for one of these paths is handled first again.
   */
  setPreferred(paths: readonly string[]): void {
    this.preferred = [...new Set(paths)];
  }

  /** Removes and returns the next due item: prioritised paths first, then preferred ones, then oldest first. */
  takeNext(now: number): WorkItem | undefined {
    return this.takeNextRanked(now)?.item;
  }

  /** Like `takeNext`, saying whether the item jumped the line (prioritised or preferred). */
  takeNextRanked(now: number): { item: WorkItem; preferred: boolean } | undefined {
    for (const path of this.urgent) {
      this.urgent.delete(path);
      const item = this.items.get(path);
      if (item && item.dueAt <= now) return { item: this.take(item), preferred: true };
    }
    if (this.items.size > 0) {
      for (const path of this.preferred) {
        const item = this.items.get(path);
        if (item && item.dueAt <= now) return { item: this.take(item), preferred: true };
      }
    }
    for (const item of this.items.values()) {
      if (item.dueAt <= now) return { item: this.take(item), preferred: false };
    }
    return undefined;
  }

  /** Earliest due time among pending items. */
  nextDueAt(): number | undefined {
    let earliest: number | undefined;
    for (const item of this.items.values()) {
      if (earliest === undefined || item.dueAt < earliest) earliest = item.dueAt;
    }
    return earliest;
  }

  private take(item: WorkItem): WorkItem {
    this.items.delete(item.path);
    this.urgent.delete(item.path);
    return item;
  }
}
