/**
 * Two projects: `unit` needs nothing but Node (and the keychain, under
 * scripts/with-keyring.sh); `rig` starts one real Postfix + Dovecot for the run.
 *   npx vitest run --project unit
 */
import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'rig',
          include: ['test/{rig,integration,cli}/**/*.test.ts', 'test/faults/**/*.test.ts'],
          globalSetup: ['test/rig/global-setup.ts'],
        },
      },
    ],
  },
});
