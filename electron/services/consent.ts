/**
 * What a run may only do with the user's explicit consent (DESIGN.md "Where a saved secret
 * may go"): send a saved password to a destination it was not saved for, and log in over
 * plain text to a host that is not loopback. A run that needs consent sends nothing and
 * says what it needs; the caller asks and runs again with the consents given, each naming
 * the destination it was given for, so a consent for one host never covers another.
 */
import { isIP } from 'node:net';
import { AppError } from './errors';
import { createTranslator, joinSentences, translateKey, type Translate } from './i18n';
import { normalHost } from './secrets/binding';
import type { ProfileFields } from './settings/profile';
import type { Consent, ConsentRequest } from './settings/consent-schema';

export type { Consent, ConsentRequest } from './settings/consent-schema';

const key = ({ savedFor: _shown, ...consent }: ConsentRequest) =>
  JSON.stringify({ ...consent, host: normalHost(consent.host) }, Object.keys(consent).sort());

/** True when `given` holds this very consent (same kind, secret or service, and destination). */
export function hasConsent(given: readonly Consent[], needed: ConsentRequest): boolean {
  return given.some((consent) => key(consent) === key(needed));
}

/**
 * True for a host whose traffic never leaves the machine: `localhost` (and names under
 * it, RFC 6761) and loopback addresses. Decided on the name as given, before any lookup.
 */
export function isLoopbackHost(host: string): boolean {
  const name = normalHost(host).replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return /^(0*:)*:?0*1$/.test(name) || /^::ffff:127\./.test(name);
  return false;
}

/** The plain-text logins of a run: SMTP when it logs in over `none`, IMAP likewise. */
export function plaintextLogins(
  fields: Pick<ProfileFields, 'host' | 'security' | 'delivery'>,
  logins: { smtp: boolean; imap: boolean },
): ConsentRequest[] {
  const needed: ConsentRequest[] = [];
  if (logins.smtp && fields.security === 'none' && !isLoopbackHost(fields.host)) {
    needed.push({ kind: 'plaintext-auth', service: 'smtp', host: fields.host.trim() });
  }
  const { delivery } = fields;
  if (logins.imap && delivery.security === 'none' && !isLoopbackHost(delivery.host)) {
    needed.push({ kind: 'plaintext-auth', service: 'imap', host: delivery.host.trim() });
  }
  return needed;
}

/**
 * One sentence per consent (`consent.*` in the catalogues; the UI words them from the same
 * keys). `prefix` picks the wording: `consent` asks, `consentCli` tells the CLI's flags.
 */
export function consentSentence(
  request: ConsentRequest,
  t: Translate = createTranslator('en'),
  prefix: 'consent' | 'consentCli' = 'consent',
  profile = '',
): string {
  if (request.kind === 'plaintext-auth') {
    return translateKey(t, `${prefix}.plaintext.${request.service}`, { host: request.host });
  }
  const which = request.secret === 'imap-password' ? 'imap' : 'smtp';
  return translateKey(t, `${prefix}.savedSecret.${which}`, {
    profile,
    host: request.host,
    savedFor: request.savedFor?.host ?? t('consent.savedForUnknown'),
  });
}

/** Raised when a run needs consent: nothing was sent, `consents` says what to ask. */
export class ConsentRequiredError extends AppError {
  readonly consents: ConsentRequest[];

  constructor(consents: ConsentRequest[]) {
    super('CONSENT_REQUIRED', joinSentences(consents.map((request) => consentSentence(request))));
    this.name = 'ConsentRequiredError';
    this.consents = consents;
  }

  /** Each consent's question in the reader's language. */
  override say(t?: Translate): string {
    return joinSentences(this.consents.map((request) => consentSentence(request, t)));
  }
}
