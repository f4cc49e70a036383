// ESLint flat config. Besides the usual recommended rules it enforces the architecture of
// DESIGN.md with `no-restricted-imports`:
//   - only the thin Electron adapter (main.ts, preload.ts, ipc/register.ts) and the Electron
//     tests import `electron` or `electron-store`; the services, the handler table, the CLI
//     and every other test run in plain Node;
//   - the renderer imports no Node built-in, no Node-only package and no main-process code,
//     except the IPC contract and the pure schema/report/preset modules it shares with main;
//   - the services own their types and errors and never import the IPC layer (electron/ipc/),
//     which imports them and maps their errors at the edge;
// and `import-x/no-cycle` keeps the main-process code free of import circles.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

/** The only files allowed to import `electron` (and electron-store). */
const ELECTRON_ADAPTER = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/ipc/register.ts',
  'test/electron/**',
];

const ELECTRON_ONLY = [
  {
    name: 'electron',
    message:
      'Only electron/main.ts, electron/preload.ts and electron/ipc/register.ts import Electron; services, handlers, CLI and tests run in plain Node.',
  },
  {
    name: 'electron-store',
    message:
      'electron-store is created in electron/main.ts only; services receive a StoreFactory (conf under the CLI and tests).',
  },
];
const ELECTRON_SUBPATHS = {
  regex: '^electron/',
  message: 'Only the Electron adapter (main.ts, preload.ts, ipc/register.ts) imports Electron.',
};

/** Packages that only make sense in Node: the renderer holds no secret and touches no network. */
const NODE_ONLY_PACKAGES = [
  'conf',
  'commander',
  'nodemailer',
  'smtp-server',
  'imapflow',
  '@napi-rs/keyring',
].map((name) => ({
  name,
  message: 'The renderer touches no network and holds no secret: call the main process through the bridge.',
}));

const NODE_BUILTINS = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => ({ name, message: 'The renderer runs without Node: no Node built-ins.' }));

export default defineConfig(
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: SOURCE_FILES,
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // No import circles in the main process, the CLI and the renderer. (The rule skips
  // `import type`; test/unit/import-graph.test.ts finds circles of types too.)
  {
    files: ['electron/**/*.ts', 'cli/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },

  // Plain scripts the browser tests inject into the page (the Node side of those tests is TypeScript).
  {
    files: ['test/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Everything but the Electron adapter: no Electron.
  {
    files: SOURCE_FILES,
    ignores: ELECTRON_ADAPTER,
    rules: {
      'no-restricted-imports': ['error', { paths: ELECTRON_ONLY, patterns: [ELECTRON_SUBPATHS] }],
    },
  },

  // The command line's start: the executable checks the Node version and imports nothing
  // statically; cli/main.ts declares the commands and reaches each command's module (and the
  // services and libraries under it) through `await import(...)` in its action, so a start
  // loads only what its command uses. Type imports are free.
  {
    files: ['cli/mail-preflight.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '.',
              message:
                'The executable checks the Node version before anything loads: import with await import().',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['cli/main.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!commander$|\\.\\./package\\.json$|\\./exit$|\\./help$|\\./refusal$)',
              allowTypeImports: true,
              message:
                "cli/main.ts loads at every start: reach a command's code with `await import()` in its action (see the note at its top).",
            },
          ],
        },
      ],
    },
  },

  // The services: below the IPC layer. (Repeats the Electron ban, as the block above's
  // options are replaced for these files.)
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_ONLY,
          patterns: [
            ELECTRON_SUBPATHS,
            {
              regex: '^\\.{1,2}/(?:\\.\\./)*ipc/',
              message:
                'Services own their types and errors; the IPC layer imports them, never the other way round.',
            },
          ],
        },
      ],
    },
  },

  // The renderer: a browser page. (This block's options replace the one above for these files,
  // so it repeats the Electron ban.)
  {
    files: ['renderer/**/*.{ts,tsx,js,jsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...ELECTRON_ONLY, ...NODE_ONLY_PACKAGES, ...NODE_BUILTINS],
          patterns: [
            ELECTRON_SUBPATHS,
            { regex: '^node:', message: 'The renderer runs without Node: no Node built-ins.' },
            {
              // Relative imports into electron/: only the contract and the pure, shared
              // modules (the profile and its schema, the languages and their catalogue
              // loading, the run report's types and TLS verification sentences, the provider
              // presets (data only), autodetect's report types, and the delivery check's and
              // DNS check's types).
              regex:
                '^\\.{1,2}/(?:.*/)?electron/(?!(?:ipc/contract|services/settings/profile(?:-schema)?|services/i18n/(?:languages|catalogues)|services/smtp/report|services/smtp/tls-authorization|services/presets(?:/index)?|services/autodetect/types|services/delivery/types|services/dns-check/types)(?:\\.ts)?$)',
              message:
                'The renderer may import electron/ipc/contract, the profile and its schema, the languages and their catalogue loading, the report types and their TLS verification sentences, electron/services/presets (its index), the autodetect, delivery and DNS-check types only; everything else is reached through the bridge.',
            },
          ],
        },
      ],
    },
  },
);
