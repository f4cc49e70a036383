import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    // ESM (package.json "type": "module"); npm packages stay external and ship in node_modules.
    build: { rolldownOptions: { input: { index: resolve('electron/main.ts') } } },
  },
  preload: {
    build: {
      // The window is sandboxed: a sandboxed preload cannot be an ES module and can require
      // nothing but `electron`, so it is one self-contained CommonJS file (zod included).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: { rolldownOptions: { input: { index: resolve('renderer/index.html') } } },
    plugins: [react()],
  },
});
