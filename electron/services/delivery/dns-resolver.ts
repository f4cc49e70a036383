/**
 * DNS for the own SPF/DKIM/DMARC check: never allowed to hang a delivery check. Every
 * query is bounded, and so is the sum of them; once the budget is spent, further queries
 * fail at once with ETIMEOUT (mailauth reports those as temperror).
 */
import { Resolver } from 'node:dns/promises';
import type { DnsResolver } from './types';

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
