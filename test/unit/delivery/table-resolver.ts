/**
 * DNS from a table, for tests that must not touch the network: "example.com TXT" →
 * records. TXT answers come back as string[][] (one chunk per record) like Node's
 * resolver; a name or type not in the table is ENOTFOUND, and `fail` makes a name answer
 * with a temporary error instead. Every query is recorded.
 */
import type { DnsResolver } from '../../../electron/services/delivery/types';

export interface TableResolver extends DnsResolver {
  queries: string[];
}

export function tableResolver(
  table: Record<string, string | string[]>,
  options: { fail?: string[] } = {},
): TableResolver {
  const queries: string[] = [];
  const resolver = (async (name: string, rrtype: string) => {
    const key = `${name.toLowerCase()} ${rrtype.toUpperCase()}`;
    queries.push(key);
    if (options.fail?.includes(name.toLowerCase())) {
      throw Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: 'ETIMEOUT' });
    }
    const entry = table[key];
    if (entry === undefined) {
      throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    }
    const records = Array.isArray(entry) ? entry : [entry];
    return rrtype.toUpperCase() === 'TXT' ? records.map((r) => [r]) : records;
  }) as TableResolver;
  resolver.queries = queries;
  return resolver;
}
