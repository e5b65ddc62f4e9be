// `npm run bench`: bundles scripts/bench/main.ts (TypeScript, imports src/) with esbuild into
// .cache/bench/dist/, then runs it. Row 6 imports the related-notes code only when it exists,
// through the virtual module `bench:related`, so the bench builds before that feature lands.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = path.join(root, '.cache', 'bench', 'dist', 'bench.mjs');

const relatedSources = {
  relatedNotes: path.join(root, 'src', 'core', 'retrieval', 'related.ts'),
  benchRelatedRefresh: path.join(root, 'tests', 'bench', 'related-refresh.ts'),
};

function relatedModule(names) {
  return {
    name: 'bench-related',
    setup(build) {
      build.onResolve({ filter: /^bench:related$/ }, () => ({ path: 'bench:related', namespace: 'bench-virtual' }));
      build.onLoad({ filter: /.*/, namespace: 'bench-virtual' }, () => {
        const lines = Object.entries(relatedSources).map(([name, file]) =>
          names.includes(name) ? `export { ${name} } from ${JSON.stringify(file)};` : `export const ${name} = undefined;`,
        );
        return { contents: lines.join('\n'), loader: 'ts', resolveDir: root };
      });
    },
  };
}

const build = (names) =>
  esbuild.build({
    entryPoints: [path.join(root, 'scripts', 'bench', 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outfile,
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [relatedModule(names)],
  });

const present = Object.keys(relatedSources).filter((name) => existsSync(relatedSources[name]));
try {
  await build(present);
} catch (error) {
  if (present.length === 0) throw error;
  // The related-notes files belong to another feature; if they do not bundle, row 6 says so instead of the whole bench failing.
  console.error(`bench: the related-notes sources did not bundle (${error.message.split('\n')[0]}); row 6 will be skipped.`);
  await build([]);
}

const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
