/**
 * Builds the command line into Node ESM: the executable `out/cli/mail-preflight.js` (the
 * Node version check, cli/mail-preflight.ts) and, in `out/cli/chunks/`, the code it imports
 * dynamically: cli/main.ts and one chunk per path that loads on demand (a command, the
 * settings store, nodemailer once connected, the delivery and DNS checks, the keystore
 * parsers), so a start loads only what its command uses.
 *
 * The packages are bundled too: measured with `npm run bench`, tree-shaken chunks start
 * faster and take less memory than Node resolving and loading each package's many files (a
 * refused connection diagnosed: about 63 MiB peak bundled against 75 MiB with the packages
 * external). A package that cannot be bundled stays in NOT_BUNDLED: a native module (the
 * keychain's), or CommonJS that only parses in sloppy mode (qrcode-terminal's octal escapes).
 */
import { defineConfig } from 'vite';

const NOT_BUNDLED = ['@napi-rs/keyring', 'qrcode-terminal'];

export default defineConfig({
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
      },
    },
  },
  ssr: { noExternal: true, external: NOT_BUNDLED },
});
