/**
 * Real services over a fresh temp data folder: the conf store the CLI uses, the real OS
 * keychain (tests run under scripts/with-keyring.sh, a keyring of their own) under the
 * app's own service name, so the CLI's --profile finds the same passwords, and the real log. `files()` lists everything written under the data folder, for the checks
 * that no secret reached a file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../electron/services/services';
import { confStoreFactory } from '../../electron/services/settings/conf-store';
import { emptyProfileFields, type ProfileFields } from '../../electron/services/settings/profile';

export interface TempServices {
  dataDir: string;
  services: Services;
  /** Builds the services again over the same folder, as a restart of the app would. */
  restart(): Services;
  /** Every file under the data folder with its content. */
  files(): Array<{ path: string; content: string }>;
  dispose(): void;
}

export function tempServices(options: { timeoutMs?: number } = {}): TempServices {
  const dataDir = mkdtempSync(join(tmpdir(), 'mail-preflight-data-'));
  const build = () =>
    createServices({
      dataDir,
      version: 'test',
      storeFactory: confStoreFactory(dataDir),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  const temp: TempServices = {
    dataDir,
    services: build(),
    restart: () => (temp.services = build()),
    files: () => walk(dataDir).map((path) => ({ path, content: readFileSync(path, 'latin1') })),
    dispose: () => rmSync(dataDir, { recursive: true, force: true }),
  };
  return temp;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** A complete, valid profile form; override what a test is about. */
export function profileFields(overrides: Partial<ProfileFields> = {}): ProfileFields {
  return {
    ...emptyProfileFields(),
    name: 'Rig submission',
    host: 'localhost',
    port: 587,
    security: 'starttls',
    anonymous: false,
    username: '',
    from: 'alice@rig.test',
    replyTo: '',
    clientKeyId: null,
    trustedCertificateIds: [],
    lastRecipient: '',
    ...overrides,
  };
}
