/**
 * Three projects: `unit` needs nothing but Node (and the keychain, under
 * scripts/with-keyring.sh); `rig` starts one real Postfix + Dovecot for the run; `launch`
 * clones the repository and runs `npm start` and electron-builder in the clone (git, zip).
 *   npx vitest run --project unit
 */
import { defineConfig } from 'vitest/config';
import { bundledWorker } from './scripts/bundled-worker-plugin.ts';

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  /** The translators speak every language, as in the main process (the CLI loads only the reader's). */
  setupFiles: ['test/support/load-languages.ts'],
};
/** The services' worker threads (`?bundledWorker`), bundled as the builds bundle them. */
const plugins = [bundledWorker()];

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { plugins, test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        plugins,
        test: {
          ...shared,
          name: 'rig',
          include: ['test/{rig,integration,cli}/**/*.test.ts', 'test/faults/**/*.test.ts'],
          globalSetup: ['test/rig/global-setup.ts'],
        },
      },
      {
        plugins,
        test: {
          ...shared,
          name: 'launch',
          include: ['test/launch/**/*.test.ts'],
          testTimeout: 180_000,
        },
      },
    ],
  },
});
