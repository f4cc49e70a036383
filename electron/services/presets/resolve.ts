/**
 * The migration warning for a host as the machine resolves it (Node only): a name that looks
 * public but resolves to a private or loopback address is caught here, which the host-field
 * check (`migrationWarning`) cannot see. A lookup that fails or times out falls back to the
 * host-field check: the run itself reports DNS failures.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { migrationWarning, migrationWarningForAddresses, type MigrationWarning } from './migration';

export interface ResolveWarningOptions {
  /** Resolves a host to its addresses; the system resolver (getaddrinfo) by default. */
  lookup?: (host: string) => Promise<string[]>;
  /** Default 2000 ms. */
  timeoutMs?: number;
}

const systemLookup = async (host: string) =>
  (await dnsLookup(host, { all: true })).map((entry) => entry.address);

export async function resolveMigrationWarning(
  host: string,
  options: ResolveWarningOptions = {},
): Promise<MigrationWarning | null> {
  const fromName = migrationWarning(host);
  if (fromName?.kind === 'hosted-relay') return fromName;
  let timer: NodeJS.Timeout | undefined;
  try {
    const addresses = await Promise.race([
      (options.lookup ?? systemLookup)(host),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), options.timeoutMs ?? 2000);
      }),
    ]);
    return migrationWarningForAddresses(host, addresses);
  } catch {
    return fromName;
  } finally {
    clearTimeout(timer);
  }
}
