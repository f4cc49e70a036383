/**
 * `mail-preflight profiles set-auth NAME oauth2|password [...]`: switches how a saved
 * profile logs in, as the form's "Username and password" / "OAuth2 sign-in" choice does.
 *
 *   profiles set-auth NAME oauth2 --provider google|microsoft|custom [--tenant T]
 *     [--issuer URL | --authorization-endpoint URL --token-endpoint URL
 *     [--device-authorization-endpoint URL]] --client-id ID [--client-secret-env VAR]
 *     [--scopes "..."] [--mailbox ADDR]
 *   profiles set-auth NAME password [--user NAME] [--password-env VAR | --password-stdin]
 *
 * The profile's kept OAuth2 client is the starting point (another --provider starts from
 * that provider's defaults, its scopes included); every other field and the keys this
 * version does not know stay as they are. The result passes the form's schema or nothing
 * changes (one line, exit 2). What the new login cannot use leaves the keychain
 * (ProfileService.switchAuth), and one line says what changed.
 */
import {
  AUTH_METHODS,
  defaultOAuth2Settings,
  pickProfileFields,
  type AuthMethod,
  type OAuth2Settings,
  type OAuthProvider,
  type Profile,
} from '../../electron/services/settings/profile';
import { joinSentences, sentence, type Language, type Translate } from '../../electron/services/i18n';
import type { LoginSecret } from '../../electron/services/profiles';
import { OAUTH2_RULES } from '../../electron/services/settings/field-rules';
import { speaking } from '../language';
import { openServices } from '../open-services';
import {
  flagName,
  passwordFromFlags,
  profileFromFlag,
  secretFromEnv,
  validate,
} from '../settings-from-flags';
import { EXIT, UsageError } from '../usage-error';

export interface SetAuthOptions {
  provider?: OAuthProvider;
  tenant?: string;
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  deviceAuthorizationEndpoint?: string;
  clientId?: string;
  clientSecretEnv?: string;
  scopes?: string;
  mailbox?: string;
  user?: string;
  passwordEnv?: string;
  passwordStdin?: boolean;
  lang?: Language;
}

/** The options of each method (their flags: flagName); any other's is refused. */
const OAUTH2_OPTIONS = [
  'provider',
  'tenant',
  'issuer',
  'authorizationEndpoint',
  'tokenEndpoint',
  'deviceAuthorizationEndpoint',
  'clientId',
  'clientSecretEnv',
  'scopes',
  'mailbox',
] as const;
const PASSWORD_OPTIONS = ['user', 'passwordEnv', 'passwordStdin'] as const;

/** The OAuth2 settings a person types (OAUTH2_RULES' fields): each is set by the flag of its name. */
const SETTINGS_FLAGS = Object.keys(OAUTH2_RULES) as Array<keyof typeof OAUTH2_RULES>;

export function setAuthCommand(name: string, method: string, options: SetAuthOptions): Promise<number> {
  return speaking(options.lang, (t) => {
    if (!(AUTH_METHODS as readonly string[]).includes(method))
      throw new UsageError(sentence('cli.setAuth.methodChoice', { value: method }));
    return setAuth(name, method as AuthMethod, options, t);
  });
}

function refuseFlagsOfOtherMethod(method: AuthMethod, options: SetAuthOptions): void {
  const other: readonly (keyof SetAuthOptions)[] = method === 'oauth2' ? PASSWORD_OPTIONS : OAUTH2_OPTIONS;
  const given = other.find((option) => options[option] !== undefined);
  if (given)
    throw new UsageError(sentence('cli.setAuth.flagOfOtherMethod', { flag: flagName(given), method }));
}

/** The OAuth2 client after the flags: the profile's kept one (same provider) or the provider's defaults. */
function oauth2From(profile: Profile, options: SetAuthOptions): OAuth2Settings {
  const provider = options.provider ?? profile.oauth2?.provider;
  if (!provider) throw new UsageError(sentence('cli.setAuth.giveProvider'));
  const settings =
    profile.oauth2?.provider === provider ? { ...profile.oauth2 } : defaultOAuth2Settings(provider);
  for (const key of SETTINGS_FLAGS) {
    const value = options[key];
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

const REMOVED = {
  'smtp-password': 'cli.setAuth.removed.password',
  'oauth-refresh-token': 'cli.setAuth.removed.signIn',
  'oauth-client-secret': 'cli.setAuth.removed.clientSecret',
} as const satisfies Record<LoginSecret, string>;

/** One line: what the profile logs in with now, and what left or entered the keychain. */
function changed(
  profile: Profile,
  removed: readonly LoginSecret[],
  passwordSaved: boolean,
  t: Translate,
): string {
  const name = profile.name;
  const parts =
    profile.auth === 'oauth2'
      ? [
          t('cli.setAuth.nowOauth2', {
            name,
            provider: t(`profile.oauth.providers.${profile.oauth2!.provider}`),
            mailbox: profile.username,
          }),
        ]
      : [t('cli.setAuth.nowPassword', { name, username: profile.username })];
  for (const kind of removed) parts.push(t(REMOVED[kind]));
  if (profile.auth === 'oauth2') {
    parts.push(
      profile.oauthSignedIn ? t('cli.setAuth.stillSignedIn') : t('cli.setAuth.signInNext', { name }),
    );
  } else if (passwordSaved) parts.push(t('cli.setAuth.passwordSaved'));
  else if (!profile.passwordSet) parts.push(t('cli.setAuth.givePassword'));
  return joinSentences(parts);
}

async function setAuth(
  name: string,
  method: AuthMethod,
  options: SetAuthOptions,
  t: Translate,
): Promise<number> {
  refuseFlagsOfOtherMethod(method, options);
  const services = await openServices({ t });
  const profile = profileFromFlag({ profile: name }, services, []);
  const username = (method === 'oauth2' ? options.mailbox : options.user) ?? profile.username;
  const fields = validate({
    ...pickProfileFields(profile),
    auth: method,
    anonymous: false,
    username,
    oauth2: method === 'oauth2' ? oauth2From(profile, options) : profile.oauth2,
  });
  const password = method === 'password' ? await passwordFromFlags(options, process.env) : null;
  const clientSecret = secretFromEnv(options.clientSecretEnv, '--client-secret-env', process.env);
  const { profile: switched, removed } = await services.profiles.switchAuth(profile.id, {
    fields,
    ...(password !== null ? { password } : {}),
    ...(clientSecret !== null ? { clientSecret } : {}),
  });
  process.stdout.write(`${changed(switched, removed, password !== null, t)}\n`);
  return EXIT.passed;
}
