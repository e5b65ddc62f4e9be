// `npm run bench`: bundles scripts/bench/main.ts (TypeScript, imports src/) with esbuild into
// .cache/bench/dist/, then runs it in a fresh Node process with the given arguments.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = path.join(root, '.cache', 'bench', 'dist', 'bench.mjs');

await esbuild.build({
  entryPoints: [path.join(root, 'scripts', 'bench', 'main.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outfile,
  sourcemap: 'linked',
  logLevel: 'silent',
});

const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
