/**
 * The unit tests on their own: the same settings as the root config, without its
 * globalSetup (the Postfix rig), which unit tests do not need.
 *   npx vitest run --config test/unit/vitest.config.ts
 *   scripts/with-keyring.sh npx vitest run --config test/unit/vitest.config.ts   (keychain too)
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
