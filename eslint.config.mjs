// Lint with Obsidian's own review rules (eslint-plugin-obsidianmd, which bundles the
// type-checked typescript-eslint set) when that package installs; otherwise with plain
// typescript-eslint. Node-only code (CLI, tests, scripts) is exempt from the rules that
// exist because plugin code must run on mobile.
import tseslint from 'typescript-eslint';
import js from '@eslint/js';
import globals from 'globals';

let obsidianmd = null;
try {
  obsidianmd = (await import('eslint-plugin-obsidianmd')).default;
} catch {
  obsidianmd = null;
}

const ignores = {
  ignores: [
    'node_modules/**', 'main.js', 'dist/**', 'coverage/**', '.cache/**', 'examples/**',
    'tests/e2e/artifacts/**', 'tests/e2e/host/vendor/**', '**/*.d.ts',
  ],
};

const typeAware = {
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['eslint.config.mjs', 'esbuild.config.mjs', 'scripts/*.mjs', 'tests/e2e/*.mjs'] },
      tsconfigRootDir: import.meta.dirname,
    },
  },
};

const nodeOnly = {
  files: ['src/cli/**', 'src/node/**', 'tests/**', 'scripts/**', '*.mjs', '*.ts'],
  languageOptions: { globals: { ...globals.node } },
  rules: {
    'import/no-nodejs-modules': 'off',
    'no-console': 'off',
    'obsidianmd/no-nodejs-modules': 'off',
    'obsidianmd/prefer-window-timers': 'off',
    '@typescript-eslint/no-unsafe-assignment': 'off',
    '@typescript-eslint/no-unsafe-member-access': 'off',
    '@typescript-eslint/no-unsafe-call': 'off',
    '@typescript-eslint/no-unsafe-argument': 'off',
    '@typescript-eslint/no-unsafe-return': 'off',
    '@typescript-eslint/no-explicit-any': 'off',
    '@typescript-eslint/no-non-null-assertion': 'off',
    '@typescript-eslint/unbound-method': 'off',
    'obsidianmd/no-global-this': 'off',
    '@microsoft/sdl/no-inner-html': 'off',
  },
};

const shared = {
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
  },
};

const config = obsidianmd
  ? [ignores, ...obsidianmd.configs.recommended, typeAware, shared, nodeOnly]
  : [ignores, js.configs.recommended, ...tseslint.configs.recommended, shared, nodeOnly];

export default config;
