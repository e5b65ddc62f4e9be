import { existsSync } from 'node:fs';
import path from 'node:path';

/** Repository root (tests/helpers/ is two levels down). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** `../shared` beside the repository: real vaults, Obsidian's recorded metadata and fixture models. */
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');

/**
 * Path to a fixture under ../shared. Throws when it is missing: CI must fail, not skip,
 * when the data a test is about is absent.
 */
export function sharedPath(...parts: string[]): string {
  const full = path.join(sharedRoot, ...parts);
  if (!existsSync(full)) throw new Error(`Missing test fixture ${full}. The repository expects ../shared beside it (see README).`);
  return full;
}
