/**
 * The settings of a CLI run: a saved profile (`--profile NAME`, read from the app's own
 * store and keychain) or settings given as flags. Either way they pass the same zod
 * schema as the app's form, and a password is never taken as an argument: only from an
 * environment variable, standard input or the keychain.
 */
import { readFile } from 'node:fs/promises';
import {
  defaultDeliverySettings,
  emptyProfileFields,
  pickProfileFields,
  profileFieldsSchema,
  type ProfileFields,
  SECURITY_MODES,
  type Security,
  USUAL_PORT,
} from '../electron/services/settings/profile-schema';
import { describeIssues } from '../electron/services/messages';
import { PRESETS, presetById, presetHost, type Preset } from '../electron/services/presets';
import type { Services } from '../electron/services/services';
import type { TlsMaterial } from '../electron/services/smtp/tls-options';
import { UsageError } from './usage-error';

export interface TestFlags {
  profile?: string;
  host?: string;
  port?: string;
  security?: string;
  anonymous?: boolean;
  user?: string;
  passwordEnv?: string;
  passwordStdin?: boolean;
  from?: string;
  replyTo?: string;
  ca?: string[];
  servername?: string;
  timeout?: string;
  preset?: string;
  region?: string;
  checkDns?: boolean;
  dkimSelector?: string;
  to: string;
}

export interface ResolvedSettings {
  profileId: string | null;
  fields: ProfileFields;
  password: string | null;
  tls: TlsMaterial;
  timeoutMs: number | undefined;
}

const AD_HOC_FLAGS = ['preset', 'host', 'port', 'security', 'anonymous', 'user', 'from', 'replyTo'] as const;
const FLAG_NAMES: Record<string, string> = { replyTo: '--reply-to' };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function passwordFromFlags(flags: TestFlags, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (flags.passwordEnv && flags.passwordStdin)
    throw new UsageError('Give the password one way: --password-env or --password-stdin.');
  if (flags.passwordEnv) {
    const value = env[flags.passwordEnv];
    if (!value)
      throw new UsageError(
        `The environment variable ${flags.passwordEnv} (from --password-env) is not set or empty.`,
      );
    return value;
  }
  if (flags.passwordStdin) {
    const value = await readStdin();
    if (!value) throw new UsageError('--password-stdin was given but standard input was empty.');
    return value;
  }
  return null;
}

export function parseSeconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    throw new UsageError(`${flag} must be a number of seconds between 0 and 600, not “${value}”.`);
  }
  return Math.round(seconds * 1000);
}

export async function tlsFromFlags(flags: Pick<TestFlags, 'ca' | 'servername'>): Promise<TlsMaterial> {
  const ca = await Promise.all(
    (flags.ca ?? []).map(async (file) => {
      const pem = await readFile(file, 'utf8').catch(() => {
        throw new UsageError(`Cannot read the CA file ${file}.`);
      });
      if (!pem.includes('-----BEGIN CERTIFICATE-----'))
        throw new UsageError(`${file} is not a PEM certificate file.`);
      return pem;
    }),
  );
  return { ...(ca.length ? { ca } : {}), ...(flags.servername ? { servername: flags.servername } : {}) };
}

/** --check-dns (and --dkim-selector) turn the From-domain check on for a saved profile too. */
function withDnsCheck(fields: ProfileFields, flags: TestFlags): ProfileFields {
  if (!flags.checkDns && flags.dkimSelector === undefined) return fields;
  const delivery = {
    ...fields.delivery,
    dnsCheck: true,
    dkimSelector: flags.dkimSelector ?? fields.delivery.dkimSelector,
  };
  return validate({ ...fields, delivery });
}

/** --preset NAME: the provider's host, port and protocol (and fixed username), from the bundled presets. */
function presetFromFlags(flags: TestFlags): Preset | undefined {
  if (flags.preset === undefined) return undefined;
  if (flags.host !== undefined) throw new UsageError('--preset cannot be combined with --host.');
  const preset = presetById(flags.preset.toLowerCase());
  if (!preset || preset.id === 'custom') {
    const ids = PRESETS.filter((p) => p.id !== 'custom').map((p) => p.id);
    throw new UsageError(`There is no preset “${flags.preset}”; choose one of ${ids.join(', ')}.`);
  }
  return preset;
}

function presetHostFor(preset: Preset, region: string | undefined): string {
  if (region !== undefined && !preset.regions?.includes(region)) {
    throw new UsageError(
      `--region for ${preset.name} must be one of ${(preset.regions ?? []).join(', ') || '(none)'}.`,
    );
  }
  return presetHost(preset, region);
}

function validate(fields: unknown): ProfileFields {
  const parsed = profileFieldsSchema.safeParse(fields);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues));
  return parsed.data;
}

export async function resolveSettings(
  flags: TestFlags,
  services: () => Services,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedSettings> {
  const timeoutMs = parseSeconds(flags.timeout, '--timeout');
  const tls = await tlsFromFlags(flags);
  const password = await passwordFromFlags(flags, env);

  if (flags.profile !== undefined) {
    const clash = AD_HOC_FLAGS.find((f) => flags[f] !== undefined);
    if (clash)
      throw new UsageError(`--profile cannot be combined with ${FLAG_NAMES[clash] ?? `--${clash}`}.`);
    const { profiles, secrets } = services();
    const profile = profiles.findByName(flags.profile);
    if (!profile) throw new UsageError(`There is no profile named “${flags.profile}”.`);
    const fields = withDnsCheck(validate(pickProfileFields(profile)), flags);
    const stored =
      fields.anonymous || password !== null ? null : await secrets.get('smtp-password', profile.id);
    if (!fields.anonymous && password === null && stored === null) {
      throw new UsageError(
        `The profile “${profile.name}” has no password set; set it in the app or pass --password-env.`,
      );
    }
    return { profileId: profile.id, fields, password: password ?? stored, tls, timeoutMs };
  }

  const preset = presetFromFlags(flags);
  const host = flags.host ?? (preset ? presetHostFor(preset, flags.region) : undefined);
  if (!host)
    throw new UsageError(
      'Give --profile NAME, --preset NAME, or the settings: --host, --port, --security, --from.',
    );
  const security = flags.security ?? preset?.security ?? 'starttls';
  if (!(SECURITY_MODES as readonly string[]).includes(security)) {
    throw new UsageError(`--security must be none, starttls or tls, not “${security}”.`);
  }
  const anonymous = flags.anonymous === true || (preset?.anonymous === true && !flags.user);
  const user = flags.user ?? preset?.fixedUsername;
  if (anonymous && (flags.user || password !== null))
    throw new UsageError('--anonymous cannot be combined with --user or a password.');
  if (!anonymous && !user)
    throw new UsageError('Give --user with --password-env or --password-stdin, or --anonymous.');
  if (!anonymous && password === null)
    throw new UsageError(
      'Give the password with --password-env VAR or --password-stdin (never as an argument).',
    );
  if (!flags.from) throw new UsageError('Give the sender address with --from.');
  const port =
    flags.port !== undefined
      ? Number(flags.port)
      : flags.security === undefined && preset
        ? preset.port
        : USUAL_PORT[security as Security];
  const fields = validate({
    ...emptyProfileFields(),
    delivery: {
      ...defaultDeliverySettings(),
      dnsCheck: flags.checkDns === true,
      dkimSelector: flags.dkimSelector ?? '',
    },
    name: preset ? `${preset.name} (command line)` : 'command line',
    host,
    port,
    security,
    anonymous,
    username: user ?? '',
    from: flags.from,
    replyTo: flags.replyTo ?? '',
  });
  return { profileId: null, fields, password, tls, timeoutMs };
}
