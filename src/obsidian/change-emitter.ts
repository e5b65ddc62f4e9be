/**
 * Delivers engine snapshots to listeners: at once when something views act on changed (index
 * revision, model state, start or end of a run), at most every `throttleMs` for progress
 * ticks, so a 6,000-note run does not call every listener 6,000 times.
 */
import type { Timers } from '../core/index/timers';
import type { Logger } from '../core/ports';

export class ChangeEmitter<S> {
  private readonly listeners = new Set<(snapshot: S) => void>();
  private last: S | null = null;
  private timer: unknown = null;

  constructor(
    private readonly current: () => S,
    private readonly significant: (next: S, previous: S) => boolean,
    private readonly timers: Timers,
    private readonly logger: Logger,
    private readonly throttleMs = 150,
  ) {}

  subscribe(listener: (snapshot: S) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    const next = this.current();
    if (this.last === null || this.significant(next, this.last)) {
      this.deliver(next);
    } else if (this.timer === null) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        this.deliver(this.current());
      }, this.throttleMs);
    }
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private deliver(snapshot: S): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    this.last = snapshot;
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        this.logger.error('a listener of the engine failed', error);
      }
    }
  }
}
