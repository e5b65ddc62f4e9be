/** Runs one bench task in a fresh Node process (isolated memory and JIT state) and returns its JSON result. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** This bundle's own file: children run the same code with --child. */
const self = fileURLToPath(import.meta.url);

export async function runInChild<T>(task: string, flags: string[], options: { quietStderr?: boolean } = {}): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amn-bench-child-'));
  const out = path.join(dir, 'result.json');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [self, '--child', task, '--out', out, ...flags], {
        stdio: ['ignore', 'inherit', options.quietStderr ? 'ignore' : 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', (status) => resolve(status));
    });
    if (code !== 0) throw new Error(`The bench task "${task}" exited with code ${code}.`);
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
