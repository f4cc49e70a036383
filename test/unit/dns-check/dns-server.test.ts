/**
 * The test DNS server itself (test/support/dns-server.ts), as any test that uses it relies on it.
 */
import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer, type Zone } from '../../support/dns-server';

const LONG = `v=DKIM1; k=rsa; p=${'A'.repeat(1400)}`;
const zone: Zone = {
  'Example.Test': {
    A: ['192.0.2.1'],
    AAAA: ['2001:db8::1', '::ffff:192.0.2.1'],
    MX: [{ exchange: 'mx.example.test', priority: 10 }],
    TXT: ['v=spf1 -all', ['two ', 'strings']],
  },
  'long.example.test': { TXT: [LONG] },
  'alias.example.test': { CNAME: 'example.test' },
  '_submission._tcp.example.test': {
    SRV: [{ priority: 0, weight: 1, port: 587, name: 'smtp.example.test' }],
  },
  'null.example.test': { MX: [{ exchange: '.', priority: 0 }] },
};
let dns: DnsServer;

beforeAll(async () => {
  dns = await startDnsServer(zone);
});
afterAll(async () => {
  await dns.stop();
});

describe('test DNS server', () => {
  it('serves A, AAAA, MX, TXT and SRV, case-insensitively', async () => {
    const r = dns.resolver;
    expect(await r.resolve4('example.test.')).toEqual(['192.0.2.1']);
    expect(await r.resolve6('EXAMPLE.test')).toEqual(['2001:db8::1', '::ffff:192.0.2.1']);
    // (Node 24 adds a `type` field to MX and SRV answers.)
    expect(await r.resolveMx('example.test')).toMatchObject([{ exchange: 'mx.example.test', priority: 10 }]);
    expect(await r.resolveTxt('example.test')).toEqual([['v=spf1 -all'], ['two ', 'strings']]);
    expect(await r.resolveSrv('_submission._tcp.example.test')).toMatchObject([
      { name: 'smtp.example.test', port: 587, priority: 0, weight: 1 },
    ]);
    expect(await r.resolveMx('null.example.test')).toMatchObject([{ exchange: '', priority: 0 }]);
  });

  it('answers NXDOMAIN for unknown names and NODATA for missing types', async () => {
    await expect(dns.resolver.resolve4('nowhere.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(dns.resolver.resolveMx('long.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('splits long TXT records into 255-byte strings and falls back to TCP when UDP is too small', async () => {
    const before = dns.queries.length;
    const [record] = await dns.resolver.resolveTxt('long.example.test');
    expect(record?.join('')).toBe(LONG);
    expect(record?.every((s) => Buffer.byteLength(s) <= 255)).toBe(true);
    expect(dns.queries.slice(before).map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('follows CNAMEs within the zone', async () => {
    expect(await dns.resolver.resolve4('alias.example.test')).toEqual(['192.0.2.1']);
    expect(await dns.resolver.resolveCname('alias.example.test')).toEqual(['example.test']);
  });

  it('reads the zone on every query', async () => {
    zone['late.example.test'] = { A: ['192.0.2.9'] };
    expect(await dns.resolver.resolve4('late.example.test')).toEqual(['192.0.2.9']);
  });

  it('serves any Resolver pointed at its address', async () => {
    const other = new Resolver({ timeout: 1000, tries: 1 });
    other.setServers([dns.address]);
    expect(await other.resolve4('example.test')).toEqual(['192.0.2.1']);
    expect(dns.address).toBe(`127.0.0.1:${dns.port}`);
  });

  it('never answers a silent name', async () => {
    const silent = await startDnsServer({ 'quiet.test': { silent: true } }, { resolverTimeoutMs: 300 });
    try {
      await expect(silent.resolver.resolve4('quiet.test')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    } finally {
      await silent.stop();
    }
  });
});
