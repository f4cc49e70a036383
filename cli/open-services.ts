/** The services as the command line opens them: the app's own data folder, conf as the store. */
import { Resolver } from 'node:dns/promises';
import pkg from '../package.json' with { type: 'json' };
import { cliLanguage, loadTranslator, say, sentence, type Translate } from '../electron/services/i18n';
import { defaultDataDir } from '../electron/services/paths';
import { createServices, type Services } from '../electron/services/services';
import type { StoreFactory } from '../electron/services/settings/store';
import { UsageError } from './usage-error';

export interface OpenOptions {
  /** --dns-server: ask this DNS server instead of the system resolver. */
  dnsServer?: string | undefined;
  /**
   * Whether the command reads or writes the saved profiles (the default). A run from flags
   * passes false and so does not load the settings store (conf) at all; touching the
   * profiles then is a programming error that says so.
   */
  profiles?: boolean;
  /** The command's translator, for what opening the settings has to say; else the environment's language. */
  t?: Translate;
}

export async function openServices({ dnsServer, profiles = true, t }: OpenOptions = {}): Promise<Services> {
  const dataDir = defaultDataDir();
  const services = createServices({
    dataDir,
    version: pkg.version,
    storeFactory: profiles
      ? (await import('../electron/services/settings/conf-store')).confStoreFactory(dataDir)
      : noProfiles,
    ...(dnsServer ? { resolver: resolverFor(dnsServer) } : {}),
  });
  if (profiles) {
    // What opening the settings had to say (an unreadable file kept aside) goes to stderr.
    const translate = t ?? (await loadTranslator(cliLanguage(undefined, process.env)));
    for (const notice of services.settingsNotices())
      process.stderr.write(`mail-preflight: ${say(notice, translate)}\n`);
  }
  return services;
}

const noProfiles: StoreFactory = () => {
  throw new Error('The saved profiles were not opened: call openServices({ profiles: true }).');
};

/** A resolver that asks one DNS server (--dns-server 192.0.2.53 or 127.0.0.1:5353). */
function resolverFor(server: string): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  try {
    resolver.setServers([server]);
  } catch {
    throw new UsageError(sentence('cli.usage.dnsServer', { value: server }));
  }
  return resolver;
}
