/**
 * The profile: the settings of one SMTP relay as the seed page lists them.
 *
 * Pure zod and no Node or DOM imports: the renderer validates its form with these same
 * schemas, and main validates every IPC input with them again. Messages are i18n keys
 * (see locales/en.json), so the renderer shows them translated and the CLI in English.
 */
import { z } from 'zod';

export const SECURITY_MODES = ['none', 'starttls', 'tls'] as const;
export type Security = (typeof SECURITY_MODES)[number];

/** The port an administrator expects for each protocol; the form shows it as a hint. */
export const USUAL_PORT: Record<Security, number> = { none: 25, starttls: 587, tls: 465 };

const CR_LF = /[\r\n]/;
/** Control characters (C0 but tab, CR and LF, which have their own message; DEL). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * A string that never smuggles a CR or LF into an SMTP command or a header, nor a control
 * character (an escape sequence) into a terminal, a log or a header.
 */
export const singleLine = (max = 998) =>
  z
    .string()
    .max(max, { message: 'validation.tooLong' })
    .refine((value) => !CR_LF.test(value), { message: 'validation.noLineBreaks' })
    .refine((value) => CR_LF.test(value) || !CONTROL.test(value), {
      message: 'validation.noControlCharacters',
    });

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

export const hostSchema = singleLine(253)
  .refine((v) => v.trim().length > 0, { message: 'validation.hostRequired' })
  .refine((v) => v.trim().length === 0 || isValidHost(v.trim()), { message: 'validation.hostInvalid' });

export const portSchema = z
  .number({ message: 'validation.portRange' })
  .int({ message: 'validation.portRange' })
  .min(1, { message: 'validation.portRange' })
  .max(65535, { message: 'validation.portRange' });

export const addressSchema = singleLine(320).refine((v) => isValidAddress(v), {
  message: 'validation.addressInvalid',
});

/** Optional address: empty means not set. */
export const optionalAddressSchema = singleLine(320).refine((v) => v === '' || isValidAddress(v), {
  message: 'validation.addressInvalid',
});

/** The usual IMAP port of each protocol. */
export const USUAL_IMAP_PORT: Record<Security, number> = { none: 143, starttls: 143, tls: 993 };

/**
 * Delivery check: after the server accepts the test message, watch the recipient's mailbox
 * over IMAP until it arrives (Inbox or Junk). The IMAP password is in the keychain.
 */
export const deliverySettingsSchema = z
  .strictObject({
    enabled: z.boolean(),
    host: singleLine(253).refine((v) => v.trim() === '' || isValidHost(v.trim()), {
      message: 'validation.hostInvalid',
    }),
    port: portSchema,
    security: z.enum(SECURITY_MODES, { message: 'validation.securityInvalid' }),
    username: singleLine(320),
    /** How long to watch for the message, in seconds. */
    timeoutSeconds: z
      .number()
      .int({ message: 'validation.timeoutRange' })
      .min(1, { message: 'validation.timeoutRange' })
      .max(600, { message: 'validation.timeoutRange' }),
    /** Delete the test message once found. */
    cleanup: z.boolean(),
    /** Check the From domain's MX, SPF, DMARC (and DKIM for this selector) with each run. */
    dnsCheck: z.boolean(),
    dkimSelector: singleLine(63),
  })
  .superRefine((delivery, ctx) => {
    if (!delivery.enabled) return;
    if (delivery.host.trim() === '')
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'validation.hostRequired' });
    if (delivery.username.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'validation.imapUsernameRequired' });
    }
  });

export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;

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

const optionalUrl = singleLine(2000).refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), {
  message: 'validation.urlInvalid',
});

/**
 * OAuth2 sign-in settings (the administrator's own client registration). The mailbox (the
 * XOAUTH2 user) is the profile's `username`; a client secret, where the provider's
 * installed-app clients have one (Google), is in the keychain, never here.
 */
export const oauth2SettingsSchema = z
  .strictObject({
    provider: z.enum(OAUTH_PROVIDERS, { message: 'validation.invalid' }),
    /** Microsoft: the tenant id or domain, or `organizations` for any work account. */
    tenant: singleLine(100),
    /** Custom: the issuer (its /.well-known metadata is read), or the endpoints below. */
    issuer: optionalUrl,
    authorizationEndpoint: optionalUrl,
    tokenEndpoint: optionalUrl,
    deviceAuthorizationEndpoint: optionalUrl,
    clientId: singleLine(300),
    scopes: singleLine(1000),
  })
  .superRefine((o, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (o.clientId.trim() === '') issue('clientId', 'validation.clientIdRequired');
    if (o.scopes.trim() === '') issue('scopes', 'validation.scopesRequired');
    if (o.provider === 'microsoft' && !/^[A-Za-z0-9.-]{1,100}$/.test(o.tenant.trim()))
      issue('tenant', 'validation.tenantRequired');
    if (
      o.provider === 'custom' &&
      o.issuer === '' &&
      (o.authorizationEndpoint === '' || o.tokenEndpoint === '')
    )
      issue('issuer', 'validation.issuerRequired');
  });

export type OAuth2Settings = z.infer<typeof oauth2SettingsSchema>;

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
 * channel. Strict: an unknown key (a misplaced `password`, say) is refused, not dropped.
 */
const profileFieldsObject = z.strictObject({
  name: singleLine(100).refine((v) => v.trim().length > 0, { message: 'validation.nameRequired' }),
  host: hostSchema,
  port: portSchema,
  security: z.enum(SECURITY_MODES, { message: 'validation.securityInvalid' }),
  anonymous: z.boolean(),
  username: singleLine(320),
  from: addressSchema,
  replyTo: optionalAddressSchema,
  /** Id of an imported keystore presented as the client certificate (SSL keys page). */
  clientKeyId: z.string().max(100).nullable(),
  /** Ids of imported trusted certificates used beyond the system store. */
  trustedCertificateIds: z.array(z.string().max(100)).max(100),
  /** Test defaults: the recipient last used for this profile. */
  lastRecipient: optionalAddressSchema,
  /** The provider preset the profile started from (its guide and notes), or null. */
  presetId: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, { message: 'validation.idInvalid' })
    .nullable()
    .default(null),
  /**
   * The name given in EHLO: a domain name or an address literal; empty (the default) means
   * this machine's FQDN, else the connection's address literal.
   */
  ehloName: singleLine(255)
    .refine((v) => v === '' || isEhloDomain(v) || isAddressLiteral(v), {
      message: 'validation.ehloNameInvalid',
    })
    .default(''),
  /** Optional: prove delivery in the recipient's mailbox. Absent in settings saved before it existed. */
  delivery: deliverySettingsSchema.default(defaultDeliverySettings),
  /** How to log in; settings saved before OAuth2 existed read as `password`. */
  auth: z.enum(AUTH_METHODS, { message: 'validation.invalid' }).default('password'),
  /** The OAuth2 client, when `auth` is `oauth2` (kept, unused, when switched back to a password). */
  oauth2: oauth2SettingsSchema.nullable().default(null),
});

export const profileFieldsSchema = profileFieldsObject.superRefine((profile, ctx) => {
  if (!profile.anonymous && profile.username.trim() === '') {
    ctx.addIssue({ code: 'custom', path: ['username'], message: 'validation.usernameRequired' });
  }
  if (profile.auth === 'oauth2' && profile.oauth2 === null) {
    ctx.addIssue({ code: 'custom', path: ['oauth2'], message: 'validation.oauth2Required' });
  }
});

export type ProfileFields = z.infer<typeof profileFieldsSchema>;

/**
 * What can be kept of fields that fail validation (a settings file edited by hand or by
 * another version): each field that is valid on its own, the defaults for the rest. The
 * form opens with these to repair a broken profile.
 */
export function salvageProfileFields(raw: unknown): ProfileFields {
  const fields: Record<string, unknown> = { ...emptyProfileFields() };
  if (typeof raw !== 'object' || raw === null) return fields as ProfileFields;
  for (const [key, schema] of Object.entries(profileFieldsObject.shape)) {
    const parsed = (schema as z.ZodType).safeParse((raw as Record<string, unknown>)[key]);
    if (key in raw && parsed.success) fields[key] = parsed.data;
  }
  return fields as ProfileFields;
}
/** The fields as callers may give them: later additions (e.g. `delivery`) have defaults. */
export type ProfileFieldsInput = z.input<typeof profileFieldsSchema>;

/** The editable fields of anything shaped like a profile (a stored Profile has more keys). */
export function pickProfileFields(source: ProfileFieldsInput): ProfileFieldsInput {
  const keys = Object.keys(profileFieldsObject.shape) as Array<keyof ProfileFieldsInput>;
  return Object.fromEntries(
    keys.filter((key) => key in source).map((key) => [key, source[key]]),
  ) as ProfileFieldsInput;
}

/** A password as the user types it: any single line; the keychain stores it verbatim. */
export const passwordSchema = z
  .string()
  .min(1, { message: 'validation.passwordRequired' })
  .max(1024, { message: 'validation.tooLong' })
  .refine((v) => !CR_LF.test(v), { message: 'validation.noLineBreaks' });

export const profileIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'validation.idInvalid' });

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
