/**
 * The From-domain DNS check's public types: what the IPC contract, the runner, the CLI and
 * the UI see. Pure types, no Node: the renderer may import them.
 */
import type { Language } from '../i18n/languages';

/**
 * The resolver the check uses: a node:dns/promises Resolver (the system's servers) by default;
 * tests inject one pointed at a DNS server on loopback (test/support/dns-server.ts).
 */
export interface DnsResolver {
  resolveMx(name: string): Promise<Array<{ exchange: string; priority: number }>>;
  resolveTxt(name: string): Promise<string[][]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info';

export type DnsCheckName = 'mx' | 'spf' | 'dmarc' | 'dkim' | 'alignment';

export interface DnsFinding {
  check: DnsCheckName;
  status: CheckStatus;
  /** One sentence, in the language the check was asked in: what was found and what it means. */
  summary: string;
  /** One sentence: what to change, e.g. "Add include:_spf.example.net to the SPF record of example.com." */
  fix: string | null;
  /** The raw record(s) found, one per line; null when none was found. */
  record: string | null;
}

export interface DnsCheckReport {
  /** The From domain (ASCII, lower case). */
  domain: string;
  /** In this order: mx, spf, dmarc, dkim, alignment. */
  findings: DnsFinding[];
  timings: { total: number };
}

export interface DnsCheckOptions {
  /** The From address (its domain is checked); `Name <user@example.com>` is accepted too. */
  from: string;
  /** MAIL FROM (the envelope sender), for SPF and alignment; defaults to `from`. */
  envelopeFrom?: string;
  /** The SMTP host the profile uses: SPF is evaluated for its addresses. */
  relayHost: string;
  /** The relay's addresses when known (e.g. the address actually connected to); else resolved from relayHost. */
  relayIps?: string[];
  /** When given, `<selector>._domainkey.<domain>` is checked for a valid DKIM key record. */
  dkimSelector?: string;
  resolver?: DnsResolver;
  /** Per lookup; default 5000. A lookup that times out gives a 'warn' finding, never a hang. */
  timeoutMs?: number;
  /** The language of the findings' sentences; English when unset. */
  language?: Language;
}
