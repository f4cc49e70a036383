/**
 * The profile: the settings of one SMTP relay as the seed page lists them, checked.
 *
 * Pure zod and no Node or DOM imports: the renderer validates its form with these same
 * schemas, and main validates every IPC input with them again. Messages are i18n keys
 * (see locales/en.json), so the renderer shows them translated and the CLI in English.
 * The shapes they check, the constants and the host and address checks are in ./profile.ts
 * (no zod), re-exported here.
 */
import { z } from 'zod';
import {
  AUTH_METHODS,
  defaultDeliverySettings,
  emptyProfileFields,
  isAddressLiteral,
  isEhloDomain,
  isValidAddress,
  isValidHost,
  OAUTH_PROVIDERS,
  SECURITY_MODES,
  type DeliverySettings,
  type OAuth2Settings,
  type ProfileFields,
  type ProfileFieldsInput,
} from './profile';

export * from './profile';

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

/** The delivery check's settings (DeliverySettings). */
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
  }) satisfies z.ZodType<DeliverySettings>;

const optionalUrl = singleLine(2000).refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), {
  message: 'validation.urlInvalid',
});

/** OAuth2 sign-in settings (OAuth2Settings). */
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
  }) satisfies z.ZodType<OAuth2Settings>;

/**
 * What the user edits (ProfileFields). Strict: an unknown key (a misplaced `password`, say)
 * is refused, not dropped.
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
}) satisfies z.ZodType<ProfileFields, ProfileFieldsInput>;

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

/** A password as the user types it: any single line; the keychain stores it verbatim. */
export const passwordSchema = z
  .string()
  .min(1, { message: 'validation.passwordRequired' })
  .max(1024, { message: 'validation.tooLong' })
  .refine((v) => !CR_LF.test(v), { message: 'validation.noLineBreaks' });

export const profileIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'validation.idInvalid' });
