/**
 * Domain and address helpers: the domain of an address, the organizational domain (for DMARC's
 * relaxed alignment), and the kinds of IP address SPF deals with.
 */
import { BlockList, isIP, isIPv4 } from 'node:net';
import { domainToASCII } from 'node:url';
import { AppError } from '../errors';
import { sentence } from '../i18n/sentence';
import { addressScope } from '../presets/migration';

/**
 * The domain of an address (`user@example.com` or `Name <user@example.com>`), ASCII and lower
 * case. Throws INVALID_INPUT when there is none.
 */
export function domainOfAddress(address: string, field: 'from' | 'envelope'): string {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  const bare = (angle?.[1] ?? address).trim();
  const at = bare.lastIndexOf('@');
  const domain = at > 0 ? toAsciiDomain(bare.slice(at + 1)) : null;
  if (!domain) {
    throw new AppError('INVALID_INPUT', sentence(`errors.noDomain.${field}`, { address }));
  }
  return domain;
}

/** A host name in ASCII and lower case without a trailing dot, or null when it is not a valid one. */
export function toAsciiDomain(name: string): string | null {
  const ascii = domainToASCII(name.trim().replace(/\.$/, '')).toLowerCase();
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2) return null;
  return labels.every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label)) ? ascii : null;
}

/**
 * Public suffixes of two labels that are common in mail domains. The organizational domain is
 * approximated as the public suffix plus one label: for the suffixes below, the last three
 * labels; for every other name, the last two. (An exact answer needs the Public Suffix List.)
 */
const TWO_LABEL_SUFFIXES = new Set(
  [
    'ac.uk co.uk gov.uk ltd.uk me.uk net.uk nhs.uk org.uk plc.uk sch.uk',
    'com.au edu.au gov.au net.au org.au id.au',
    'co.nz net.nz org.nz govt.nz ac.nz',
    'co.jp ne.jp or.jp ac.jp go.jp ad.jp ed.jp gr.jp lg.jp',
    'co.kr or.kr ne.kr go.kr ac.kr',
    'com.br net.br org.br gov.br edu.br',
    'com.cn net.cn org.cn gov.cn edu.cn',
    'com.hk net.hk org.hk edu.hk gov.hk',
    'com.tw net.tw org.tw edu.tw gov.tw',
    'com.sg net.sg org.sg edu.sg gov.sg',
    'com.my net.my org.my edu.my gov.my',
    'co.in net.in org.in firm.in gen.in ind.in ac.in gov.in',
    'co.za org.za net.za gov.za ac.za',
    'com.mx org.mx net.mx gob.mx edu.mx',
    'com.ar net.ar org.ar gob.ar',
    'com.tr net.tr org.tr gov.tr edu.tr',
    'co.il org.il net.il ac.il gov.il',
    'co.id or.id ac.id go.id web.id',
    'co.th in.th ac.th go.th or.th',
    'com.ua net.ua org.ua gov.ua',
    'com.pl net.pl org.pl',
    'co.at or.at gv.at ac.at',
    'com.es nom.es org.es gob.es edu.es',
    'com.pt org.pt gov.pt edu.pt',
    'com.ru net.ru org.ru',
    'com.vn net.vn org.vn',
    'com.ph net.ph org.ph',
    'com.pk net.pk org.pk',
    'com.ng org.ng',
    'com.eg org.eg',
    'com.sa net.sa org.sa',
    'co.ke or.ke',
    'com.co net.co org.co',
    'com.pe org.pe',
    'com.cl',
  ]
    .join(' ')
    .split(' '),
);

export function organizationalDomain(domain: string): string {
  const labels = domain.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const keep = TWO_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; other addresses unchanged; null for anything that is not an IP. */
export function normalizeIp(ip: string): string | null {
  const text = ip.trim().replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  const address = mapped?.[1] ?? text;
  return isIP(address) ? address : null;
}

export function ipFamily(ip: string): 4 | 6 {
  return isIPv4(ip) ? 4 : 6;
}

/** Whether `ip` lies in `network/prefix` (same family only, as SPF wants). */
export function inSubnet(ip: string, network: string, prefix: number): boolean {
  const family = ipFamily(ip);
  const networkIp = normalizeIp(network);
  if (!networkIp || ipFamily(networkIp) !== family) return false;
  const list = new BlockList();
  list.addSubnet(networkIp, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Loopback, private, shared and link-local addresses: a relay reached there hands mail on from
 * another (public) address, which is the one receivers check SPF for.
 */
export function isPrivateIp(ip: string): boolean {
  const scope = addressScope(ip);
  return scope !== null && scope !== 'public';
}
