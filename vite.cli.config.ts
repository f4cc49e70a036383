/** Builds the command line (cli/main.ts) into one Node ESM file; packages stay external. */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'cli/main.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node22',
    rollupOptions: { output: { entryFileNames: 'mail-preflight.js', banner: '#!/usr/bin/env node' } },
  },
});
