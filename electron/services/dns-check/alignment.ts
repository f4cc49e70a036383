/**
 * The alignment finding: DMARC counts an SPF pass only when the envelope sender's domain (MAIL
 * FROM) is aligned with the From domain: the same domain (aspf=s), or the same organizational
 * domain (relaxed, the default). When they are not aligned, DMARC can pass only through a DKIM
 * signature of the From domain.
 */
import type { DkimInfo } from './dkim';
import type { DmarcInfo } from './dmarc';
import { organizationalDomain } from './domains';
import type { DnsFinding } from './types';

export function checkAlignment(
  fromDomain: string,
  envelopeDomain: string,
  dmarc: DmarcInfo,
  dkim: DkimInfo,
  dkimSelector: string | undefined,
): DnsFinding {
  const finding = (status: DnsFinding['status'], summary: string, fix: string | null): DnsFinding => ({
    check: 'alignment',
    status,
    summary,
    fix,
    record: null,
  });

  if (envelopeDomain === fromDomain) {
    return finding(
      'pass',
      `The envelope sender uses the From domain ${fromDomain}, so an SPF pass counts for DMARC.`,
      null,
    );
  }
  const fromOrganization = organizationalDomain(fromDomain);
  const relaxed = organizationalDomain(envelopeDomain) === fromOrganization;
  if (relaxed && dmarc.aspf === 'r') {
    return finding(
      'pass',
      `The envelope sender domain ${envelopeDomain} shares the organizational domain ${fromOrganization} with the From domain ${fromDomain}, so an SPF pass counts for DMARC (relaxed alignment).`,
      null,
    );
  }

  const why = relaxed
    ? `The envelope sender domain ${envelopeDomain} differs from the From domain ${fromDomain} and the DMARC record asks for strict SPF alignment (aspf=s)`
    : `The envelope sender domain ${envelopeDomain} is not aligned with the From domain ${fromDomain}`;
  const fix = `Send with an envelope sender (MAIL FROM) at ${relaxed ? fromDomain : fromOrganization}, or have the relay sign with DKIM for ${fromDomain}.`;

  if (dmarc.policy === null) {
    return finding(
      'info',
      `${why}; ${fromDomain} has no DMARC policy, so nothing is enforced yet, but DMARC would not count SPF.`,
      fix,
    );
  }
  if (dkim.validKey) {
    return finding(
      'warn',
      `${why}, so DMARC (p=${dmarc.policy}) passes only if the relay signs with DKIM for ${fromDomain} (selector ${dkimSelector ?? ''}).`,
      `Make sure the relay signs every message with d=${fromDomain}, or send with an envelope sender at ${relaxed ? fromDomain : fromOrganization}.`,
    );
  }
  const consequence =
    dmarc.policy === 'none'
      ? 'DMARC fails unless the relay signs with DKIM for that domain, and receivers report the failures'
      : `DMARC fails unless the relay signs with DKIM for that domain, and receivers then ${dmarc.policy === 'reject' ? 'refuse' : 'junk'} the mail (p=${dmarc.policy})`;
  return finding(
    dmarc.policy === 'none' ? 'warn' : 'fail',
    `${why}, so an SPF pass does not count: ${consequence}.`,
    fix,
  );
}
