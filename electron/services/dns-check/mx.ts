/**
 * The MX finding: can the From domain receive mail (replies, bounces)? No MX is a warning, a
 * null MX (RFC 7505, `0 .`) or a domain that does not exist is a failure: receivers refuse
 * mail from a domain that cannot receive any.
 */
import { sentence } from '../i18n/sentence';
import { findingsOf, type DraftFinding } from './draft';
import { describeFailure, RETRY_FIX, type Lookups } from './lookups';

const finding = findingsOf('mx');

export async function checkMx(lookups: Lookups, domain: string): Promise<DraftFinding> {
  const noMx = () =>
    finding(
      'warn',
      sentence('dnsFinding.mx.none', { domain }),
      sentence('dnsFinding.mx.noneFix', { domain }),
      null,
    );
  const mx = await lookups.mx(domain);
  if (!mx.ok) {
    switch (mx.failure) {
      case 'nodata':
        return noMx();
      case 'nxdomain':
        return finding(
          'fail',
          sentence('dnsFinding.mx.nxdomain', { domain }),
          sentence('dnsFinding.mx.nxdomainFix', { domain }),
          null,
        );
      default:
        return finding(
          'warn',
          sentence('dnsFinding.mx.lookupFailed', { domain, failure: describeFailure(mx, lookups.timeoutMs) }),
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
      sentence('dnsFinding.mx.nullMx', { domain }),
      sentence('dnsFinding.mx.nullMxFix', { domain }),
      record,
    );
  }
  if (records.length === 0) return noMx();
  const hosts = records.map((r) => r.exchange).join(', ');
  return finding(
    'pass',
    records.length === 1
      ? sentence('dnsFinding.mx.pass', { domain, hosts })
      : sentence('dnsFinding.mx.passMany', { domain, count: records.length, hosts }),
    null,
    record,
  );
}
