// One lint run for the whole repo. The layer rules mirror DESIGN.md: shared/ is pure
// TypeScript, renderer/ is browser-only, and only electron/main (and the preload) may
// touch Electron. The compiler enforces the same through one tsconfig per layer.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];
const nodeOnlyPackages = [
  'better-sqlite3',
  'dockerode',
  'isomorphic-git',
  'isomorphic-git/*',
  '@duckdb/node-api',
  'commander',
];

// A pattern is a list of gitignore-style package names (`group`) or, for relative paths into
// another layer, a regular expression over the import string (`regex`).
const restrict = (...patterns) => ['error', { patterns }];

const nodeLayer = [
  { regex: '(^|/)renderer/', message: 'the node layer must not import the renderer.' },
  { group: ['react', 'react-dom', '@xyflow/*'], message: 'the node layer must not import the UI.' },
  {
    regex: '^electron(/|$)',
    message: 'only electron/main and the preload may import electron; services stay plain Node.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'e2e/results/**',
      '.scratch/**',
      'sample-workspace/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node modules.' },
        { regex: '^electron(/|$)', message: 'shared/ must not depend on Electron.' },
        { group: nodeOnlyPackages, message: 'shared/ must not depend on Node-only packages.' },
        {
          group: ['react', 'react-dom', '@xyflow/*', 'zustand', 'zustand/*'],
          message: 'shared/ must not depend on the UI.',
        },
        {
          regex: '(^|/)(electron|renderer)/',
          message: 'shared/ is the bottom layer: it imports neither electron/ nor renderer/.',
        },
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': restrict(
        { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node modules; go through the contract.' },
        { regex: '^electron(/|$)', message: 'renderer/ talks to the node layer only through shared/ipc.' },
        { group: nodeOnlyPackages, message: 'renderer/ talks to the node layer only through shared/ipc.' },
        { regex: '(^|/)electron/', message: 'renderer/ must not import the node layer: use the shared/ipc contract.' },
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': restrict(...nodeLayer) },
  },
  {
    // The engine knows where steps run only through the runner room's interfaces; Docker's
    // runners reach it from the composition root (dockerEnvironmentRunners).
    files: ['electron/services/engine/**/*.ts'],
    ignores: ['electron/services/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(...nodeLayer, {
        regex: '(^|/)docker/',
        message:
          'the engine knows runners only through electron/services/runner; Docker is given to it by the composition root.',
      }),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { regex: '(^|/)renderer/', message: 'the node layer must not import the renderer.' },
        { group: ['react', 'react-dom', '@xyflow/*'], message: 'the node layer must not import the UI.' },
      ),
    },
  },
  {
    files: [
      'scripts/**/*.{js,mjs}',
      'resources/sample-workspace/**/*.mjs',
      'bench/**/*.ts',
      'e2e/**/*.ts',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
);
