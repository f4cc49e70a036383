/**
 * The services as the command line opens them, for a command that reads or writes the saved
 * profiles: the app's own data folder, conf as the store. A run from flags and a probe open
 * only the runner (./open-runner.ts).
 */
import pkg from '../package.json' with { type: 'json' };
import { say, type Translate } from '../electron/services/i18n';
import { defaultDataDir } from '../electron/services/paths';
import { createServices, type Services } from '../electron/services/services';
import { confStoreFactory } from '../electron/services/settings/conf-store';
import { resolverFor } from './open-runner';

export interface OpenOptions {
  /** --dns-server: ask this DNS server instead of the system resolver. */
  dnsServer?: string | undefined;
  /** The command's translator, for what opening the settings has to say. */
  t: Translate;
}

export async function openServices({ dnsServer, t }: OpenOptions): Promise<Services> {
  const dataDir = defaultDataDir();
  const services = createServices({
    dataDir,
    version: pkg.version,
    storeFactory: confStoreFactory(dataDir),
    ...(dnsServer ? { resolver: resolverFor(dnsServer) } : {}),
  });
  // What opening the settings had to say (an unreadable file kept aside) goes to stderr.
  for (const notice of services.settingsNotices())
    process.stderr.write(`mail-preflight: ${say(notice, t)}\n`);
  return services;
}
