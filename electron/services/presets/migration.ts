/**
 * The migration warning (the seed's cloud → server case): a profile whose host is a
 * vendor-hosted relay that refuses outside connections, or a private or loopback address
 * that the server receiving the configuration may not reach (or that means another machine
 * there).
 *
 * `migrationWarning` reads the host field only (instant, for the form); a run passes the
 * addresses the host resolved to, to `migrationWarningForAddresses`. The vendor relays are
 * data (hosted-relays.json). Pure: no Node or DOM imports, so the form can call it directly.
 */
import data from './hosted-relays.json' with { type: 'json' };
import { matchesHostPattern, normaliseHost } from './presets';
import type { HostedRelay } from './schema';
import { sentence, type MessageKey, type Sentence, type SentenceParams } from '../i18n/sentence';
import { hostedRelayNote } from './preset-text';

export type { HostedRelay } from './schema';

/**
 * Vendor-hosted relays (and cloud-internal names) that only accept connections from inside
 * the vendor's infrastructure. Checked against `hostedRelayListSchema` by test/unit/presets,
 * like the presets, rather than at every start.
 */
export const HOSTED_RELAYS: readonly HostedRelay[] = Object.freeze(
  (data as HostedRelay[]).map((relay) => Object.freeze(relay)),
);

export type MigrationWarningKind = 'hosted-relay' | 'private-address' | 'loopback';

/**
 * What the host is and what to do, as a catalogue sentence: whoever shows it puts it into the
 * reader's words. No English is made here, so the window's first script does not carry the
 * services' translator and both catalogues for it (npm run bench, the first screen).
 */
export interface MigrationWarning {
  kind: MigrationWarningKind;
  sentence: Sentence;
}

function warning(kind: MigrationWarningKind, key: MessageKey, params: SentenceParams): MigrationWarning {
  return { kind, sentence: sentence(key, params) };
}

export type AddressScope = 'loopback' | 'private' | 'link-local' | 'public';

interface Range {
  scope: Exclude<AddressScope, 'public'>;
  label: string;
}

/** The hosted relay a host belongs to, if any. */
export function hostedRelayFor(host: string): HostedRelay | undefined {
  const name = bare(host);
  return HOSTED_RELAYS.find((relay) => matchesHostPattern(name, relay.pattern));
}

export function migrationWarning(host: string): MigrationWarning | null {
  const name = bare(host);
  if (!name) return null;
  const relay = hostedRelayFor(name);
  if (relay) return hostedWarning(name, relay);
  const range = rangeOf(name);
  if (range) return addressWarning(name, null, range);
  if (range === null) return null; // a public address
  return nameWarning(name);
}

/**
 * For a run: the host and the addresses it resolved to (or was connected to). A hosted relay
 * is named by its host; otherwise the addresses decide, loopback before private. With no
 * addresses (or none that is an IP address), the host alone decides, as in `migrationWarning`.
 */
export function migrationWarningForAddresses(host: string, addresses: string[]): MigrationWarning | null {
  const name = bare(host);
  const relay = hostedRelayFor(name);
  if (relay) return hostedWarning(name, relay);
  const parsed = addresses
    .map((address) => ({ address: bare(address), range: rangeOf(bare(address)) }))
    .filter((entry) => entry.range !== undefined);
  if (parsed.length === 0) return migrationWarning(name);
  const ranged = parsed.filter((entry): entry is { address: string; range: Range } => Boolean(entry.range));
  const first = ranged.find((entry) => entry.range.scope === 'loopback') ?? ranged[0];
  if (!first) return null;
  return addressWarning(name, first.address === name ? null : first.address, first.range);
}

/** The scope of an IP address (public for any routable one), or null when the text is not an IP address. */
export function addressScope(address: string): AddressScope | null {
  const range = rangeOf(bare(address));
  if (range === undefined) return null;
  return range?.scope ?? 'public';
}

// ---------------------------------------------------------------------------------------

function hostedWarning(host: string, relay: HostedRelay): MigrationWarning {
  return warning('hosted-relay', 'migration.detail.hostedRelay', { note: hostedRelayNote(relay), host });
}

function addressWarning(host: string, address: string | null, range: Range): MigrationWarning {
  const how = address ? 'resolves' : 'is';
  const params = { host, address: address ?? host, range: range.label };
  switch (range.scope) {
    case 'loopback':
      return warning('loopback', `migration.detail.loopbackAddress.${how}`, params);
    case 'link-local':
      return warning('private-address', `migration.detail.linkLocalAddress.${how}`, params);
    default:
      return warning('private-address', `migration.detail.privateAddress.${how}`, params);
  }
}

const LOOPBACK_NAMES = ['localhost', '.localhost', 'localhost.localdomain'];
/** Names that resolve only inside a network: mDNS (RFC 6762), home networks (RFC 8375), ICANN's private-use .internal, and the common .lan. */
const PRIVATE_SUFFIXES = ['.local', '.home.arpa', '.internal', '.lan'];

function nameWarning(name: string): MigrationWarning | null {
  if (LOOPBACK_NAMES.some((pattern) => matchesHostPattern(name, pattern))) {
    return warning('loopback', 'migration.detail.loopbackName', { host: name });
  }
  const suffix = PRIVATE_SUFFIXES.find((pattern) => matchesHostPattern(name, pattern));
  if (suffix) {
    return warning('private-address', 'migration.detail.privateName', { host: name, suffix });
  }
  return null;
}

function bare(host: string): string {
  return normaliseHost(host)
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
}

// ---------------------------------------------------------------------------------------
// IP addresses, without node:net (this module runs in the renderer too)

type Ip = { v: 4; bytes: number[] } | { v: 6; groups: number[] };

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : NaN));
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

function parseIpv6(text: string): number[] | null {
  if (!text.includes(':') || !/^[0-9a-f:.]+$/.test(text)) return null;
  let body = text;
  const tail: number[] = [];
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4?.[1]) {
    const bytes = parseIpv4(v4[1]);
    if (!bytes) return null;
    tail.push((bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!);
    body = body.slice(0, body.length - v4[1].length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string | undefined) => (half ? half.split(':') : []);
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  if ([...head, ...rest].some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = Array<number>(8 - known).fill(0);
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16)), ...tail];
}

function parseIp(text: string): Ip | null {
  const v4 = parseIpv4(text);
  if (v4) return { v: 4, bytes: v4 };
  const v6 = parseIpv6(text);
  return v6 ? { v: 6, groups: v6 } : null;
}

function rangeOfV4([a, b]: number[]): Range | null {
  if (a === 127) return { scope: 'loopback', label: '127.0.0.0/8' };
  if (a === 0) return { scope: 'loopback', label: '0.0.0.0/8, this host' };
  if (a === 10) return { scope: 'private', label: '10.0.0.0/8' };
  if (a === 172 && b! >= 16 && b! <= 31) return { scope: 'private', label: '172.16.0.0/12' };
  if (a === 192 && b === 168) return { scope: 'private', label: '192.168.0.0/16' };
  if (a === 169 && b === 254) return { scope: 'link-local', label: '169.254.0.0/16' };
  if (a === 100 && b! >= 64 && b! <= 127)
    return { scope: 'private', label: '100.64.0.0/10, carrier-grade NAT' };
  return null;
}

/** undefined: not an IP address; null: a public one; else its range. */
function rangeOf(text: string): Range | null | undefined {
  const ip = parseIp(text);
  if (!ip) return undefined;
  if (ip.v === 4) return rangeOfV4(ip.bytes);
  const g = ip.groups;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return rangeOfV4([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]); // ::ffff:a.b.c.d
  }
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 1 || g[7] === 0)) {
    return { scope: 'loopback', label: g[7] === 1 ? '::1' : '::, this host' };
  }
  if ((g[0]! & 0xfe00) === 0xfc00) return { scope: 'private', label: 'fc00::/7, unique local' };
  if ((g[0]! & 0xffc0) === 0xfe80) return { scope: 'link-local', label: 'fe80::/10' };
  return null;
}
