/**
 * Playwright config for the Electron smoke test (the built app driven through `_electron`).
 * Run after `npm run build`: `npx playwright test -c test/electron/playwright.config.ts`.
 * Separate from the browser UI tests: one Electron app at a time, no browser projects.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: '../../test-results/electron',
});
