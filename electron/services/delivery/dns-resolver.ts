/**
 * DNS for the own SPF/DKIM/DMARC check: never allowed to hang a delivery check. Every
 * query is bounded, and so is the sum of them; once the budget is spent, further queries
 * fail at once with ETIMEOUT (mailauth reports those as temperror).
 */
import { Resolver } from 'node:dns/promises';
import type { DnsResolver } from './types';
import type { DnsResolver as RecordResolver } from '../dns-check/types';

export const DNS_QUERY_TIMEOUT_MS = 2_000;
export const DNS_BUDGET_MS = 5_000;

function timeoutError(name: string, rrtype: string): Error {
  return Object.assign(new Error(`DNS ${rrtype} lookup of ${name} timed out`), { code: 'ETIMEOUT' });
}

/** The system's resolver (its servers from resolv.conf), one try per query, `perQueryMs` each. */
export function systemResolver(perQueryMs = DNS_QUERY_TIMEOUT_MS): DnsResolver {
  const resolver = new Resolver({ timeout: perQueryMs, tries: 1 });
  return (name, rrtype) => resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
}

/** The same lookups through the record-typed resolver of the DNS check (a test's loopback server). */
export function fromRecordResolver(records: RecordResolver): DnsResolver {
  return async (name, rrtype) => {
    switch (rrtype) {
      case 'MX':
        return (await records.resolveMx(name)) as unknown as string[];
      case 'TXT':
        return records.resolveTxt(name);
      case 'A':
        return records.resolve4(name);
      case 'AAAA':
        return records.resolve6(name);
      default:
        throw Object.assign(new Error(`No ${rrtype} records for ${name}`), { code: 'ENODATA' });
    }
  };
}

/** `base`, with each query and all of them together bounded to `totalMs` from the first query. */
export function budgetedResolver(base: DnsResolver, totalMs = DNS_BUDGET_MS): DnsResolver {
  let deadline: number | null = null;
  return async (name, rrtype) => {
    deadline ??= Date.now() + totalMs;
    const left = deadline - Date.now();
    if (left <= 0) throw timeoutError(name, rrtype);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        base(name, rrtype),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(timeoutError(name, rrtype)), left);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
}
