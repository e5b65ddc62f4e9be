/**
 * FileOps doing real file I/O synchronously behind already-resolved promises. FileStorage
 * then writes real files, but its steps interleave with the test only at microtask
 * boundaries, so a seeded soak replays identically. `kill()` is a crash: from then on every
 * operation fails, wherever the commit was.
 */
import fs from 'node:fs';
import type { FileOps } from '../../../src/node/file-ops';

export interface KillableFileOps extends FileOps {
  kill(): void;
  /** Kills the process at its n-th mutating operation from now (that operation fails). */
  killAt(n: number): void;
  readonly killed: boolean;
  /** Mutating operations done so far (writes, renames, unlinks, dir syncs). */
  readonly steps: number;
}

export function syncFileOps(): KillableFileOps {
  let killed = false;
  let steps = 0;
  let killAtStep = Infinity;
  const run = <T>(mutating: boolean, work: () => T): Promise<T> => {
    if (mutating && steps + 1 >= killAtStep) killed = true;
    if (killed) return Promise.reject(new Error('the process was killed'));
    if (mutating) steps++;
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    get steps() {
      return steps;
    },
    get killed() {
      return killed;
    },
    kill: () => {
      killed = true;
    },
    killAt: (n) => {
      killAtStep = steps + n;
    },
    readFile: (file) => run(false, () => new Uint8Array(fs.readFileSync(file))),
    writeFile: (file, data) =>
      run(true, () => {
        // No fsync: the crashes simulated here are kills (kill()), not power cuts, and
        // thousands of fsyncs would dominate the soak's run time.
        fs.writeFileSync(file, data);
      }),
    rename: (from, to) => run(true, () => fs.renameSync(from, to)),
    unlink: (file) => run(true, () => fs.unlinkSync(file)),
    readdir: (dir) => run(false, () => fs.readdirSync(dir)),
    mkdir: (dir) => run(false, () => void fs.mkdirSync(dir, { recursive: true })),
    size: (file) => run(false, () => fs.statSync(file).size),
    syncDir: () => run(true, () => undefined),
  };
}
