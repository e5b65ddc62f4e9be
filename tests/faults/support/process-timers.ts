/** One simulated process's view of a shared fake clock: its timers die with it. */
import type { Timers } from '../../../src/core/index/timers';
import type { FakeTimers } from '../../helpers/fake-timers';

export class ProcessTimers implements Timers {
  private killed = false;

  constructor(private readonly clock: FakeTimers) {}

  setTimeout(callback: () => void, ms: number): unknown {
    return this.clock.setTimeout(() => {
      if (!this.killed) callback();
    }, ms);
  }

  clearTimeout(handle: unknown): void {
    this.clock.clearTimeout(handle);
  }

  kill(): void {
    this.killed = true;
  }
}
