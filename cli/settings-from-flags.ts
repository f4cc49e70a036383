/**
 * The settings of a CLI run: a saved profile (`--profile NAME`, read from the app's own
 * store and keychain) or settings given as flags. Either way they pass the same rules as
 * the app's form, and a password is never taken as an argument: only from an
 * environment variable, standard input or the keychain.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  emptyProfileFields,
  pickProfileFields,
  type Profile,
  type ProfileFields,
  isSecurity,
  type Security,
  USUAL_IMAP_PORT,
  USUAL_PORT,
} from '../electron/services/settings/profile';
import { profileProblems } from '../electron/services/settings/field-rules';
import { describeIssues } from '../electron/services/messages';
import { PRESETS, presetById, presetHost, type Preset } from '../electron/services/presets/presets';
import { consentSentence, plaintextLogins } from '../electron/services/consent';
import { joinSentences, say, sentence, type Translate } from '../electron/services/i18n';
import { secretsForRun } from '../electron/services/run-secrets';
import type { Services } from '../electron/services/services';
import type { TlsMaterial } from '../electron/services/smtp/tls-options';
import type { AccessToken } from '../electron/services/smtp/run-test';
import { AppError } from '../electron/services/errors';
import { UsageError } from './usage-error';

/**
 * A secret from the environment variable a flag names (null without the flag). An unset or
 * empty one is a usage error: "The environment variable X (from --flag) is not set or empty."
 */
export function secretFromEnv(name: string | undefined, flag: string, env: NodeJS.ProcessEnv): string | null {
  if (name === undefined) return null;
  const value = env[name];
  if (!value) throw new UsageError(sentence('cli.usage.envEmpty', { name, flag }));
  return value;
}

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
  ehlo?: string;
  timeout?: string;
  preset?: string;
  region?: string;
  checkDns?: boolean;
  dkimSelector?: string;
  verifyDelivery?: boolean;
  imapHost?: string;
  imapPort?: string;
  imapSecurity?: string;
  imapUser?: string;
  imapPasswordEnv?: string;
  deliveryTimeout?: string;
  deliveryCleanup?: boolean;
  imapCa?: string[];
  clientCert?: string;
  clientKey?: string;
  clientCertPasswordEnv?: string;
  clientCertAlias?: string;
  /** password | oauth2 */
  auth?: string;
  oauth2TokenEnv?: string;
  allowPlaintextAuth?: boolean;
  to: string;
}

export interface ResolvedSettings {
  profileId: string | null;
  fields: ProfileFields;
  password: string | null;
  /** An OAuth2 login: the token from --oauth2-token-env, or the profile's sign-in (refreshed in the run). */
  accessToken: (() => Promise<AccessToken>) | null;
  tls: TlsMaterial;
  timeoutMs: number | undefined;
  imapPassword: string | null;
  /** Certificates the delivery check trusts beyond the SMTP run's (--imap-ca). */
  imapCa: string[];
}

const AD_HOC_FLAGS = ['preset', 'host', 'port', 'security', 'anonymous', 'user', 'from', 'replyTo'] as const;

/** An option's flag as written on the command line: `replyTo` → `--reply-to`. */
export function flagName(option: string): string {
  return `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
/** What `test --profile` cannot override; its host, port, security, user, From and Reply-To it can. */
const NOT_OVER_A_PROFILE = ['preset', 'anonymous'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The password from --password-env or --password-stdin, or null when neither was given. */
export async function passwordFromFlags(
  flags: Pick<TestFlags, 'passwordEnv' | 'passwordStdin'>,
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  if (flags.passwordEnv && flags.passwordStdin) throw new UsageError(sentence('cli.usage.passwordOneWay'));
  if (flags.passwordEnv) return secretFromEnv(flags.passwordEnv, '--password-env', env);
  if (flags.passwordStdin) {
    const value = await readStdin();
    if (!value) throw new UsageError(sentence('cli.usage.stdinEmpty'));
    return value;
  }
  return null;
}

/**
 * --auth and --oauth2-token-env: whether this run logs in with OAuth2, and the ready token
 * when one is given. A token goes only with OAuth2, never beside a password.
 */
function oauth2FromFlags(
  flags: TestFlags,
  password: string | null,
  env: NodeJS.ProcessEnv,
): { oauth2: boolean | null; token: string | null } {
  if (flags.auth !== undefined && flags.auth !== 'password' && flags.auth !== 'oauth2')
    throw new UsageError(sentence('cli.usage.authChoice', { value: flags.auth }));
  if (flags.oauth2TokenEnv === undefined)
    return { oauth2: flags.auth ? flags.auth === 'oauth2' : null, token: null };
  if (flags.auth === 'password') throw new UsageError(sentence('cli.usage.tokenNeedsOauth2'));
  if (password !== null) throw new UsageError(sentence('cli.usage.passwordOrToken'));
  const token = secretFromEnv(flags.oauth2TokenEnv, '--oauth2-token-env', env)!;
  return { oauth2: true, token: token.trim() };
}

const readyToken = (token: string) => () => Promise.resolve({ token, refreshed: false });

export function parseSeconds(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    throw new UsageError(sentence('cli.usage.seconds', { flag, value }));
  }
  return Math.round(seconds * 1000);
}

/** --delivery-timeout: whole seconds, 1 to 600 (a script may want a short wait). */
function parseDeliverySeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
    throw new UsageError(sentence('cli.usage.deliveryTimeout', { value }));
  }
  return seconds;
}

type TlsFlags = Pick<
  TestFlags,
  'ca' | 'servername' | 'clientCert' | 'clientKey' | 'clientCertPasswordEnv' | 'clientCertAlias'
>;

async function readFlagFile(file: string, flag: string): Promise<{ name: string; bytes: Buffer }> {
  const bytes = await readFile(file).catch(() => {
    throw new UsageError(sentence('cli.usage.cannotRead', { file, flag }));
  });
  return { name: basename(file), bytes };
}

/** The certificate and keystore readers (node-forge, jks-js) load only when a file is given. */
const readers = () => import('../electron/services/tls-material');

/** The certificates in the files of a --ca or --imap-ca flag (PEM or DER, bundles too). */
async function caFromFiles(files: string[] | undefined, flag: string): Promise<string[]> {
  const ca: string[] = [];
  for (const file of files ?? []) {
    const { caPemsFromFile } = await readers();
    const { bytes } = await readFlagFile(file, flag);
    try {
      ca.push(...caPemsFromFile(bytes));
    } catch (error) {
      throw new UsageError((t) =>
        say(
          sentence('cli.usage.fileProblem', {
            file,
            problem: error instanceof Error ? error.message : say(sentence('cli.usage.notCertificate'), t),
          }),
          t,
        ),
      );
    }
  }
  return ca;
}

/** --ca (PEM or DER, bundles too), --client-cert/--client-key (.p12, .pem, .jks), --servername: used in place, stored nowhere. */
export async function tlsFromFlags(
  flags: TlsFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TlsMaterial> {
  const material: TlsMaterial = {};
  const ca = await caFromFiles(flags.ca, '--ca');
  if (ca.length) material.ca = ca;
  if (flags.servername) material.servername = flags.servername;
  if (flags.clientKey && !flags.clientCert) throw new UsageError(sentence('cli.usage.keyNeedsCert'));
  if (flags.clientCert) {
    const files = [await readFlagFile(flags.clientCert, '--client-cert')];
    if (flags.clientKey) files.push(await readFlagFile(flags.clientKey, '--client-key'));
    const passphrase =
      secretFromEnv(flags.clientCertPasswordEnv, '--client-cert-password-env', env) ?? undefined;
    const { keystoreMaterialFromFiles } = await readers();
    try {
      const { cert, key } = await keystoreMaterialFromFiles(files, passphrase, flags.clientCertAlias);
      Object.assign(material, { cert, key });
    } catch (error) {
      throw new UsageError((t) =>
        error instanceof Error ? error.message : say(sentence('cli.usage.clientCertUnreadable'), t),
      );
    }
  }
  return material;
}

/**
 * The delivery flags over the profile's own delivery settings: --check-dns (and
 * --dkim-selector) turn the From-domain check on; --verify-delivery with the --imap-* flags
 * watches the recipient's mailbox.
 */
function withDeliveryFlags(fields: ProfileFields, flags: TestFlags): ProfileFields {
  const delivery = { ...fields.delivery };
  if (flags.checkDns || flags.dkimSelector !== undefined) {
    delivery.dnsCheck = true;
    delivery.dkimSelector = flags.dkimSelector ?? delivery.dkimSelector;
  }
  const imapFlags = [
    flags.imapHost,
    flags.imapPort,
    flags.imapSecurity,
    flags.imapUser,
    flags.deliveryTimeout,
    flags.imapCa,
  ];
  if (!flags.verifyDelivery && imapFlags.some((f) => f !== undefined)) {
    throw new UsageError(sentence('cli.usage.imapFlagsNeedVerify'));
  }
  if (flags.verifyDelivery) {
    if (flags.imapHost) delivery.host = flags.imapHost;
    if (flags.imapSecurity) delivery.security = flags.imapSecurity as Security;
    if (flags.imapPort) delivery.port = Number(flags.imapPort);
    else if (flags.imapSecurity) delivery.port = USUAL_IMAP_PORT[delivery.security];
    if (flags.imapUser) delivery.username = flags.imapUser;
    delivery.timeoutSeconds = parseDeliverySeconds(flags.deliveryTimeout) ?? delivery.timeoutSeconds;
    delivery.cleanup = flags.deliveryCleanup === true || delivery.cleanup;
    delivery.enabled = true;
    if (!delivery.host) throw new UsageError(sentence('cli.usage.verifyNeedsHost'));
  }
  return validate({ ...fields, delivery });
}

/** --preset NAME: the provider's host, port and protocol (and fixed username), from the bundled presets. */
function presetFromFlags(flags: Pick<TestFlags, 'preset' | 'host'>): Preset | undefined {
  if (flags.preset === undefined) return undefined;
  if (flags.host !== undefined) throw new UsageError(sentence('cli.usage.presetWithHost'));
  const preset = presetById(flags.preset.toLowerCase());
  if (!preset || preset.id === 'custom') {
    const ids = PRESETS.filter((p) => p.id !== 'custom').map((p) => p.id);
    throw new UsageError(sentence('cli.usage.noPreset', { value: flags.preset, choices: ids.join(', ') }));
  }
  return preset;
}

function presetHostFor(preset: Preset, region: string | undefined): string {
  if (region !== undefined && !preset.regions?.includes(region)) {
    throw new UsageError((t) =>
      say(
        sentence('cli.usage.region', {
          preset: preset.name,
          choices: (preset.regions ?? []).join(', ') || say(sentence('cli.usage.noRegions'), t),
        }),
        t,
      ),
    );
  }
  return presetHost(preset, region);
}

/** --ehlo NAME replaces the profile's EHLO name (checked by the profile schema). */
function ehloFromFlags(flags: Pick<TestFlags, 'ehlo'>): { ehloName?: string } {
  return flags.ehlo === undefined ? {} : { ehloName: flags.ehlo };
}

/** --host, --port, --security, --user, --from, --reply-to over a saved profile's settings. */
function withServerFlags(fields: ProfileFields, flags: TestFlags): ProfileFields {
  if (flags.security !== undefined && !isSecurity(flags.security)) {
    throw new UsageError(sentence('cli.usage.securityChoice', { value: flags.security }));
  }
  const security = flags.security ?? fields.security;
  const port =
    flags.port !== undefined
      ? Number(flags.port)
      : flags.security !== undefined
        ? USUAL_PORT[security]
        : fields.port;
  return validate({
    ...fields,
    host: flags.host ?? fields.host,
    port,
    security,
    username: flags.user ?? fields.username,
    from: flags.from ?? fields.from,
    replyTo: flags.replyTo ?? fields.replyTo,
  });
}

/**
 * The fields under the form's rules (settings/field-rules.ts, without zod: the flags give
 * them their shape); refused, one line naming what is wrong.
 */
export function validate(fields: ProfileFields): ProfileFields {
  const problems = profileProblems(fields);
  if (problems.length > 0) throw new UsageError((t) => describeIssues(problems, t));
  return fields;
}

/**
 * A saved profile's TLS material under the flags: --client-cert replaces the profile's SSL
 * key, --ca adds to the certificates the profile trusts, --servername is the flag's.
 */
function withProfileMaterial(profile: TlsMaterial, flags: TlsMaterial): TlsMaterial {
  const merged: TlsMaterial = { ...profile, ...flags };
  const ca = [...(profile.ca ?? []), ...(flags.ca ?? [])];
  if (ca.length) merged.ca = ca;
  return merged;
}

/** The saved profile --profile names; the settings flags (but those in `allowed`) do not go with it. */
export function profileFromFlag(
  flags: Pick<TestFlags, 'profile' | (typeof AD_HOC_FLAGS)[number]>,
  services: Services,
  notWith: ReadonlyArray<(typeof AD_HOC_FLAGS)[number]> = AD_HOC_FLAGS,
): Profile {
  const clash = notWith.find((f) => flags[f] !== undefined);
  if (clash) throw new UsageError(sentence('cli.usage.profileClash', { flag: flagName(clash) }));
  const { profiles } = services;
  const profile = profiles.findByName(flags.profile ?? '');
  if (profile) return profile;
  const broken = profiles.findBrokenByName(flags.profile ?? '');
  if (broken) {
    throw new UsageError(sentence('cli.usage.brokenProfile', { name: broken.name, reason: broken.reason }));
  }
  throw new UsageError(sentence('cli.usage.noProfile', { name: flags.profile ?? '' }));
}

/**
 * The settings given as flags (--preset or --host, --port, --security, the login and the
 * addresses), checked by the profile schema. A login needs its password unless the caller
 * only describes the settings (an export without secrets).
 */
export function fieldsFromFlags(
  flags: Omit<TestFlags, 'to'>,
  password: string | null,
  needPassword = true,
): ProfileFields {
  const preset = presetFromFlags(flags);
  const host = flags.host ?? (preset ? presetHostFor(preset, flags.region) : undefined);
  if (!host) throw new UsageError(sentence('cli.usage.giveSettings'));
  const security = flags.security ?? preset?.security ?? 'starttls';
  if (!isSecurity(security)) {
    throw new UsageError(sentence('cli.usage.securityChoice', { value: security }));
  }
  const anonymous = flags.anonymous === true || (preset?.anonymous === true && !flags.user);
  const user = flags.user ?? preset?.fixedUsername;
  if (anonymous && (flags.user || password !== null))
    throw new UsageError(sentence('cli.usage.anonymousWithUser'));
  if (!anonymous && !user) throw new UsageError(sentence('cli.usage.giveUser'));
  if (!anonymous && password === null && needPassword)
    throw new UsageError(sentence('cli.usage.givePassword'));
  if (!flags.from) throw new UsageError(sentence('cli.usage.giveFrom'));
  const port =
    flags.port !== undefined
      ? Number(flags.port)
      : flags.security === undefined && preset
        ? preset.port
        : USUAL_PORT[security];
  return validate({
    ...emptyProfileFields(),
    name: preset ? `${preset.name} (command line)` : 'command line',
    host,
    port,
    security,
    anonymous,
    username: user ?? '',
    from: flags.from,
    replyTo: flags.replyTo ?? '',
    ...ehloFromFlags(flags),
  });
}

/**
 * The run's settings: the saved profile --profile names, with `services` opened to read it
 * (its keychain entries, its certificates), or, with `services` null, the flags alone. Where
 * a saved password would go elsewhere than it was saved for, or over plain text off this
 * machine, the CLI cannot ask: it says which flag gives the password or the consent (exit 2).
 */
export async function resolveSettings(
  flags: TestFlags,
  services: Services | null,
  env: NodeJS.ProcessEnv,
  t: Translate,
): Promise<ResolvedSettings> {
  const timeoutMs = parseSeconds(flags.timeout, '--timeout');
  const tls = await tlsFromFlags(flags, env);
  const imapCa = await caFromFiles(flags.imapCa, '--imap-ca');
  const password = await passwordFromFlags(flags, env);
  const oauth = oauth2FromFlags(flags, password, env);

  if (services) {
    const { secrets } = services;
    const profile = profileFromFlag(flags, services, NOT_OVER_A_PROFILE);
    const fields = withDeliveryFlags(
      withServerFlags(validate({ ...pickProfileFields(profile), ...ehloFromFlags(flags) }), flags),
      flags,
    );
    const oauth2 = !fields.anonymous && (oauth.oauth2 ?? fields.auth === 'oauth2');
    let accessToken: ResolvedSettings['accessToken'] = null;
    if (oauth2 && oauth.token !== null) accessToken = readyToken(oauth.token);
    else if (oauth2) {
      const { oauth: signIns } = services;
      await signIns.assertSignedIn(profile.id, fields).catch((error: unknown) => {
        throw new UsageError((t) =>
          joinSentences([
            ...(error instanceof AppError ? [error.say(t)] : error instanceof Error ? [error.message] : []),
            say(sentence('cli.usage.signInAgain', { name: profile.name }), t),
          ]),
        );
      });
      accessToken = () => signIns.accessToken(profile.id, fields);
    }
    // A saved password goes only where it was saved; the CLI cannot ask, so it says which
    // flag gives the password (or the consent to a plain-text login) and stops.
    const run = await secretsForRun(secrets, {
      profile,
      fields,
      smtpLogin: fields.anonymous ? 'none' : oauth2 ? 'oauth2' : 'password',
      verify: fields.delivery.enabled,
      password,
      imapPassword: secretFromEnv(flags.imapPasswordEnv, '--imap-password-env', env),
      consents: flags.allowPlaintextAuth ? plaintextLogins(fields, { smtp: true, imap: true }) : [],
    });
    if (run.missing.includes('smtp-password'))
      throw new UsageError(t('consentCli.noPassword', { profile: profile.name }));
    if (run.missing.includes('imap-password'))
      throw new UsageError(t('consentCli.noImapPassword', { profile: profile.name }));
    const [first] = run.needed;
    if (first) throw new UsageError(consentSentence(first, t, 'consentCli', profile.name));
    // The profile's SSL key and trusted certificates, as its runs in the app use them.
    const material = withProfileMaterial(await services.certificates.materialFor(fields), tls);
    return {
      profileId: profile.id,
      fields,
      password: run.password,
      accessToken,
      tls: material,
      timeoutMs,
      imapPassword: run.imapPassword,
      imapCa,
    };
  }

  if (flags.anonymous && oauth.oauth2) throw new UsageError(sentence('cli.usage.anonymousWithOauth2'));
  if (oauth.oauth2 && oauth.token === null) throw new UsageError(sentence('cli.usage.oauth2NeedsToken'));
  const base = fieldsFromFlags(flags, password, oauth.token === null);
  const fields = withDeliveryFlags(base, flags);
  const imapPassword = secretFromEnv(flags.imapPasswordEnv, '--imap-password-env', env);
  if (fields.delivery.enabled && imapPassword === null) {
    throw new UsageError(sentence('cli.usage.imapPasswordNeeded'));
  }
  const [plaintext] = flags.allowPlaintextAuth
    ? []
    : plaintextLogins(fields, {
        smtp: password !== null || oauth.token !== null,
        imap: fields.delivery.enabled,
      });
  if (plaintext) throw new UsageError(consentSentence(plaintext, t, 'consentCli'));
  const accessToken = oauth.token === null ? null : readyToken(oauth.token);
  return { profileId: null, fields, password, accessToken, tls, timeoutMs, imapPassword, imapCa };
}
