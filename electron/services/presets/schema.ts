/**
 * The shape of the bundled provider data (presets.json, hosted-relays.json), checked with zod
 * by test/unit/presets: a typo in the data fails there, not a user's run. The files hold data
 * only (ids, hosts, ports, dates); what a person reads about a preset or a hosted relay is in
 * the catalogues, under `presets.<id>.*` and `hostedRelays.<id>` (see preset-text.ts).
 *
 * Pure zod, no Node or DOM imports: the renderer may show presets from the same module.
 */
import { z } from 'zod';
import { SECURITY_MODES } from '../settings/profile';

export const PRESET_IDS = [
  'gmail',
  'google-workspace',
  'google-workspace-relay',
  'microsoft-365',
  'outlook-com',
  'amazon-ses',
  'sendgrid',
  'mailgun',
  'postmark',
  'fastmail',
  'icloud',
  'yahoo',
  'zoho',
  'local-relay',
  'custom',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export const APP_PASSWORD_KINDS = ['google', 'microsoft', 'apple', 'yahoo', 'zoho', 'fastmail'] as const;
export type AppPasswordKind = (typeof APP_PASSWORD_KINDS)[number];

const security = z.enum(SECURITY_MODES);
/** The last part of a catalogue key: a note's or a relay's id. */
const catalogueId = z.string().regex(/^[a-z][A-Za-z0-9-]*$/);
const port = z.number().int().min(1).max(65_535);

/** An https:// URL (the provider's own page). */
export const httpsUrl = z.string().refine((value) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}, 'expected an https:// URL');

/** A calendar date, YYYY-MM-DD, that exists. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a real date');

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A lower-case host name, or (with a leading dot) a suffix that matches the names under it. */
export const hostPattern = z
  .string()
  .refine(
    (value) => HOST_NAME.test(value.startsWith('.') ? value.slice(1) : value),
    'expected a host pattern',
  );

const presetSchema = z
  .object({
    id: z.enum(PRESET_IDS),
    /** The provider's own name, shown as it is in every language. */
    name: z.string().trim().min(1),
    /** Empty for Custom only; for SES a template with `{region}`. */
    host: z.string(),
    regions: z
      .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/))
      .min(1)
      .optional(),
    /** The host to propose when the provider was recognised from a domain's MX records (Zoho's organisation host). */
    mxHost: z.string().regex(HOST_NAME).optional(),
    port,
    security,
    /** Other ports the provider offers; each says when to use it in `presets.<id>.ports.<port>`. */
    alternatives: z.array(z.object({ port, security }).strict()).optional(),
    anonymous: z.boolean(),
    fixedUsername: z.string().min(1).optional(),
    appPassword: z.enum(APP_PASSWORD_KINDS).optional(),
    /** Where the account owner creates an app password. */
    appPasswordUrl: httpsUrl.optional(),
    /** What is worth knowing, each said in `presets.<id>.notes.<note id>`; a dated one holds until `until`. */
    notes: z.array(z.object({ id: catalogueId, until: isoDate.optional() }).strict()),
    /** Address domains that identify the provider offline (gmail.com, googlemail.com). */
    domains: z.array(z.string().regex(HOST_NAME)).optional(),
    mxPatterns: z.array(hostPattern),
    documentationUrl: httpsUrl,
    hostedRelay: z.literal(false).optional(),
  })
  .strict()
  .superRefine((preset, ctx) => {
    const template = preset.host.includes('{region}');
    if (preset.id === 'custom') {
      if (preset.host !== '') ctx.addIssue({ code: 'custom', path: ['host'], message: 'Custom has no host' });
    } else if (!HOST_NAME.test(preset.host.replace('{region}', 'us-east-1'))) {
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'expected a host name' });
    }
    if (template !== Boolean(preset.regions)) {
      ctx.addIssue({
        code: 'custom',
        path: ['regions'],
        message: 'a {region} host template and a regions list go together',
      });
    }
    const seen = new Set([`${preset.port}/${preset.security}`]);
    for (const [i, alternative] of (preset.alternatives ?? []).entries()) {
      const key = `${alternative.port}/${alternative.security}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['alternatives', i], message: `${key} is listed twice` });
      }
      seen.add(key);
    }
  });

export type Preset = z.infer<typeof presetSchema>;
export type PresetSecurity = Preset['security'];

export const presetListSchema = z.array(presetSchema).superRefine((presets, ctx) => {
  const ids = new Set<string>();
  const domains = new Map<string, string>();
  for (const [i, preset] of presets.entries()) {
    if (ids.has(preset.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${preset.id} twice` });
    ids.add(preset.id);
    for (const domain of preset.domains ?? []) {
      const other = domains.get(domain);
      if (other) {
        ctx.addIssue({ code: 'custom', path: [i, 'domains'], message: `${domain} is ${other}'s already` });
      }
      domains.set(domain, preset.id);
    }
  }
});

/** A vendor's hosted relay: the host pattern, and the id of its note (`hostedRelays.<id>`). */
export const hostedRelaySchema = z.object({ pattern: hostPattern, id: catalogueId }).strict();
export type HostedRelay = z.infer<typeof hostedRelaySchema>;

export const hostedRelayListSchema = z.array(hostedRelaySchema);
