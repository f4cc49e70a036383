/**
 * vitest globalSetup: starts ONE mail rig (Postfix + Dovecot, see rig.ts) for
 * the whole test run, hands its plain data to the test files
 * (`getRig()` from ./inject.ts) and stops it when the run ends.
 *
 * The rig's CA goes into NODE_EXTRA_CA_CERTS before the test workers start, so the
 * services trust the rig the way a workstation trusts its company's CA: through the
 * machine's trust store, not a switch in the code.
 *
 *   // vitest config
 *   test: { globalSetup: ['test/rig/global-setup.ts'] }
 */
import type { TestProject } from 'vitest/node';
import type {} from './inject.ts'; // the ProvidedContext['rig'] augmentation
import { startRig, toRigInfo } from './rig.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const rig = await startRig();
  project.provide('rig', toRigInfo(rig));
  process.env['NODE_EXTRA_CA_CERTS'] = rig.caFile;
  return async () => {
    await rig.stop();
  };
}
