/**
 * Runs once before the browser tests, in Playwright's runner process:
 * - builds the renderer into out/renderer when it is missing or older than its sources
 *   (E2E_BUILD=1 forces a build, E2E_BUILD=0 never builds): the renderer section of
 *   electron.vite.config.ts with electron-vite's own renderer presets, so the browser tests
 *   load what `electron-vite build` ships, without building main and preload;
 * - starts the mail rig (real Postfix + Dovecot) and hands it to the workers through an
 *   environment variable; its CA goes into NODE_EXTRA_CA_CERTS, which the workers (started
 *   after this) read at start-up, so the services trust the rig's certificate the way a
 *   workstation trusts its company CA. Without the rig the tests that need it are skipped,
 *   except under MAIL_PREFLIGHT_TEST=1 (scripts/test.sh), where a missing rig is an error.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RendererConfigFactory } from 'electron-vite';
import { build } from 'vite';
import config from '../../electron.vite.config';
import { RIG_ENV, RIG_ERROR_ENV } from './rig-info';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'out/renderer/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function rendererIsStale(): boolean {
  if (!existsSync(OUT)) return true;
  const built = statSync(OUT).mtimeMs;
  const sources = Math.max(
    newestMtime(join(ROOT, 'renderer')),
    newestMtime(join(ROOT, 'locales')),
    statSync(join(ROOT, 'electron/ipc/contract.ts')).mtimeMs,
    statSync(join(ROOT, 'electron/services/settings/profile-schema.ts')).mtimeMs,
    // The presets (data, zod) and autodetect's types are bundled into the renderer too.
    newestMtime(join(ROOT, 'electron/services/presets')),
    statSync(join(ROOT, 'electron/services/autodetect/types.ts')).mtimeMs,
    statSync(join(ROOT, 'electron.vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

async function buildRenderer(): Promise<void> {
  const renderer = config.renderer ?? {};
  const resolved = await new RendererConfigFactory(
    { ...renderer, root: resolve(ROOT, renderer.root ?? 'renderer') },
    { configFile: false, mode: 'production', logLevel: 'warn' },
    { root: ROOT },
  ).build();
  await build({ ...resolved, configFile: false });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const force = process.env['E2E_BUILD'];
  if (force === '1' || (force !== '0' && rendererIsStale())) {
    await buildRenderer();
  }

  let stop = async () => undefined as void;
  try {
    const { startRig, toRigInfo } = await import('../rig/rig');
    const rig = await startRig();
    stop = () => rig.stop();
    process.env[RIG_ENV] = JSON.stringify(toRigInfo(rig));
    process.env['NODE_EXTRA_CA_CERTS'] = rig.caFile;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (process.env['MAIL_PREFLIGHT_TEST'] === '1') {
      throw new Error(`e2e: the mail rig did not start: ${message}`, { cause: error });
    }
    process.env[RIG_ERROR_ENV] = message.split('\n')[0] ?? 'unknown error';
  }
  return async () => {
    await stop();
  };
}
