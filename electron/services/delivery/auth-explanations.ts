/**
 * One sentence of cause and fix for each SPF, DKIM and DMARC result that is not a pass,
 * written for the admin who can change the relay or the domain's DNS records.
 */
import { isIP } from 'node:net';

export interface AuthContext {
  method: string;
  result: string;
  /** SPF: the envelope sender's (or HELO) domain; DKIM: the signing domain (d=); DMARC: the From domain. */
  domain: string | null;
  /** The address of the server that handed the message to the receiver. */
  ip: string | null;
  /** DKIM selector (s=). */
  selector: string | null;
  /** The From header's domain. */
  fromDomain: string | null;
  /** The receiver's or the verifier's own words, when it gave any. */
  reason: string | null;
}

/** Results that need no explanation: a pass, or "nothing to check" for the optional methods. */
const QUIET = new Set(['pass', 'skipped', 'declined']);

function mechanismFor(ip: string | null): string {
  if (!ip) return 'include:<your relay provider’s SPF domain>';
  return `${isIP(ip) === 6 ? 'ip6' : 'ip4'}:${ip}`;
}

function explainSpf(c: AuthContext): string | null {
  const domain = c.domain ?? 'the envelope sender’s domain';
  const who = c.ip ?? 'the sending server';
  const example = c.ip ? ` or ${mechanismFor(c.ip)}` : '';
  const add = `add the relay to ${domain}’s SPF record (e.g. include:<your relay provider’s SPF domain>${example})`;
  switch (c.result) {
    case 'fail':
      return `SPF: ${who} is not allowed to send for ${domain}; ${add}.`;
    case 'softfail':
      return `SPF: ${domain}’s SPF record does not list ${who} and marks it “probably not allowed” (~all); ${add}.`;
    case 'neutral':
      return `SPF: ${domain}’s SPF record says nothing about ${who} (?all), so receivers treat the message as unverified; ${add}.`;
    case 'none':
      return `SPF: ${domain} publishes no SPF record, so receivers cannot tell whether ${who} may send for it; publish one that names the relay (e.g. “v=spf1 ${mechanismFor(c.ip)} ~all”).`;
    case 'temperror':
      return `SPF: the DNS lookup of ${domain}’s SPF record failed temporarily; check that the domain’s DNS servers answer, then test again.`;
    case 'permerror':
      return `SPF: ${domain}’s SPF record is invalid (a syntax error, or more than 10 DNS lookups); correct the record, e.g. with an SPF validator.`;
    default:
      return `SPF: the receiver reports “${c.result}” for ${who} sending for ${domain}; check ${domain}’s SPF record.`;
  }
}

function explainDkim(c: AuthContext): string | null {
  const fromDomain = c.fromDomain ?? 'the From domain';
  const d = c.domain ?? 'the signing domain';
  const key =
    c.selector && c.domain ? `${c.selector}._domainkey.${c.domain}` : `the selector’s record under ${d}`;
  switch (c.result) {
    case 'none':
      return `DKIM: the message is not signed; turn on DKIM signing for ${fromDomain} at the relay and publish its public key in DNS.`;
    case 'fail':
      return `DKIM: the signature by ${d} does not verify; check that the public key at ${key} matches the relay’s signing key and that nothing rewrites the message after it is signed.`;
    case 'neutral':
      // Gmail and mailauth say "neutral (body hash did not verify)" for a body changed after signing.
      if (c.reason && /body hash/i.test(c.reason)) {
        return `DKIM: the message body was changed after ${d} signed it (the body hash does not match); make sure nothing after the signing relay adds footers or disclaimers or rewrites links.`;
      }
      return `DKIM: the signature by ${d} could not be checked (it is malformed or uses an unsupported algorithm); check the relay’s DKIM signing settings.`;
    case 'temperror':
      return `DKIM: the public key at ${key} could not be fetched (a temporary DNS error); check that ${d}’s DNS servers answer, then test again.`;
    case 'permerror':
      return `DKIM: the signature by ${d} cannot be used (no valid public key at ${key}); publish the key the relay signs with.`;
    case 'policy':
      return `DKIM: the signature by ${d} was refused by policy (a key shorter than 1024 bits, or rsa-sha1); sign with rsa-sha256 and a 2048-bit key.`;
    default:
      return `DKIM: the receiver reports “${c.result}” for the signature by ${d}; check the relay’s DKIM signing.`;
  }
}

function explainDmarc(c: AuthContext): string | null {
  const d = c.fromDomain ?? c.domain ?? 'the From domain';
  switch (c.result) {
    case 'fail':
      return `DMARC: neither SPF nor DKIM passed for a domain aligned with the From domain ${d}; have the relay sign with DKIM as ${d}, or send with an envelope sender in ${d} that its SPF record allows.`;
    case 'none':
      return `DMARC: ${d} publishes no DMARC policy, so receivers decide alone what to do with unauthenticated mail from it; publish one at _dmarc.${d} (e.g. “v=DMARC1; p=none; rua=mailto:dmarc@${d}”).`;
    case 'temperror':
      return `DMARC: the DNS lookup of _dmarc.${d} failed temporarily; check that the domain’s DNS servers answer, then test again.`;
    case 'permerror':
      return `DMARC: the record at _dmarc.${d} is invalid; correct it (it must start with “v=DMARC1; p=”).`;
    default:
      return `DMARC: the receiver reports “${c.result}” for ${d}; check the _dmarc.${d} record and the SPF and DKIM results.`;
  }
}

/** The sentence for one result, or null when it is a pass (or needs none). */
export function explainAuthResult(c: AuthContext): string | null {
  const result = c.result.toLowerCase();
  const context = { ...c, result };
  if (result === 'pass') return null;
  switch (c.method.toLowerCase()) {
    case 'spf':
      return explainSpf(context);
    case 'dkim':
      return explainDkim(context);
    case 'dmarc':
      return explainDmarc(context);
    case 'iprev':
      if (QUIET.has(result) || result === 'none') return null;
      return `iprev: ${c.ip ?? 'the sending server'}’s reverse DNS name does not resolve back to it; ask whoever runs the relay to set a PTR record that matches its HELO name.`;
    default: {
      if (QUIET.has(result) || result === 'none') return null;
      const why = c.reason ? ` (${c.reason})` : '';
      return `${c.method.toUpperCase()}: the receiver reports “${result}”${why}; this check is not part of SPF, DKIM or DMARC, so look it up in the receiver’s documentation.`;
    }
  }
}
