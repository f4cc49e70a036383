/**
 * The DMARC finding: the policy published at `_dmarc.<From domain>` (or, failing that, at the
 * organizational domain, RFC 7489 6.6.3), read into a sentence.
 */
import { organizationalDomain } from './domains';
import { describeFailure, isEmptyAnswer, RETRY_FIX, type Lookups } from './lookups';
import type { DnsFinding } from './types';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface DmarcInfo {
  /** The policy that applies to the From domain (sp= for a subdomain under its organization's record). */
  policy: DmarcPolicy | null;
  /** SPF alignment mode: relaxed unless aspf=s. */
  aspf: 'r' | 's';
  adkim: 'r' | 's';
}

const NO_DMARC: DmarcInfo = { policy: null, aspf: 'r', adkim: 'r' };

const POLICY_MEANING: Record<DmarcPolicy, string> = {
  reject: 'receivers refuse mail that passes neither aligned SPF nor aligned DKIM',
  quarantine: 'receivers put mail that passes neither aligned SPF nor aligned DKIM in spam',
  none: 'receivers only report mail that fails DMARC and deliver it as usual',
};

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
): Promise<{ finding: DnsFinding; info: DmarcInfo }> {
  const finding = (
    status: DnsFinding['status'],
    summary: string,
    fix: string | null,
    record: string | null,
  ) => ({
    check: 'dmarc' as const,
    status,
    summary,
    fix,
    record,
  });

  const organization = organizationalDomain(domain);
  const candidates = organization === domain ? [domain] : [domain, organization];
  for (const candidate of candidates) {
    const name = `_dmarc.${candidate}`;
    const txt = await lookups.txt(name);
    if (!txt.ok && !isEmptyAnswer(txt.failure)) {
      return {
        finding: finding(
          'warn',
          `The DMARC lookup of ${name} ${describeFailure(txt, lookups.timeoutMs)}, so the DMARC policy of ${domain} was not read.`,
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
          `${name} publishes ${records.length} DMARC records, so receivers ignore them all and ${domain} has no DMARC policy.`,
          `Keep one TXT record at ${name} and delete the others.`,
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
    const source = inherited ? ` (from the record of its organizational domain ${candidate})` : '';
    if (rawPolicy !== 'none' && rawPolicy !== 'quarantine' && rawPolicy !== 'reject') {
      return {
        finding: finding(
          'fail',
          `The DMARC record at ${name} has ${rawPolicy ? `an invalid policy "p=${rawPolicy}"` : 'no p= policy'}, so receivers may ignore it.`,
          `Set p=none, p=quarantine or p=reject in the DMARC record at ${name}.`,
          record,
        ),
        info,
      };
    }
    info.policy = rawPolicy;
    const pct = Number(tags.get('pct') ?? '100');
    const partial =
      rawPolicy !== 'none' && Number.isFinite(pct) && pct < 100 ? ` for ${pct}% of failing mail` : '';
    const summary = `The DMARC policy of ${domain} is ${rawPolicy}${source}: ${POLICY_MEANING[rawPolicy]}${partial}.`;
    return rawPolicy === 'none'
      ? {
          finding: finding(
            'info',
            summary,
            `Once the DMARC reports show that all your mail passes, raise the policy at ${name} to p=quarantine, then p=reject.`,
            record,
          ),
          info,
        }
      : { finding: finding('pass', summary, null, record), info };
  }

  return {
    finding: finding(
      'warn',
      `${domain} publishes no DMARC record at _dmarc.${domain}, so receivers apply their own policy and large mailbox providers may junk or refuse its mail.`,
      `Publish a TXT record at _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}".`,
      null,
    ),
    info: NO_DMARC,
  };
}
