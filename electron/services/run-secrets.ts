/**
 * The passwords of one run of a saved profile, under the binding rule (DESIGN.md "Where a
 * saved secret may go"): a saved password is used only for the host, port, security and
 * username it was saved for, or with the user's consent naming the new destination; a
 * password typed for this run is used as given. Plain-text logins to a host that is not
 * loopback need consent too. The app and the CLI share this; each words the outcome itself.
 */
import { hasConsent, plaintextLogins, type Consent, type ConsentRequest } from './consent';
import { imapBinding, smtpBinding, type SecretBinding } from './secrets/binding';
import type { SecretStore } from './secrets/secret-store';
import type { SavedDestination } from './settings/consent-schema';
import { SECURITY_MODES, type Profile, type ProfileFields } from './settings/profile';

export interface RunSecretsInput {
  /** The profile as saved. */
  profile: Profile;
  /** The settings the run will use (an unsaved form, the CLI's flags over the profile). */
  fields: ProfileFields;
  /** How the run logs in to SMTP: with a password (saved or given), an OAuth2 token, or not at all. */
  smtpLogin: 'password' | 'oauth2' | 'none';
  /** Whether the run logs in to IMAP (the delivery check). */
  verify: boolean;
  /** Passwords given for this run only (typed again, --password-env): used as they are. */
  password?: string | null | undefined;
  imapPassword?: string | null | undefined;
  consents?: readonly Consent[] | undefined;
}

export interface RunSecrets {
  password: string | null;
  imapPassword: string | null;
  /** Secrets the run needs that are neither saved nor given. */
  missing: Array<'smtp-password' | 'imap-password'>;
  /** Consents the run needs and was not given; the run must not start while any remain. */
  needed: ConsentRequest[];
}

/** The saved binding as a destination the user can read, or null for one of another shape. */
function savedDestination(binding: SecretBinding | null): SavedDestination | null {
  if (!binding) return null;
  const { host, port, security, username } = binding;
  const known = SECURITY_MODES.find((mode) => mode === security);
  if (typeof host !== 'string' || typeof port !== 'number' || !known || typeof username !== 'string') {
    return null;
  }
  return { host, port, security: known, username };
}

type Got = { secret: string | null; request: ConsentRequest | null };

/** A secret for the run: none when it does not log in, the typed one, else the saved one if bound. */
async function secretFor(
  secrets: SecretStore,
  kind: 'smtp-password' | 'imap-password',
  used: boolean,
  typed: string | null | undefined,
  id: string,
  binding: { wanted: ReturnType<typeof smtpBinding>; saved: SecretBinding },
  consents: readonly Consent[],
): Promise<Got> {
  if (!used) return { secret: null, request: null };
  if (typed) return { secret: typed, request: null };
  const read = await secrets.getBound(kind, id, binding.wanted, { adopt: binding.saved });
  if (read.state === 'bound') return { secret: read.secret, request: null };
  if (read.state === 'missing') return { secret: null, request: null };
  const request: ConsentRequest = {
    kind: 'saved-secret',
    secret: kind,
    ...binding.wanted,
    savedFor: savedDestination(read.savedFor),
  };
  if (!hasConsent(consents, request)) return { secret: null, request };
  return { secret: await secrets.get(kind, id), request: null };
}

export async function secretsForRun(secrets: SecretStore, input: RunSecretsInput): Promise<RunSecrets> {
  const { profile, fields } = input;
  const consents = input.consents ?? [];
  const needed: ConsentRequest[] = [];
  const missing: RunSecrets['missing'] = [];

  const smtp = await secretFor(
    secrets,
    'smtp-password',
    input.smtpLogin === 'password',
    input.password,
    profile.id,
    { wanted: smtpBinding(fields), saved: smtpBinding(profile) },
    consents,
  );
  const imap = await secretFor(
    secrets,
    'imap-password',
    input.verify,
    input.imapPassword,
    profile.id,
    { wanted: imapBinding(fields.delivery), saved: imapBinding(profile.delivery) },
    consents,
  );
  for (const [kind, got] of [
    ['smtp-password', smtp],
    ['imap-password', imap],
  ] as const) {
    if (got.request) needed.push(got.request);
    else if (
      got.secret === null &&
      (kind === 'smtp-password' ? input.smtpLogin === 'password' : input.verify)
    )
      missing.push(kind);
  }
  const logins = {
    smtp: input.smtpLogin === 'oauth2' || smtp.secret !== null || smtp.request !== null,
    imap: imap.secret !== null || imap.request !== null,
  };
  needed.push(...plaintextLogins(fields, logins).filter((request) => !hasConsent(consents, request)));
  return { password: smtp.secret, imapPassword: imap.secret, missing, needed };
}
