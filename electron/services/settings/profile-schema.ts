/**
 * The profile: the settings of one SMTP relay as the seed page lists them, checked.
 *
 * Pure zod and no Node or DOM imports: the renderer validates its form with these same
 * schemas, and main validates every IPC input with them again. The schemas check the shape;
 * what each value must be is its rule in ./field-rules.ts (no zod, shared with the command
 * line), whose problems are i18n keys (see locales/en.json), so the renderer shows them
 * translated. The shapes, the constants and the host and address checks are in ./profile.ts
 * (no zod): import them from there, so that code which needs no schema does not load zod.
 */
import { z } from 'zod';
import {
  AUTH_METHODS,
  defaultDeliverySettings,
  emptyProfileFields,
  OAUTH_PROVIDERS,
  SECURITY_MODES,
  type DeliverySettings,
  type OAuth2Settings,
  type ProfileFields,
  type ProfileFieldsInput,
} from './profile';
import {
  DELIVERY_RULES,
  deliveryRequirements,
  lineProblem,
  OAUTH2_RULES,
  oauth2Requirements,
  PROFILE_RULES,
  profileRequirements,
  RULES,
  type FieldProblem,
  type Problem,
} from './field-rules';

/** A zod check that reports a rule's problem (./field-rules.ts) as the issue's message. */
function ruled<T>(rule: (value: T) => Problem) {
  return (value: T, ctx: z.RefinementCtx<T>) => {
    const message = rule(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };
}

/** Adds the problems of a rule that joins fields, each on its own path. */
function report(ctx: z.RefinementCtx<unknown>, problems: readonly FieldProblem[]): void {
  for (const { path, message } of problems) ctx.addIssue({ code: 'custom', path, message });
}

/** A string field under its rule. */
const text = (rule: (value: string) => Problem) => z.string().superRefine(ruled(rule));

/** A single line of at most `max` characters (see lineProblem). */
export const singleLine = (max = 998) => text((value) => lineProblem(value, max));

export const hostSchema = text(RULES.host);

export const portSchema = z.number({ message: 'validation.portRange' }).superRefine(ruled(RULES.port));

export const addressSchema = text(RULES.address);

/** Optional address: empty means not set. */
export const optionalAddressSchema = text(RULES.optionalAddress);

/** The delivery check's settings (DeliverySettings). */
export const deliverySettingsSchema = z
  .strictObject({
    enabled: z.boolean(),
    host: text(DELIVERY_RULES.host),
    port: portSchema,
    security: z.enum(SECURITY_MODES, { message: 'validation.securityInvalid' }),
    username: text(DELIVERY_RULES.username),
    /** How long to watch for the message, in seconds. */
    timeoutSeconds: z
      .number({ message: 'validation.timeoutRange' })
      .superRefine(ruled(DELIVERY_RULES.timeoutSeconds)),
    /** Delete the test message once found. */
    cleanup: z.boolean(),
    /** Check the From domain's MX, SPF, DMARC (and DKIM for this selector) with each run. */
    dnsCheck: z.boolean(),
    dkimSelector: text(DELIVERY_RULES.dkimSelector),
  })
  .superRefine((delivery, ctx) =>
    report(ctx, deliveryRequirements(delivery)),
  ) satisfies z.ZodType<DeliverySettings>;

/** OAuth2 sign-in settings (OAuth2Settings). */
export const oauth2SettingsSchema = z
  .strictObject({
    provider: z.enum(OAUTH_PROVIDERS, { message: 'validation.invalid' }),
    /** Microsoft: the tenant id or domain, or `organizations` for any work account. */
    tenant: text(OAUTH2_RULES.tenant),
    /** Custom: the issuer (its /.well-known metadata is read), or the endpoints below. */
    issuer: text(OAUTH2_RULES.issuer),
    authorizationEndpoint: text(OAUTH2_RULES.authorizationEndpoint),
    tokenEndpoint: text(OAUTH2_RULES.tokenEndpoint),
    deviceAuthorizationEndpoint: text(OAUTH2_RULES.deviceAuthorizationEndpoint),
    clientId: text(OAUTH2_RULES.clientId),
    scopes: text(OAUTH2_RULES.scopes),
  })
  .superRefine((o, ctx) => report(ctx, oauth2Requirements(o))) satisfies z.ZodType<OAuth2Settings>;

/**
 * What the user edits (ProfileFields). Strict: an unknown key (a misplaced `password`, say)
 * is refused, not dropped.
 */
const profileFieldsObject = z.strictObject({
  name: text(PROFILE_RULES.name),
  host: hostSchema,
  port: portSchema,
  security: z.enum(SECURITY_MODES, { message: 'validation.securityInvalid' }),
  anonymous: z.boolean(),
  username: text(PROFILE_RULES.username),
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
  ehloName: text(PROFILE_RULES.ehloName).default(''),
  /** Optional: prove delivery in the recipient's mailbox. Absent in settings saved before it existed. */
  delivery: deliverySettingsSchema.default(defaultDeliverySettings),
  /** How to log in; settings saved before OAuth2 existed read as `password`. */
  auth: z.enum(AUTH_METHODS, { message: 'validation.invalid' }).default('password'),
  /** The OAuth2 client, when `auth` is `oauth2` (kept, unused, when switched back to a password). */
  oauth2: oauth2SettingsSchema.nullable().default(null),
});

export const profileFieldsSchema = profileFieldsObject.superRefine((profile, ctx) =>
  report(ctx, profileRequirements(profile)),
) satisfies z.ZodType<ProfileFields, ProfileFieldsInput>;

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
export const passwordSchema = text(RULES.password);

export const profileIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'validation.idInvalid' });
