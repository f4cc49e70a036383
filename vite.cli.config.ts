/**
 * Builds the command line into Node ESM: the executable `out/cli/mail-preflight.js` (the
 * Node version check, cli/mail-preflight.ts) and, in `out/cli/chunks/`, the code it imports
 * dynamically: cli/main.ts and one chunk per path that loads on demand (a command, the
 * settings store, nodemailer once connected, the delivery and DNS checks, the keystore
 * parsers), so a start loads only what its command uses. The keystore parser's worker thread
 * is `out/cli/keystore-parse-worker.mjs`, one file (scripts/bundled-worker-plugin.ts).
 *
 * The packages are bundled too: measured with `npm run bench`, tree-shaken chunks start
 * faster and take less memory than Node resolving and loading each package's many files (a
 * refused connection diagnosed: about 63 MiB peak bundled against 75 MiB with the packages
 * external). A package that cannot be bundled stays in NOT_BUNDLED: a native module (the
 * keychain's), or CommonJS that only parses in sloppy mode (qrcode-terminal's octal escapes).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { builtinsOnDemand } from './scripts/builtins-on-demand-plugin.ts';
import { bundledWorker } from './scripts/bundled-worker-plugin.ts';

const NOT_BUNDLED = ['@napi-rs/keyring', 'qrcode-terminal'];

/** The section's module id: not ending in .json, which Vite's JSON plugin would take as the whole catalogue. */
const HELP_SECTION = /^\0catalogue-help:(.+\.json)\.js$/;

/**
 * `locales/<lang>.json?help` is the `cli.help` section of that catalogue alone: every start
 * of the command line builds its help in the reader's language (cli/help.ts), and a whole
 * catalogue would cost `--help` several milliseconds of parsing (`npm run bench`).
 */
function catalogueHelpSection(): Plugin {
  return {
    name: 'catalogue-help-section',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!source.endsWith('.json?help') || !importer) return null;
      return `\0catalogue-help:${resolve(dirname(importer), source.slice(0, -'?help'.length))}.js`;
    },
    async load(id) {
      const file = HELP_SECTION.exec(id)?.[1];
      if (!file) return null;
      this.addWatchFile(file);
      const catalogue = JSON.parse(await readFile(file, 'utf8')) as { cli: { help: unknown } };
      return `export default ${JSON.stringify(catalogue.cli.help)};`;
    },
  };
}

export default defineConfig({
  plugins: [catalogueHelpSection(), bundledWorker(), builtinsOnDemand()],
  build: {
    ssr: 'cli/mail-preflight.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node22',
    rollupOptions: {
      output: {
        entryFileNames: 'mail-preflight.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
        // V8 keeps the text of every module it loads: text that is ASCII only is kept at one
        // byte a character (two otherwise), and comments, licences aside, are not kept at all.
        charset: 'ascii',
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
  ssr: { noExternal: true, external: NOT_BUNDLED },
});
