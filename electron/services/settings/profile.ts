/**
 * The profile's shape, its constants, defaults and the checks of a host, an address and an
 * EHLO name: everything about a profile but its zod schemas (./profile-schema.ts), which
 * check these same shapes. Code that needs only these (the window's first screen, which
 * loads zod with the first validation; the presets) imports them from here and so does not
 * load zod (npm run bench: the first screen's script).
 *
 * Pure: no zod, no Node or DOM imports.
 */

export const SECURITY_MODES = ['none', 'starttls', 'tls'] as const;
export type Security = (typeof SECURITY_MODES)[number];

/** The protocol as the app names it (SMTP, SMTP+STARTTLS, SMTPS). */
export const PROTOCOL_NAME: Record<Security, string> = {
  none: 'SMTP',
  starttls: 'SMTP+STARTTLS',
  tls: 'SMTPS',
};

export function isSecurity(value: string): value is Security {
  return (SECURITY_MODES as readonly string[]).includes(value);
}

/** The port an administrator expects for each protocol; the form shows it as a hint. */
export const USUAL_PORT: Record<Security, number> = { none: 25, starttls: 587, tls: 465 };

/** The usual IMAP port of each protocol. */
export const USUAL_IMAP_PORT: Record<Security, number> = { none: 143, starttls: 143, tls: 993 };

/** How the profile logs in: a password (AUTH PLAIN/LOGIN) or an OAuth2 access token (XOAUTH2). */
export const AUTH_METHODS = ['password', 'oauth2'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const OAUTH_PROVIDERS = ['google', 'microsoft', 'custom'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** The scopes each provider's SMTP needs; the form fills them in when the provider is picked. */
export const DEFAULT_OAUTH_SCOPES: Record<OAuthProvider, string> = {
  google: 'https://mail.google.com/',
  microsoft: 'https://outlook.office.com/SMTP.Send offline_access',
  custom: 'offline_access',
};

const HOST_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for an IPv6 literal, bracketed or not (the URL parser is the reference). */
function isIpv6(value: string): boolean {
  const bare = value.replace(/^\[(.*)\]$/, '$1');
  if (!bare.includes(':')) return false;
  try {
    return new URL(`http://[${bare}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** A host name (international names allowed), an IPv4 or an IPv6 address. */
export function isValidHost(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  if (IPV4.test(value) || isIpv6(value)) return true;
  if (/^[\d.]+$/.test(value)) return false; // looks like an IPv4 address but is not one
  const labels = value.replace(/\.$/, '').split('.');
  return labels.every((label) => HOST_LABEL.test(label));
}

/**
 * An address as RFC 6531 allows it: a UTF-8 local part (no quoting, no spaces) and a
 * host name that may be international. Display names are not part of this field.
 */
export function isValidAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at < 1 || at === value.length - 1 || value.length > 320) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !/^[^\s@<>()[\],;:"\\]+$/u.test(local)) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return isValidHost(domain) && !IPV4.test(domain) && domain.includes('.');
}

const LDH_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** A domain name in EHLO's syntax (RFC 5321 "Domain"): LDH labels, the last not all digits. */
export function isEhloDomain(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split('.');
  return labels.every((label) => LDH_LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

/** An address literal as EHLO writes it (RFC 5321 4.1.3): `[192.0.2.7]` or `[IPv6:2001:db8::7]`. */
export function isAddressLiteral(value: string): boolean {
  const inner = /^\[(.*)\]$/.exec(value)?.[1];
  if (inner === undefined) return false;
  return inner.startsWith('IPv6:') ? !inner.includes('[') && isIpv6(inner.slice(5)) : IPV4.test(inner);
}

/**
 * Delivery check: after the server accepts the test message, watch the recipient's mailbox
 * over IMAP until it arrives (Inbox or Junk). The IMAP password is in the keychain.
 */
export type DeliverySettings = {
  enabled: boolean;
  host: string;
  port: number;
  security: Security;
  username: string;
  /** How long to watch for the message, in seconds. */
  timeoutSeconds: number;
  /** Delete the test message once found. */
  cleanup: boolean;
  /** Check the From domain's MX, SPF, DMARC (and DKIM for this selector) with each run. */
  dnsCheck: boolean;
  dkimSelector: string;
};

export function defaultDeliverySettings(): DeliverySettings {
  return {
    enabled: false,
    host: '',
    port: USUAL_IMAP_PORT.tls,
    security: 'tls',
    username: '',
    timeoutSeconds: 120,
    cleanup: false,
    dnsCheck: false,
    dkimSelector: '',
  };
}

/**
 * OAuth2 sign-in settings (the administrator's own client registration). The mailbox (the
 * XOAUTH2 user) is the profile's `username`; a client secret, where the provider's
 * installed-app clients have one (Google), is in the keychain, never here.
 */
export type OAuth2Settings = {
  provider: OAuthProvider;
  /** Microsoft: the tenant id or domain, or `organizations` for any work account. */
  tenant: string;
  /** Custom: the issuer (its /.well-known metadata is read), or the endpoints below. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  deviceAuthorizationEndpoint: string;
  clientId: string;
  scopes: string;
};

export function defaultOAuth2Settings(provider: OAuthProvider = 'microsoft'): OAuth2Settings {
  return {
    provider,
    tenant: provider === 'microsoft' ? 'organizations' : '',
    issuer: '',
    authorizationEndpoint: '',
    tokenEndpoint: '',
    deviceAuthorizationEndpoint: '',
    clientId: '',
    scopes: DEFAULT_OAUTH_SCOPES[provider],
  };
}

/**
 * What the user edits. `password` is not here: it goes to the keychain through its own
 * channel. (Object types rather than interfaces, as zod infers them: a plain record.)
 */
export type ProfileFields = {
  name: string;
  host: string;
  port: number;
  security: Security;
  anonymous: boolean;
  username: string;
  from: string;
  replyTo: string;
  /** Id of an imported keystore presented as the client certificate (SSL keys page). */
  clientKeyId: string | null;
  /** Ids of imported trusted certificates used beyond the system store. */
  trustedCertificateIds: string[];
  /** Test defaults: the recipient last used for this profile. */
  lastRecipient: string;
  /** The provider preset the profile started from (its guide and notes), or null. */
  presetId: string | null;
  /**
   * The name given in EHLO: a domain name or an address literal; empty (the default) means
   * this machine's FQDN, else the connection's address literal.
   */
  ehloName: string;
  /** Optional: prove delivery in the recipient's mailbox. Absent in settings saved before it existed. */
  delivery: DeliverySettings;
  /** How to log in; settings saved before OAuth2 existed read as `password`. */
  auth: AuthMethod;
  /** The OAuth2 client, when `auth` is `oauth2` (kept, unused, when switched back to a password). */
  oauth2: OAuth2Settings | null;
};

/** The fields with a default, which callers may leave out (later additions, e.g. `delivery`). */
type DefaultedField = 'presetId' | 'ehloName' | 'delivery' | 'auth' | 'oauth2';

/** The fields as callers may give them: later additions (e.g. `delivery`) have defaults. */
export type ProfileFieldsInput = Omit<ProfileFields, DefaultedField> &
  Partial<Pick<ProfileFields, DefaultedField>>;

/** Every editable field, in the form's order: the keys of the defaults, so none can be left out. */
const PROFILE_FIELD_KEYS = Object.keys(emptyProfileFields()) as Array<keyof ProfileFields>;

/** The editable fields of anything shaped like a profile (a stored Profile has more keys). */
export function pickProfileFields(source: ProfileFields): ProfileFields;
export function pickProfileFields(source: ProfileFieldsInput): ProfileFieldsInput;
export function pickProfileFields(source: ProfileFieldsInput): ProfileFieldsInput {
  return Object.fromEntries(
    PROFILE_FIELD_KEYS.filter((key) => key in source).map((key) => [key, source[key]]),
  ) as ProfileFieldsInput;
}

/** A profile as stored and as shown: never the password, only whether one is set. */
export interface Profile extends ProfileFields {
  id: string;
  passwordSet: boolean;
  imapPasswordSet: boolean;
  /** OAuth2: a client secret is in the keychain. */
  oauthClientSecretSet: boolean;
  /** OAuth2: a refresh token (a sign-in) is in the keychain. */
  oauthSignedIn: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Defaults for the "New profile" form (Custom). */
export function emptyProfileFields(): ProfileFields {
  return {
    name: '',
    host: '',
    port: USUAL_PORT.starttls,
    security: 'starttls',
    anonymous: false,
    username: '',
    from: '',
    replyTo: '',
    clientKeyId: null,
    trustedCertificateIds: [],
    lastRecipient: '',
    presetId: null,
    ehloName: '',
    delivery: defaultDeliverySettings(),
    auth: 'password',
    oauth2: null,
  };
}
