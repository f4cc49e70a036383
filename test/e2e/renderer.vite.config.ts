/**
 * Builds only the renderer into out/renderer, the same output electron-vite's renderer
 * part produces, so the browser tests do not depend on the main/preload build.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
  },
});
