// Locates the shared fixture models; a missing fixture fails the test run rather than skipping it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MODELS_DIR = path.resolve(repoRoot, '../shared/models');

export function fixtureModelDir(name: string): string {
  const dir = path.join(MODELS_DIR, name);
  if (!fs.existsSync(path.join(dir, 'config.json'))) {
    throw new Error(`Fixture model ${name} is missing at ${dir} (see ../shared/models/README.md).`);
  }
  return dir;
}

export function cos(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

export function norm(a: Float32Array): number {
  let s = 0;
  for (const x of a) s += x * x;
  return Math.sqrt(s);
}
