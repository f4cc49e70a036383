import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { bundledWorker } from './scripts/bundled-worker-plugin.ts';

/** Paths against this file's folder, so the config works from any working directory (the e2e setup). */
const here = (path: string) => resolve(import.meta.dirname, path);

/**
 * Sections the window never looks up: the command line's (`cli`, `consentCli`) and what main
 * says in full before the window sees it (the DNS findings, the delivery check's verdicts and
 * its IMAP and authentication words, the test message, the start-up failure dialog).
 */
const NOT_IN_WINDOW = [
  'cli',
  'consentCli',
  'dnsFinding',
  'deliveryVerdict',
  'imapFailure',
  'authExplanation',
  'testMessage',
  'startup',
];

/**
 * The window's catalogues without NOT_IN_WINDOW: its first screen carries the English
 * catalogue (npm run bench: the first screen's script). Main and the CLI read the whole files.
 */
function windowCatalogues(): Plugin {
  return {
    name: 'window-catalogues',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]locales[\\/][a-z]+\.json$/.test(id)) return null;
      const catalogue = JSON.parse(code) as Record<string, unknown>;
      for (const section of NOT_IN_WINDOW) delete catalogue[section];
      return { code: JSON.stringify(catalogue), map: null };
    },
  };
}

export default defineConfig({
  main: {
    // ESM (package.json "type": "module"); npm packages stay external and ship in node_modules.
    build: { rolldownOptions: { input: { index: here('electron/main.ts') } } },
    // Worker threads (`?bundledWorker`) are one self-contained file each, out/main/<name>.mjs.
    plugins: [bundledWorker()],
  },
  preload: {
    build: {
      // The window is sandboxed: a sandboxed preload cannot be an ES module and can require
      // nothing but `electron`, so it is one self-contained CommonJS file (zod included).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    build: {
      // Minified, and split: screens and dialogs loaded on demand (React.lazy) are chunks of
      // their own, so the first screen loads about a third of the script (npm run bench).
      minify: true,
      // The first screen's script (React, Fluent UI, the English catalogue) has a budget of
      // 1 MB, measured in `npm run bench` (window: first-screen script); no single chunk may
      // exceed it. It is read from the app's own files, not a network, so vite's 500 kB web
      // warning would be noise.
      chunkSizeWarningLimit: 1000,
      rolldownOptions: { input: { index: here('renderer/index.html') } },
    },
    plugins: [windowCatalogues(), react()],
  },
});
