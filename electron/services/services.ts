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
import { DEFAULT_TIMEOUT_MS } from './runner';
import { CertificateService } from './certificates';
import { ChosenFileRegistry } from './chosen-files';
// The stores' own modules, not the tls-material index: its parsers load only when used.
import { KeystoreStore } from './tls-material/keystore-store';
import { TrustStore } from './tls-material/trust-store';
import type { DnsResolver } from './dns-check/types';
import { OAuthService, type OpenBrowser } from './oauth/oauth-service';
import { ExportService } from './export';
import { ProfileTransfer } from './profile-transfer';
import {
  createTranslator,
  DEFAULT_LANGUAGE,
  languageOfLocale,
  say,
  type Language,
  type Sentence,
} from './i18n';

export interface AppInfo {
  version: string;
  dataDir: string;
  keychain: { available: boolean; message: string | null };
  /** Things the user must be told once, e.g. a corrupted settings file was moved aside. */
  notices: string[];
  /** The language the app speaks: the one chosen in the app, else the OS's, else English. */
  language: Language;
  /** The language chosen in the app; null while it follows the OS. */
  languageChoice: Language | null;
  /** The OS's language, as far as the app speaks it (English otherwise). */
  systemLanguage: Language;
}

export interface ServicesOptions {
  /** The app's data folder (Electron's userData; the CLI computes the same path). */
  dataDir: string;
  version: string;
  storeFactory: StoreFactory;
  /** Defaults to the OS keychain through @napi-rs/keyring. */
  secretBackend?: SecretBackend;
  /** SMTP timeout per step; DEFAULT_TIMEOUT_MS (10 s) unless configured. */
  timeoutMs?: number;
  /** DNS for the From-domain check; the system's resolver unless injected (tests). */
  resolver?: DnsResolver;
  /** Opens an address in the system browser (OAuth2 sign-in): shell.openExternal in the app. */
  openBrowser?: OpenBrowser;
  /** The OS's locale (Electron's app.getLocale()), which the app follows until a language is chosen. */
  systemLocale?: string;
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
  /** What opening the settings had to say (an unreadable file kept aside); opens them. The CLI prints it on stderr. */
  settingsNotices(): readonly Sentence[];
  appInfo(): Promise<AppInfo>;
  /** The language sentences are put into at the IPC edge (see AppInfo.language). */
  language(): Language;
  /** Keeps the language chosen in the app (null: follow the OS again) in the settings. */
  setLanguage(choice: Language | null): Promise<AppInfo>;
}

export function createServices(options: ServicesOptions): Services {
  // Opened (read and checked) on first use, so a command that needs no profile never loads the store.
  let settings: SettingsStore | undefined;
  const openSettings = () =>
    (settings ??= SettingsStore.open(options.storeFactory, join(options.dataDir, SETTINGS_FILE)));
  const secrets = new SecretStore(options.secretBackend ?? new KeyringBackend());
  const log = new TestLog(options.dataDir);
  const profiles = new ProfileService(openSettings, secrets, log);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
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
  const systemLanguage = languageOfLocale(options.systemLocale) ?? DEFAULT_LANGUAGE;
  const language = () => openSettings().language ?? systemLanguage;
  const appInfo = async (): Promise<AppInfo> => {
    const t = createTranslator(language());
    const keychain = await secrets.availability();
    return {
      version: options.version,
      dataDir: options.dataDir,
      keychain: { available: keychain.available, message: keychain.message && say(keychain.message, t) },
      notices: openSettings().notices.map((notice) => say(notice, t)),
      language: language(),
      languageChoice: openSettings().language ?? null,
      systemLanguage,
    };
  };
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
    settingsNotices: () => openSettings().notices,
    appInfo,
    language,
    async setLanguage(choice) {
      openSettings().setLanguage(choice ?? undefined);
      return appInfo();
    },
  };
}
