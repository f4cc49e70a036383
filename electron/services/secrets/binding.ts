/**
 * What a saved secret is bound to: the destination it was saved for, as plain values that
 * are not secret themselves. An SMTP password is bound to the profile's host, port,
 * security and username; an IMAP password to the IMAP host, port, security and user; a
 * keystore passphrase to its keystore's bytes; an OAuth2 client secret to its provider,
 * authorization server and client ID, a refresh token to those and the mailbox. A run whose values differ does not get the
 * secret without the user's consent (SecretStore.getBound); a refresh token not at all.
 */
import { createHash } from 'node:crypto';
import type { DeliverySettings, OAuth2Settings, ProfileFields } from '../settings/profile';

/** Field → value; a field named `host` is compared without case or a trailing dot. */
export type SecretBinding = Readonly<Record<string, string | number>>;

/** A host name as DNS compares it: trimmed, lower case, without the root's trailing dot. */
export function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

function canonical(binding: SecretBinding): string {
  const entries = Object.keys(binding)
    .sort()
    .map((key) => [key, key === 'host' ? normalHost(String(binding[key])) : binding[key]]);
  return JSON.stringify(entries);
}

export function sameBinding(a: SecretBinding, b: SecretBinding): boolean {
  return canonical(a) === canonical(b);
}

/** The SMTP password's destination. */
export function smtpBinding(fields: Pick<ProfileFields, 'host' | 'port' | 'security' | 'username'>) {
  return {
    host: normalHost(fields.host),
    port: fields.port,
    security: fields.security,
    username: fields.username,
  } satisfies SecretBinding;
}

/** The delivery check's IMAP password's destination. */
export function imapBinding(delivery: Pick<DeliverySettings, 'host' | 'port' | 'security' | 'username'>) {
  return smtpBinding(delivery);
}

/** A keystore passphrase belongs to the keystore's files, byte for byte. */
export function keystoreBinding(files: ReadonlyArray<Uint8Array>): SecretBinding {
  const hash = createHash('sha256');
  for (const bytes of files) hash.update(createHash('sha256').update(bytes).digest());
  return { keystoreSha256: hash.digest('hex') };
}

/**
 * An OAuth2 client secret belongs to its client: the provider, its authorization server
 * (the Microsoft tenant, a custom issuer or token endpoint) and the client ID. It is sent to
 * that authorization server only.
 */
export function oauth2ClientBinding(settings: OAuth2Settings) {
  const server =
    settings.provider === 'microsoft'
      ? settings.tenant.trim().toLowerCase()
      : settings.provider === 'custom'
        ? settings.issuer || settings.tokenEndpoint
        : '';
  return { provider: settings.provider, server, clientId: settings.clientId.trim() } satisfies SecretBinding;
}

/**
 * An OAuth2 refresh token belongs to the sign-in that issued it: its client (as above) and
 * the mailbox (the XOAUTH2 user). Another client or mailbox must sign in again: a token is
 * never re-pointed, not even with consent.
 */
export function oauth2Binding(fields: Pick<ProfileFields, 'username'>, settings: OAuth2Settings) {
  return {
    ...oauth2ClientBinding(settings),
    mailbox: fields.username.trim().toLowerCase(),
  } satisfies SecretBinding;
}
