// Lint holds the walls between the layers (docs/architecture.md):
// - src/core is a pure function of (inputs, rng): no Node built-ins, no I/O,
//   no clock, no Math.random, no process, and no shell module;
// - io, app, store, server, shell, charts and report never import the CLI;
//   app never imports the server; io imports nothing above it;
// - a CLI command module never imports another command module (shared
//   flags live in src/cli/options, renderers in src/cli/render);
// - the web client imports the core, the charts and the API contract only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded Stream from src/core/rng.' },
      ],
    },
  },
  {
    // Shell scripts run on Node.
    files: ['bench/**/*.js', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'child_process',
                'worker_threads',
                'http',
                'https',
                'net',
                'url',
                'crypto',
              ],
              message: 'The core is pure: no Node built-ins or I/O.',
            },
            {
              group: [
                '**/cli/**',
                '**/store/**',
                '**/server/**',
                '**/shell/**',
                '**/app/**',
                '**/io/**',
                '**/report/**',
                '**/charts/**',
              ],
              message: 'The core must not depend on the shell.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded Stream from src/core/rng.' },
        { object: 'Date', property: 'now', message: 'The core has no clock.' },
        { object: 'performance', property: 'now', message: 'The core has no clock.' },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'fetch', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/cli/**',
                '**/app/**',
                '**/server/**',
                '**/store/**',
                '**/shell/**',
                '**/report/**',
                '**/charts/**',
              ],
              message: 'io is the bottom layer: paths, version, documents, errors.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**'], message: 'The app layer never imports the CLI.' },
            { group: ['**/server/**'], message: 'The app layer never imports the server.' },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/store/**/*.ts',
      'src/server/**/*.ts',
      'src/shell/**/*.ts',
      'src/queue/**/*.ts',
      'src/charts/**/*.ts',
      'src/report/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**'], message: 'Only the CLI imports the CLI: move shared code to src/app or src/io.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/commands/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./*', '../commands/**'],
              message:
                'A command module never imports another: common flags go in src/cli/options, renderers in src/cli/render.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src/cli/**',
                '**/src/server/**',
                '**/src/store/**',
                '**/src/shell/**',
                '**/src/report/**',
                '**/src/io/documents*',
                '**/src/io/paths*',
                '**/src/io/version*',
              ],
              message: 'The web client imports the core, the charts and the API contract (src/app/contract.ts) only.',
            },
            {
              group: ['**/src/app/*', '!**/src/app/contract.js'],
              message: 'The web client imports the API contract (src/app/contract.ts), not the use cases.',
            },
          ],
        },
      ],
    },
  },
);
