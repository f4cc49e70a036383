/**
 * One sentence of cause and fix for each SPF, DKIM and DMARC result that is not a pass,
 * written for the admin who can change the relay or the domain's DNS records, in the run's
 * language (`authExplanation.*` in the catalogues).
 */
import { isIP } from 'node:net';
import { createTranslator, type Language, type Translate } from '../i18n';

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

/** Results with a sentence of their own; any other reads as "the receiver reports …". */
const SPF_RESULTS = new Set(['fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);
const DKIM_RESULTS = new Set(['none', 'fail', 'neutral', 'temperror', 'permerror', 'policy']);
const DMARC_RESULTS = new Set(['fail', 'none', 'temperror', 'permerror']);

function mechanismFor(t: Translate, ip: string | null): string {
  if (!ip) return t('authExplanation.words.relaySpf');
  return `${isIP(ip) === 6 ? 'ip6' : 'ip4'}:${ip}`;
}

function explainSpf(t: Translate, c: AuthContext): string {
  const domain = c.domain ?? t('authExplanation.words.envelopeDomain');
  const relaySpf = t('authExplanation.words.relaySpf');
  const params = {
    domain,
    who: c.ip ?? t('authExplanation.words.sendingServer'),
    result: c.result,
    mechanism: mechanismFor(t, c.ip),
    add: c.ip
      ? t('authExplanation.words.addRelayOrIp', { domain, relaySpf, mechanism: mechanismFor(t, c.ip) })
      : t('authExplanation.words.addRelay', { domain, relaySpf }),
  };
  return SPF_RESULTS.has(c.result)
    ? t(`authExplanation.spf.${c.result as 'fail'}`, params)
    : t('authExplanation.spf.other', params);
}

function explainDkim(t: Translate, c: AuthContext): string {
  const domain = c.domain ?? t('authExplanation.words.signingDomain');
  const params = {
    domain,
    fromDomain: c.fromDomain ?? t('authExplanation.words.fromDomain'),
    result: c.result,
    key:
      c.selector && c.domain
        ? `${c.selector}._domainkey.${c.domain}`
        : t('authExplanation.words.selectorRecord', { domain }),
  };
  // Gmail and mailauth say "neutral (body hash did not verify)" for a body changed after signing.
  if (c.result === 'neutral' && c.reason && /body hash/i.test(c.reason)) {
    return t('authExplanation.dkim.bodyHash', params);
  }
  return DKIM_RESULTS.has(c.result)
    ? t(`authExplanation.dkim.${c.result as 'fail'}`, params)
    : t('authExplanation.dkim.other', params);
}

function explainDmarc(t: Translate, c: AuthContext): string {
  const params = {
    domain: c.fromDomain ?? c.domain ?? t('authExplanation.words.fromDomain'),
    result: c.result,
  };
  return DMARC_RESULTS.has(c.result)
    ? t(`authExplanation.dmarc.${c.result as 'fail'}`, params)
    : t('authExplanation.dmarc.other', params);
}

/** The sentence for one result in `language` (English when unset), or null when it is a pass (or needs none). */
export function explainAuthResult(c: AuthContext, language: Language = 'en'): string | null {
  const result = c.result.toLowerCase();
  const context = { ...c, result };
  if (result === 'pass') return null;
  const t = createTranslator(language);
  switch (c.method.toLowerCase()) {
    case 'spf':
      return explainSpf(t, context);
    case 'dkim':
      return explainDkim(t, context);
    case 'dmarc':
      return explainDmarc(t, context);
    case 'iprev':
      if (QUIET.has(result) || result === 'none') return null;
      return t('authExplanation.iprev', { ip: c.ip ?? t('authExplanation.words.sendingServer') });
    default: {
      if (QUIET.has(result) || result === 'none') return null;
      const params = { method: c.method.toUpperCase(), result, reason: c.reason ?? '' };
      return c.reason ? t('authExplanation.otherWithReason', params) : t('authExplanation.other', params);
    }
  }
}
