/**
 * Builds the command line into Node ESM: the executable `out/cli/mail-preflight.js` (the
 * Node version check, cli/mail-preflight.ts) and, in `out/cli/chunks/`, the code it imports
 * dynamically: cli/main.ts and one chunk per command path, so that a start loads only what
 * its command uses. Packages stay external (node_modules is not bundled).
 */
import { defineConfig } from 'vite';

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
});
