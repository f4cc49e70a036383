/**
 * Which addresses need SMTPUTF8 (RFC 6531). An internationalised domain goes on the wire as
 * its A-label (IDNA, `xn--…`), which every server takes; only a non-ASCII local part (or a
 * domain that has no A-label) needs the server to offer SMTPUTF8.
 */
import { domainToASCII } from 'node:url';

const isAscii = (text: string) => /^\p{ASCII}*$/u.test(text);

/** The address with its domain as the A-label where it has one; the local part as it is. */
export function withAsciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at === -1 || isAscii(domain)) return address;
  const aLabel = domainToASCII(domain);
  return aLabel ? `${address.slice(0, at + 1)}${aLabel}` : address;
}

/** The first address that needs SMTPUTF8 even with its domain as an A-label, or null. */
export function firstNeedingSmtpUtf8(addresses: readonly string[]): string | null {
  return addresses.find((address) => !isAscii(withAsciiDomain(address))) ?? null;
}
