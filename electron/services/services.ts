/**
 * Builds every service from a few injected parts: where the data lives, how the JSON store
 * is made (electron-store in the app, conf under the CLI and tests, same file), and which
 * keychain backend holds the secrets. The Electron adapter, the CLI and the tests all go
 * through here.
 */
import { join } from 'node:path';
import type { AppInfo } from '../ipc/contract';
import type { StoreFactory } from './settings/store';
import type { SecretBackend } from './secrets/secret-store';
import { SettingsStore, SETTINGS_FILE } from './settings/settings-store';
import { SecretStore } from './secrets/secret-store';
import { KeyringBackend } from './secrets/keyring-backend';
import { TestLog } from './log/test-log';
import { ProfileService } from './profiles';
import { RunService } from './runs';
import type { DnsResolver } from './dns-check/types';

export interface ServicesOptions {
  /** The app's data folder (Electron's userData; the CLI computes the same path). */
  dataDir: string;
  version: string;
  storeFactory: StoreFactory;
  /** Defaults to the OS keychain through @napi-rs/keyring. */
  secretBackend?: SecretBackend;
  /** SMTP timeout per step; 10 s unless configured. */
  timeoutMs?: number;
  /** DNS for the From-domain check; the system's resolver unless injected (tests). */
  resolver?: DnsResolver;
}

export interface Services {
  profiles: ProfileService;
  runs: RunService;
  log: TestLog;
  secrets: SecretStore;
  appInfo(): Promise<AppInfo>;
}

export function createServices(options: ServicesOptions): Services {
  const settings = SettingsStore.open(options.storeFactory, join(options.dataDir, SETTINGS_FILE));
  const secrets = new SecretStore(options.secretBackend ?? new KeyringBackend());
  const log = new TestLog(options.dataDir);
  const profiles = new ProfileService(settings, secrets, log);
  const runs = new RunService(profiles, secrets, log, {
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.resolver ? { resolver: options.resolver } : {}),
  });
  return {
    profiles,
    runs,
    log,
    secrets,
    async appInfo() {
      return {
        version: options.version,
        dataDir: options.dataDir,
        keychain: await secrets.availability(),
        notices: settings.notices,
      };
    },
  };
}
