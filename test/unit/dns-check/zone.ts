/**
 * The test domains of the DNS-check tests, served by test/support/dns-server.ts on loopback.
 * Addresses are from the documentation ranges (RFC 5737, RFC 3849): they are only data here,
 * nothing connects to them.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { checkFromDomain, type DnsCheckReport, type DnsFinding } from '../../../electron/services/dns-check';
import type { DnsCheckOptions } from '../../../electron/services/dns-check/types';
import { startDnsServer, type DnsServer, type Zone } from '../../support/dns-server';

export const RELAY = 'relay.mail.test';
export const RELAY_IP = '203.0.113.5';
export const RELAY_IP6 = '2001:db8::5';

/** A DKIM p= value: the base64 DER (SubjectPublicKeyInfo) of a fresh public key. */
export function dkimKey(type: 'rsa' | 'ed25519', bits = 2048): string {
  const { publicKey } =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: bits }) : generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  // RFC 8463: an Ed25519 key is published as its raw 32 bytes (the end of the SPKI).
  return (type === 'ed25519' ? der.subarray(-32) : der).toString('base64');
}

export const RSA_2048 = dkimKey('rsa', 2048);
const RSA_1024 = dkimKey('rsa', 1024);
const RSA_512 = dkimKey('rsa', 512);
const ED25519 = dkimKey('ed25519');

const spf = (record: string) => ({ TXT: [record] });

/** Eleven includes of records that do not match: the 11th DNS-querying term is one too many. */
const ELEVEN_INCLUDES = Array.from({ length: 11 }, (_, i) => `include:p${i + 1}.many.test`).join(' ');

export const ZONE: Zone = {
  // The relay and its provider.
  [RELAY]: { A: [RELAY_IP] },
  'dual.mail.test': { A: [RELAY_IP], AAAA: [RELAY_IP6] },
  '_spf.provider.test': spf('v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.0/28 ~all'),

  // A well-kept domain: MX, SPF, DMARC reject, DKIM keys.
  'good.test': {
    MX: [
      { exchange: 'mx2.good.test', priority: 20 },
      { exchange: 'mx1.good.test', priority: 10 },
    ],
    TXT: ['google-site-verification=abc123', 'v=spf1 ip4:203.0.113.0/24 -all'],
  },
  '_dmarc.good.test': { TXT: ['v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@good.test'] },
  'sel1._domainkey.good.test': { TXT: [`v=DKIM1; k=rsa; p=${RSA_2048}`] },
  'pkcs1._domainkey.good.test': {
    TXT: [
      `v=DKIM1; p=${generateKeyPairSync('rsa', { modulusLength: 2048 })
        .publicKey.export({ format: 'der', type: 'pkcs1' })
        .toString('base64')}`,
    ],
  },
  'ed._domainkey.good.test': { TXT: [`v=DKIM1; k=ed25519; p=${ED25519}`] },
  'weak._domainkey.good.test': { TXT: [`v=DKIM1; k=rsa; p=${RSA_1024}`] },
  'tiny._domainkey.good.test': { TXT: [`v=DKIM1; k=rsa; p=${RSA_512}`] },
  'testing._domainkey.good.test': { TXT: [`v=DKIM1; t=y; p=${RSA_2048}`] },
  'revoked._domainkey.good.test': { TXT: ['v=DKIM1; k=rsa; p='] },
  'garbage._domainkey.good.test': { TXT: ['v=DKIM1; k=rsa; p=bm90IGEga2V5IGF0IGFsbA=='] },
  'notbase64._domainkey.good.test': { TXT: ['v=DKIM1; k=rsa; p=this is *not* base64!'] },
  'mismatch._domainkey.good.test': { TXT: [`v=DKIM1; k=ed25519; p=${RSA_2048}`] },
  'badversion._domainkey.good.test': { TXT: [`v=DKIM2; p=${RSA_2048}`] },
  'notdkim._domainkey.good.test': { TXT: ['hello world'] },
  'twice._domainkey.good.test': { TXT: [`v=DKIM1; p=${RSA_2048}`, `v=DKIM1; p=${ED25519}; k=ed25519`] },
  'bounces.good.test': spf(`v=spf1 a:${RELAY} -all`),
  'news.good.test': {
    MX: [{ exchange: 'mx1.good.test', priority: 10 }],
    TXT: ['v=spf1 ip4:203.0.113.5 -all'],
  },

  // SPF, one domain per case.
  'ip4.test': { MX: [{ exchange: 'mx.ip4.test', priority: 10 }], TXT: ['v=spf1 ip4:203.0.113.5 -all'] },
  'include.test': spf('v=spf1 include:_spf.provider.test -all'),
  'a.test': spf(`v=spf1 a:${RELAY} -all`),
  'mx.test': { MX: [{ exchange: 'in.mx.test', priority: 10 }], TXT: ['v=spf1 mx -all'] },
  'in.mx.test': { A: ['203.0.113.5'] },
  'cidr.test': spf(`v=spf1 a:${RELAY}/28 -all`),
  'ip6.test': spf('v=spf1 ip6:2001:db8::/32 -all'),
  'v4only.test': spf(`v=spf1 ip4:${RELAY_IP} -all`),
  'redirect.test': spf('v=spf1 redirect=_spf.provider.test'),
  'macro.test': spf('v=spf1 exists:%{i}._spf.macro.test -all'),
  '203.0.113.5._spf.macro.test': { A: ['127.0.0.2'] },
  'fail.test': spf('v=spf1 ip4:198.51.100.1 -all'),
  'soft.test': spf('v=spf1 ip4:198.51.100.1 ~all'),
  'neutral.test': spf('v=spf1 ip4:198.51.100.1'),
  'deny.test': spf(`v=spf1 -ip4:${RELAY_IP} +all`),
  'multi.test': { TXT: ['v=spf1 ip4:203.0.113.5 -all', 'v=spf1 include:_spf.provider.test ~all'] },
  'nospf.test': { MX: [{ exchange: 'mx.nospf.test', priority: 10 }], TXT: ['some-verification=1'] },
  'many.test': spf(`v=spf1 ${ELEVEN_INCLUDES} -all`),
  ...Object.fromEntries(
    Array.from({ length: 11 }, (_, i) => [`p${i + 1}.many.test`, spf(`v=spf1 ip4:192.0.2.${i + 1} -all`)]),
  ),
  'void.test': spf('v=spf1 a:nx1.void.test a:nx2.void.test a:nx3.void.test -all'),
  'syntax.test': spf('v=spf1 ip4:300.1.1.1 -all'),
  'unknown.test': spf('v=spf1 foo:bar -all'),
  'dangling.test': spf('v=spf1 include:nothing-here.test -all'),
  'loop.test': spf('v=spf1 include:loop.test -all'),
  'ptr.test': spf('v=spf1 ptr -all'),
  'badredirect.test': spf('v=spf1 redirect=nothing-here.test'),
  'badmacro.test': spf('v=spf1 exists:%{z}.example.test -all'),
  'gmail-user.test': spf('v=spf1 ip4:198.51.100.1 -all'),

  // MX cases.
  'nomx.test': { A: ['192.0.2.80'], TXT: ['v=spf1 -all'] },
  'nullmx.test': { MX: [{ exchange: '.', priority: 0 }], TXT: ['v=spf1 -all'] },

  // DMARC cases.
  'none-policy.test': {
    MX: [{ exchange: 'mx.none-policy.test', priority: 10 }],
    TXT: ['v=spf1 a:relay.mail.test -all'],
  },
  '_dmarc.none-policy.test': { TXT: ['v=DMARC1; p=none; rua=mailto:r@none-policy.test'] },
  'quarantine.test': spf('v=spf1 ip4:203.0.113.5 -all'),
  '_dmarc.quarantine.test': { TXT: ['v=DMARC1; p=quarantine; pct=50'] },
  'badpolicy.test': spf('v=spf1 ip4:203.0.113.5 -all'),
  '_dmarc.badpolicy.test': { TXT: ['v=DMARC1; p=maybe'] },
  'twodmarc.test': spf('v=spf1 ip4:203.0.113.5 -all'),
  '_dmarc.twodmarc.test': { TXT: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] },
  'strict.test': spf('v=spf1 ip4:203.0.113.5 -all'),
  '_dmarc.strict.test': { TXT: ['v=DMARC1; p=reject; aspf=s'] },
  'b.strict.test': spf('v=spf1 ip4:203.0.113.5 -all'),

  // An envelope domain of a mailing service, not aligned with any From domain here.
  'mailer.example': spf(`v=spf1 a:${RELAY} -all`),
};

/** A DNS server with ZONE for the tests of one file: started before them, stopped after. */
export function useZoneServer(zone: Zone = ZONE): { server: () => DnsServer } {
  let server: DnsServer | undefined;
  beforeAll(async () => {
    server = await startDnsServer(zone);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    server: () => {
      if (!server) throw new Error('the DNS server has not started');
      return server;
    },
  };
}

/** checkFromDomain through the test server, relay.mail.test by default. */
export function checkWith(
  server: DnsServer,
  options: Partial<DnsCheckOptions> & { from: string },
): Promise<DnsCheckReport> {
  return checkFromDomain({ relayHost: RELAY, resolver: server.resolver, timeoutMs: 3000, ...options });
}

export function finding(report: DnsCheckReport, check: DnsFinding['check']): DnsFinding {
  const found = report.findings.find((f) => f.check === check);
  if (!found) throw new Error(`no ${check} finding`);
  return found;
}
