/**
 * Real services over a fresh temp data folder: the conf store the CLI uses, the real OS
 * keychain (tests run under scripts/with-keyring.sh) under a service name of their own,
 * the real log. `files()` lists everything written under the data folder, for the checks
 * that no secret reached a file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../electron/services/services';
import { confStoreFactory } from '../../electron/services/settings/conf-store';
import { KeyringBackend } from '../../electron/services/secrets/keyring-backend';
import type { ProfileFields } from '../../electron/services/settings/profile-schema';

export interface TempServices {
  dataDir: string;
  keychainService: string;
  services: Services;
  /** Builds the services again over the same folder, as a restart of the app would. */
  restart(): Services;
  /** Every file under the data folder with its content. */
  files(): Array<{ path: string; content: string }>;
  dispose(): void;
}

export function tempServices(options: { timeoutMs?: number } = {}): TempServices {
  const dataDir = mkdtempSync(join(tmpdir(), 'mail-preflight-data-'));
  const keychainService = `Mail Preflight test ${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const build = () =>
    createServices({
      dataDir,
      version: 'test',
      storeFactory: confStoreFactory(dataDir),
      secretBackend: new KeyringBackend(keychainService),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  const temp: TempServices = {
    dataDir,
    keychainService,
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
