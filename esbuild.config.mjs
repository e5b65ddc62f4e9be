// Builds the Obsidian plugin bundle (main.js) and the headless CLI (dist/cli.js).
// `node esbuild.config.mjs production` builds once; without the argument it watches.
import esbuild from 'esbuild';
import { builtinModules } from 'node:module';
import { inlineEmbeddingWorkerPlugin } from './scripts/esbuild-embedding-worker.mjs';

const production = process.argv[2] === 'production';
/** `node esbuild.config.mjs production cli` builds only the CLI (what `npm start` needs). */
const cliOnly = process.argv[3] === 'cli';

/** Obsidian provides these at runtime; bundling them would ship a second copy or break the editor. */
const obsidianExternals = [
  'obsidian',
  'electron',
  '@codemirror/autocomplete',
  '@codemirror/collab',
  '@codemirror/commands',
  '@codemirror/language',
  '@codemirror/lint',
  '@codemirror/search',
  '@codemirror/state',
  '@codemirror/view',
  '@lezer/common',
  '@lezer/highlight',
  '@lezer/lr',
];

/** The plugin must also run on mobile, so no Node built-in may end up in main.js. */
const forbidNodeBuiltins = {
  name: 'forbid-node-builtins',
  setup(build) {
    const names = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    build.onResolve({ filter: /.*/ }, (args) => {
      if (names.has(args.path)) {
        return { errors: [{ text: `Node built-in "${args.path}" imported from ${args.importer}; the plugin bundle must stay mobile-safe.` }] };
      }
      return undefined;
    });
  },
};

const pluginOptions = {
  entryPoints: ['src/main.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2022',
  external: obsidianExternals,
  outfile: 'main.js',
  logLevel: 'info',
  sourcemap: production ? false : 'inline',
  minify: production,
  treeShaking: true,
  // The embedding worker is built first and inlined as a string (see scripts/esbuild-embedding-worker.mjs).
  plugins: [forbidNodeBuiltins, inlineEmbeddingWorkerPlugin({ production, extraPlugins: [forbidNodeBuiltins] })],
};

const cliOptions = {
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outfile: 'dist/cli.js',
  logLevel: cliOnly ? 'warning' : 'info',
  sourcemap: 'linked',
  banner: { js: '#!/usr/bin/env node' },
};

if (production) {
  await Promise.all(cliOnly ? [esbuild.build(cliOptions)] : [esbuild.build(pluginOptions), esbuild.build(cliOptions)]);
} else {
  const contexts = await Promise.all([esbuild.context(pluginOptions), esbuild.context(cliOptions)]);
  await Promise.all(contexts.map((c) => c.watch()));
}
