// `npm start [-- <command> ...]`: builds the CLI when it is missing or older than its
// sources, then runs it. With no arguments it runs the main job on the example vault.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

if (!existsSync(cli) || statSync(cli).mtimeMs < newestMtime(path.join(root, 'src'))) {
  const build = spawnSync(process.execPath, [path.join(root, 'esbuild.config.mjs'), 'production', 'cli'], { stdio: ['ignore', 'ignore', 'inherit'], cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = process.argv.slice(2);
const run = spawnSync(process.execPath, [cli, ...(args.length ? args : ['demo'])], { stdio: 'inherit', cwd: process.cwd() });
process.exit(run.status ?? 1);
