/**
 * Builds every service from a few injected parts: where the data lives, how the JSON store
 * is made (electron-store in the app, conf under the CLI and tests, same file), and which
 * keychain backend holds the secrets. The Electron adapter, the CLI and the tests all go
 * through here.
 */
import { join } from 'node:path';
import type { StoreFactory } from './settings/store';
import type { SecretBackend } from './secrets/secret-store';
import { SettingsStore, SETTINGS_FILE } from './settings/settings-store';
import { SecretStore } from './secrets/secret-store';
import { KeyringBackend } from './secrets/keyring-backend';
import { TestLog } from './log/test-log';
import { ProfileService } from './profiles';
import { RunService } from './runs';
import { CertificateService } from './certificates';
import { ChosenFileRegistry } from './chosen-files';
import { KeystoreStore, TrustStore } from './tls-material';
import type { DnsResolver } from './dns-check/types';
import { OAuthService, type OpenBrowser } from './oauth/oauth-service';
import { ExportService } from './export';
import { ProfileTransfer } from './profile-transfer';

export interface AppInfo {
  version: string;
  dataDir: string;
  keychain: { available: boolean; message: string | null };
  /** Things the user must be told once, e.g. a corrupted settings file was moved aside. */
  notices: string[];
}

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
  /** Opens an address in the system browser (OAuth2 sign-in): shell.openExternal in the app. */
  openBrowser?: OpenBrowser;
}

export interface Services {
  profiles: ProfileService;
  certificates: CertificateService;
  files: ChosenFileRegistry;
  runs: RunService;
  oauth: OAuthService;
  log: TestLog;
  secrets: SecretStore;
  exports: ExportService;
  transfer: ProfileTransfer;
  appInfo(): Promise<AppInfo>;
}

export function createServices(options: ServicesOptions): Services {
  const settings = SettingsStore.open(options.storeFactory, join(options.dataDir, SETTINGS_FILE));
  const secrets = new SecretStore(options.secretBackend ?? new KeyringBackend());
  const log = new TestLog(options.dataDir);
  const profiles = new ProfileService(settings, secrets, log);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const files = new ChosenFileRegistry();
  const certificates = new CertificateService({
    keystores: new KeystoreStore(options.dataDir, secrets),
    trust: new TrustStore(options.dataDir),
    files,
    profiles,
    timeoutMs,
  });
  const oauth = new OAuthService(profiles, secrets, options.openBrowser);
  const runs = new RunService(profiles, secrets, log, certificates, oauth, {
    timeoutMs,
    ...(options.resolver ? { resolver: options.resolver } : {}),
  });
  return {
    profiles,
    certificates,
    files,
    runs,
    oauth,
    log,
    secrets,
    exports: new ExportService(profiles, secrets, certificates),
    transfer: new ProfileTransfer(profiles, certificates),
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
