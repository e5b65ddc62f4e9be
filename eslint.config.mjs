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
      projectService: { allowDefaultProject: ['eslint.config.mjs', 'esbuild.config.mjs', 'scripts/*.mjs', 'scripts/bench/*.mjs', 'tests/e2e/*.mjs'] },
      tsconfigRootDir: import.meta.dirname,
    },
  },
};

const nodeOnly = {
  files: ['src/cli/**/*.ts', 'src/node/**/*.ts', 'src/embedding/node/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', '*.ts'],
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
    // Outside Obsidian there is no Vault#configDir; the CLI skips the default config folder by name.
    'obsidianmd/hardcoded-config-path': 'off',
  },
};

// The unit-test stand-in for Obsidian builds DOM nodes the way Obsidian itself does.
const obsidianStub = {
  files: ['tests/stubs/**'],
  rules: { 'obsidianmd/prefer-create-el': 'off' },
};

// The e2e host (tests/e2e, except the probe plugin) implements Obsidian itself and its test
// server: it must inject plugin CSS, evaluate main.js, set inline styles as the app does, and
// use fetch/localStorage underneath requestUrl and SecretStorage. Plugin review rules do not apply.
const e2eHost = {
  files: ['tests/e2e/**'],
  ignores: ['tests/e2e/fixtures/probe-plugin/**'],
  rules: {
    'no-restricted-globals': 'off',
    '@typescript-eslint/no-implied-eval': 'off',
    'obsidianmd/rule-custom-message': 'off',
    'obsidianmd/no-forbidden-elements': 'off',
    'obsidianmd/no-static-styles-assignment': 'off',
    'obsidianmd/prefer-instanceof': 'off',
    'obsidianmd/prefer-create-el': 'off',
    'obsidianmd/hardcoded-config-path': 'off',
    'obsidianmd/no-tfile-tfolder-cast': 'off',
    'obsidianmd/prefer-file-manager-trash-file': 'off',
  },
};

// These files run in Web Workers and Node as well as the main thread: there is no `window`
// there, and `globalThis` is the only global object. Everything else goes through them.
const workerGlobals = {
  files: ['src/core/embedding/globals.ts', 'src/embedding/worker/entry.ts', 'src/embedding/worker/hide-node.ts'],
  rules: { 'obsidianmd/no-global-this': 'off', 'obsidianmd/prefer-window-timers': 'off' },
};

// Plain JavaScript build and tool scripts run in Node.
const nodeScripts = {
  files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
  languageOptions: { globals: { ...globals.node } },
  rules: { 'no-console': 'off', 'import/no-nodejs-modules': 'off', 'obsidianmd/no-nodejs-modules': 'off' },
};

const shared = {
  files: ['**/*.ts'],
  rules: {
    // TypeScript already checks names; this rule does not know ambient namespaces such as NodeJS.
    'no-undef': 'off',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
  },
};

// Names and literal values are not prose: proper nouns keep their casing, and URLs, model ids
// and folder patterns shown as placeholders are left alone.
const uiText = {
  files: ['src/**/*.ts'],
  rules: {
    'obsidianmd/ui/sentence-case': ['warn', {
      enforceCamelCaseLower: true,
      brands: ['Ask My Notes', 'Hugging Face', 'Ollama', 'LM Studio', 'Xenova'],
      acronyms: ['ONNX', 'URL', 'API', 'LLM'],
      ignoreRegex: ['^https?://', '^[a-z0-9]+(-[a-z0-9.]+)+$', '^[\\w.-]+/[\\w.*-]*$', '^e\\.g\\. ', '^Templates/'],
    }],
  },
};

const config = obsidianmd
  ? [ignores, ...obsidianmd.configs.recommended, typeAware, shared, uiText, nodeOnly, obsidianStub, workerGlobals, nodeScripts, e2eHost]
  : [ignores, js.configs.recommended, ...tseslint.configs.recommended, shared, nodeOnly, nodeScripts];

export default config;
