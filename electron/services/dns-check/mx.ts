/**
 * The MX finding: can the From domain receive mail (replies, bounces)? No MX is a warning, a
 * null MX (RFC 7505, `0 .`) or a domain that does not exist is a failure: receivers refuse
 * mail from a domain that cannot receive any.
 */
import { describeFailure, RETRY_FIX, type Lookups } from './lookups';
import type { DnsFinding } from './types';

export async function checkMx(lookups: Lookups, domain: string): Promise<DnsFinding> {
  const finding = (
    status: DnsFinding['status'],
    summary: string,
    fix: string | null,
    record: string | null,
  ) => ({
    check: 'mx' as const,
    status,
    summary,
    fix,
    record,
  });
  const mx = await lookups.mx(domain);
  if (!mx.ok) {
    switch (mx.failure) {
      case 'nodata':
        return finding(
          'warn',
          `${domain} has no MX record; replies to the From address may not be deliverable.`,
          `Add an MX record for ${domain} that points at the server that receives its mail.`,
          null,
        );
      case 'nxdomain':
        return finding(
          'fail',
          `${domain} does not exist in DNS (NXDOMAIN), so receivers refuse mail from it and replies cannot be delivered.`,
          `Send from an address at a domain that exists, or register ${domain} and publish its MX record.`,
          null,
        );
      default:
        return finding(
          'warn',
          `The MX lookup of ${domain} ${describeFailure(mx, lookups.timeoutMs)}, so its MX was not checked.`,
          RETRY_FIX,
          null,
        );
    }
  }
  const records = [...mx.value].sort((a, b) => a.priority - b.priority);
  const record = records.map((r) => `${r.priority} ${r.exchange || '.'}`).join('\n');
  if (records.some((r) => r.exchange === '' || r.exchange === '.')) {
    return finding(
      'fail',
      `${domain} publishes a null MX ("0 ."): it declares that it receives no mail, so replies bounce and many receivers refuse mail from it.`,
      `Replace the null MX of ${domain} with the MX of its mail server, or send from a domain that receives mail.`,
      record,
    );
  }
  if (records.length === 0) {
    return finding(
      'warn',
      `${domain} has no MX record; replies to the From address may not be deliverable.`,
      `Add an MX record for ${domain} that points at the server that receives its mail.`,
      null,
    );
  }
  const hosts = records.map((r) => r.exchange).join(', ');
  return finding(
    'pass',
    `${domain} receives mail through ${records.length === 1 ? 'its MX' : `${records.length} MX hosts`}: ${hosts}.`,
    null,
    record,
  );
}
