// `npm run eval [-- --verbose --ablations --model NAME --models-dir DIR]`: builds scripts/eval.ts (TypeScript, imports the
// core and the test helpers) into node_modules/.cache, where its bare imports resolve to this
// repository's packages, then runs it. Exits non-zero when a score is below its threshold.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'node_modules', '.cache', 'ask-my-notes');
const outfile = path.join(outDir, 'eval.mjs');
mkdirSync(outDir, { recursive: true });

await esbuild.build({
  entryPoints: [path.join(root, 'scripts', 'eval.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});

const { values } = parseArgs({
  options: { verbose: { type: 'boolean' }, ablations: { type: 'boolean' }, model: { type: 'string' }, 'models-dir': { type: 'string' } },
});
// eslint-disable-next-line no-unsanitized/method -- the URL is this script's own build output, not input
const { runEval } = await import(pathToFileURL(outfile).href);
try {
  process.exitCode = await runEval({
    root,
    verbose: values.verbose === true,
    ablations: values.ablations === true,
    model: values.model,
    modelsDir: values['models-dir'],
  });
} catch (error) {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
