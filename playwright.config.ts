/**
 * Browser end-to-end tests: the built renderer in Debian's Chromium, talking to the real
 * services through a stand-in for the Electron preload (test/e2e/harness.ts).
 * Run under scripts/with-keyring.sh so the real Secret Service keeps the passwords.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './test/e2e/chromium';

const browserHome = join(tmpdir(), 'mail-preflight-e2e-chromium-home');
mkdirSync(browserHome, { recursive: true });

export default defineConfig({
  testDir: 'test/e2e',
  testIgnore: ['dev/**'],
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    viewport: { width: 1280, height: 820 },
    colorScheme: 'light',
    launchOptions: {
      ...CHROMIUM,
      // The browser gets a throw-away HOME; the services (in the test process) keep theirs.
      env: { ...process.env, HOME: browserHome },
    },
  },
});
