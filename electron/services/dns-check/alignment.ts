/**
 * The alignment finding: DMARC counts an SPF pass only when the envelope sender's domain (MAIL
 * FROM) is aligned with the From domain: the same domain (aspf=s), or the same organizational
 * domain (relaxed, the default). When they are not aligned, DMARC can pass only through a DKIM
 * signature of the From domain.
 */
import { sentence } from '../i18n/sentence';
import type { DkimInfo } from './dkim';
import type { DmarcInfo } from './dmarc';
import { organizationalDomain } from './domains';
import { findingsOf, type DraftFinding } from './draft';

const finding = findingsOf('alignment');

export function checkAlignment(
  fromDomain: string,
  envelopeDomain: string,
  dmarc: DmarcInfo,
  dkim: DkimInfo,
  dkimSelector: string | undefined,
): DraftFinding {
  const from = fromDomain;
  const envelope = envelopeDomain;
  if (envelopeDomain === fromDomain) {
    return finding('pass', sentence('dnsFinding.alignment.same', { from }), null, null);
  }
  const organization = organizationalDomain(fromDomain);
  const relaxed = organizationalDomain(envelopeDomain) === organization;
  if (relaxed && dmarc.aspf === 'r') {
    return finding(
      'pass',
      sentence('dnsFinding.alignment.relaxed', { envelope, organization, from }),
      null,
      null,
    );
  }

  const why = relaxed
    ? sentence('dnsFinding.alignment.whyStrict', { envelope, from })
    : sentence('dnsFinding.alignment.whyUnaligned', { envelope, from });
  const at = relaxed ? fromDomain : organization;
  const fix = sentence('dnsFinding.alignment.fix', { at, from });

  if (dmarc.policy === null) {
    return finding('info', sentence('dnsFinding.alignment.noPolicy', { why, from }), fix, null);
  }
  if (dkim.validKey) {
    return finding(
      'warn',
      sentence('dnsFinding.alignment.dkimOnly', {
        why,
        policy: dmarc.policy,
        from,
        selector: dkimSelector ?? '',
      }),
      sentence('dnsFinding.alignment.dkimOnlyFix', { from, at }),
      null,
    );
  }
  return finding(
    dmarc.policy === 'none' ? 'warn' : 'fail',
    sentence('dnsFinding.alignment.fails', {
      why,
      consequence: sentence(`dnsFinding.alignment.consequence.${dmarc.policy}`),
    }),
    fix,
    null,
  );
}
