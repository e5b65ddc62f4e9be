/** Where the benchmark finds its inputs (../shared beside the repository) and keeps its caches. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundle runs from `.cache/bench/dist/`, the sources from `scripts/bench/`: walk up to the
 * folder holding package.json rather than counting levels.
 */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'core'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the repository root above ${fileURLToPath(import.meta.url)}.`);
    dir = parent;
  }
}

export const repoRoot = findRepoRoot();
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');
/** Git-ignored (`.cache/` in .gitignore): perf twin, vault copy, built indexes, last results. */
export const cacheRoot = path.join(repoRoot, '.cache', 'bench');

/** A fixture under ../shared; a missing one is an error, never a silently skipped row. */
export function sharedPath(...parts: string[]): string {
  const full = path.join(sharedRoot, ...parts);
  if (!existsSync(full)) throw new Error(`Missing fixture ${full}: the benchmark expects ../shared beside the repository (see ../shared/README.md).`);
  return full;
}

export function cachePath(...parts: string[]): string {
  return path.join(cacheRoot, ...parts);
}
