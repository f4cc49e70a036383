/**
 * What a run from flags and a probe need, and no more: the runner and the test log. It
 * opens neither the saved settings nor the keychain and loads none of their modules (zod,
 * conf, the keyring, the other services): every start of the command line pays for what it
 * loads, and a refused run's time and memory are measured (`npm run bench`).
 */
import { Resolver } from 'node:dns/promises';
import { sentence } from '../electron/services/i18n/sentence';
import { TestLog } from '../electron/services/log/test-log';
import { defaultDataDir } from '../electron/services/paths';
import { Runner } from '../electron/services/runner';
import { UsageError } from './usage-error';

export function openRunner({ dnsServer }: { dnsServer?: string | undefined } = {}): Runner {
  return new Runner(new TestLog(defaultDataDir()), dnsServer ? { resolver: resolverFor(dnsServer) } : {});
}

/** A resolver that asks one DNS server (--dns-server 192.0.2.53 or 127.0.0.1:5353). */
export function resolverFor(server: string): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  try {
    resolver.setServers([server]);
  } catch {
    throw new UsageError(sentence('cli.usage.dnsServer', { value: server }));
  }
  return resolver;
}
