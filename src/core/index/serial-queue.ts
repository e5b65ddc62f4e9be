/**
 * Runs async tasks one at a time, in order (obsidian-git's PromiseQueue): every change to
 * the index and its storage goes through one, so a load, a flush and an indexing run can
 * never interleave. A failing task rejects its own promise and does not stop the queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  get busy(): boolean {
    return this.pending > 0;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }
}
