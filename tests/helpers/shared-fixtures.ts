/** Locates ../shared (beside the repository) and fails loudly when a fixture is missing. */
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const sharedRoot = path.resolve(repoRoot, '../shared');

export function sharedPath(...parts: string[]): string {
  const full = path.join(sharedRoot, ...parts);
  if (!fs.existsSync(full)) throw new Error(`Test fixture missing: ${full} (expected the shared test data beside the repository)`);
  return full;
}
