/**
 * The DMARC finding: the policy published at `_dmarc.<From domain>` (or, failing that, at the
 * organizational domain, RFC 7489 6.6.3), read into a sentence.
 */
import { sentence, type MessageKey } from '../i18n/sentence';
import { organizationalDomain } from './domains';
import { findingsOf, type DraftFinding } from './draft';
import { describeFailure, isEmptyAnswer, RETRY_FIX, type Lookups } from './lookups';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface DmarcInfo {
  /** The policy that applies to the From domain (sp= for a subdomain under its organization's record). */
  policy: DmarcPolicy | null;
  /** SPF alignment mode: relaxed unless aspf=s. */
  aspf: 'r' | 's';
  adkim: 'r' | 's';
}

const NO_DMARC: DmarcInfo = { policy: null, aspf: 'r', adkim: 'r' };

/** What receivers do under each policy, said inside the DMARC summary. */
const POLICY_MEANING: Record<DmarcPolicy, MessageKey> = {
  reject: 'dnsFinding.dmarc.meaning.reject',
  quarantine: 'dnsFinding.dmarc.meaning.quarantine',
  none: 'dnsFinding.dmarc.meaning.none',
};

/** The same, for a policy applied to part of the failing mail (pct= under 100). */
const PARTIAL_MEANING: Record<Exclude<DmarcPolicy, 'none'>, MessageKey> = {
  reject: 'dnsFinding.dmarc.meaning.rejectPartial',
  quarantine: 'dnsFinding.dmarc.meaning.quarantinePartial',
};

const finding = findingsOf('dmarc');

/** Tags of a DMARC record; null when it is not one (does not start with v=DMARC1). */
export function parseDmarc(record: string): Map<string, string> | null {
  const parts = record.split(';').map((part) => part.trim());
  if (!/^v\s*=\s*DMARC1$/i.test(parts[0] ?? '')) return null;
  const tags = new Map<string, string>();
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return tags;
}

export async function checkDmarc(
  lookups: Lookups,
  domain: string,
): Promise<{ finding: DraftFinding; info: DmarcInfo }> {
  const organization = organizationalDomain(domain);
  const candidates = organization === domain ? [domain] : [domain, organization];
  for (const candidate of candidates) {
    const name = `_dmarc.${candidate}`;
    const txt = await lookups.txt(name);
    if (!txt.ok && !isEmptyAnswer(txt.failure)) {
      return {
        finding: finding(
          'warn',
          sentence('dnsFinding.dmarc.lookupFailed', {
            name,
            domain,
            failure: describeFailure(txt, lookups.timeoutMs),
          }),
          RETRY_FIX,
          null,
        ),
        info: NO_DMARC,
      };
    }
    const records = (txt.ok ? txt.value : []).filter((record) => /^v\s*=\s*DMARC1\b/i.test(record.trim()));
    if (records.length === 0) continue;
    if (records.length > 1) {
      return {
        finding: finding(
          'fail',
          sentence('dnsFinding.dmarc.multiple', { name, records: records.length, domain }),
          sentence('dnsFinding.dmarc.multipleFix', { name }),
          records.join('\n'),
        ),
        info: NO_DMARC,
      };
    }
    const record = records[0]!;
    const tags = parseDmarc(record) ?? new Map<string, string>();
    const inherited = candidate !== domain;
    const rawPolicy = ((inherited ? tags.get('sp') : undefined) ?? tags.get('p') ?? '').toLowerCase();
    const info: DmarcInfo = {
      policy: null,
      aspf: tags.get('aspf')?.toLowerCase() === 's' ? 's' : 'r',
      adkim: tags.get('adkim')?.toLowerCase() === 's' ? 's' : 'r',
    };
    if (rawPolicy !== 'none' && rawPolicy !== 'quarantine' && rawPolicy !== 'reject') {
      return {
        finding: finding(
          'fail',
          rawPolicy
            ? sentence('dnsFinding.dmarc.invalidPolicy', { name, policy: rawPolicy })
            : sentence('dnsFinding.dmarc.noPolicy', { name }),
          sentence('dnsFinding.dmarc.policyFix', { name }),
          record,
        ),
        info,
      };
    }
    info.policy = rawPolicy;
    const pct = Number(tags.get('pct') ?? '100');
    const meaning =
      rawPolicy !== 'none' && Number.isFinite(pct) && pct < 100
        ? sentence(PARTIAL_MEANING[rawPolicy], { pct })
        : sentence(POLICY_MEANING[rawPolicy]);
    const summary = inherited
      ? sentence('dnsFinding.dmarc.policyInherited', {
          domain,
          policy: rawPolicy,
          organization: candidate,
          meaning,
        })
      : sentence('dnsFinding.dmarc.policy', { domain, policy: rawPolicy, meaning });
    return rawPolicy === 'none'
      ? {
          finding: finding('info', summary, sentence('dnsFinding.dmarc.raiseFix', { name }), record),
          info,
        }
      : { finding: finding('pass', summary, null, record), info };
  }

  return {
    finding: finding(
      'warn',
      sentence('dnsFinding.dmarc.none', { domain }),
      sentence('dnsFinding.dmarc.noneFix', { domain }),
      null,
    ),
    info: NO_DMARC,
  };
}
