/**
 * The name this client gives in EHLO. RFC 5321 (4.1.1.1, 4.1.4) wants the client's fully
 * qualified domain name, or an address literal where it has none; strict servers refuse a
 * bare host name such as "vm" (Postfix's reject_non_fqdn_helo_hostname).
 *
 *   const name = (await machineFqdn()) ?? addressLiteral(socket.localAddress);
 *
 * The machine's FQDN is looked up once per process and the lookup is bounded by a short
 * timeout, so a run (or the CLI's start) never waits on a slow resolver for it.
 */
import { lookup, lookupService } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { hostname } from 'node:os';
import { isEhloDomain } from '../settings/profile';

/** How long the forward and reverse lookup of the host name may take, together. */
const LOOKUP_TIMEOUT_MS = 1_000;

/** A name a server may take as the client's own: a dotted domain that is not localhost. */
function isFqdn(name: string): boolean {
  return name.includes('.') && isEhloDomain(name) && !/^localhost(\.|$)/i.test(name);
}

/** The local address of a connection as an address literal (IPv4-mapped IPv6 as IPv4). */
export function addressLiteral(address: string | undefined): string {
  const bare = (address ?? '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return `[${mapped}]`;
  if (isIPv4(bare)) return `[${bare}]`;
  if (isIPv6(bare)) return `[IPv6:${bare}]`;
  return '[127.0.0.1]';
}

async function lookUpFqdn(name: string): Promise<string | null> {
  if (isFqdn(name)) return name;
  const { address } = await lookup(name);
  const { hostname: reverse } = await lookupService(address, 0);
  return isFqdn(reverse) ? reverse : null;
}

let cached: Promise<string | null> | undefined;

/**
 * This machine's FQDN: the host name when it has a dot, else what its address resolves
 * back to (forward, then reverse lookup), else null. Cached for the process.
 */
export function machineFqdn(): Promise<string | null> {
  cached ??= new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS);
    timer.unref();
    lookUpFqdn(hostname()).then(resolve, () => resolve(null));
  });
  return cached;
}
