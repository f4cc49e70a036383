/**
 * Test-file side of the shared rig: `getRig()` returns the rig that
 * test/rig/global-setup.ts started for this test run (one per run).
 *
 *   import { getRig } from '../rig/inject.ts';
 *   const rig = getRig();
 *   // rig.ports.submission, rig.user, rig.caPem, ...
 *   await rig.waitForMessage(rig.user.address, (raw) => raw.includes(marker));
 *
 * Only plain data crosses from the global setup to the test workers
 * (vitest `provide`/`inject` is structured-clone), so the functions are
 * rebuilt here. There is no stop(): the global setup owns the rig's lifetime.
 */
import { inject } from 'vitest';
import { rigMaildir, waitForRigMessage } from './rig.ts';
import type { Rig, RigInfo } from './rig.ts';

declare module 'vitest' {
  interface ProvidedContext {
    rig: RigInfo;
  }
}

export type { RigInfo, RigPorts, RigUser, WaitOptions } from './rig.ts';

/** A rig as seen from a test file: everything but stop(). */
export type SharedRig = Omit<Rig, 'stop'>;

export function getRig(): SharedRig {
  const info = inject('rig') as RigInfo | undefined;
  if (!info) {
    throw new Error(
      "No mail rig was provided: add 'test/rig/global-setup.ts' to the vitest config's test.globalSetup.",
    );
  }
  return {
    ...info,
    maildir: (user: string) => rigMaildir(info, user),
    waitForMessage: (user, predicate, timeoutMs, options) =>
      waitForRigMessage(info, user, predicate, timeoutMs, options),
  };
}
