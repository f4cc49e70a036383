/** The services as the command line opens them: the app's own data folder, conf as the store. */
import { Resolver } from 'node:dns/promises';
import pkg from '../package.json' with { type: 'json' };
import { defaultDataDir } from '../electron/services/paths';
import { createServices, type Services } from '../electron/services/services';
import { confStoreFactory } from '../electron/services/settings/conf-store';
import { UsageError } from './usage-error';

export function openServices(dnsServer?: string): Services {
  const dataDir = defaultDataDir();
  return createServices({
    dataDir,
    version: pkg.version,
    storeFactory: confStoreFactory(dataDir),
    ...(dnsServer ? { resolver: resolverFor(dnsServer) } : {}),
  });
}

/** A resolver that asks one DNS server (--dns-server 192.0.2.53 or 127.0.0.1:5353). */
function resolverFor(server: string): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  try {
    resolver.setServers([server]);
  } catch {
    throw new UsageError(`--dns-server “${server}” is not an IP address (with an optional :port).`);
  }
  return resolver;
}
