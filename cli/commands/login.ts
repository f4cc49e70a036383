/**
 * `mail-preflight login --profile NAME [--device]` and `mail-preflight logout --profile NAME`:
 * the OAuth2 sign-in of a saved profile, kept in the keychain for later runs.
 *
 * Without --device the system browser is opened (xdg-open, open, start) on the
 * authorization page and the answer comes back to a loopback listener; the address is
 * printed as well, for a browser on this machine that could not be opened. With --device
 * (a server without a browser) the verification address and code are printed, with a QR
 * code of the address on a terminal, and the command waits while the user confirms.
 */
import { spawn } from 'node:child_process';
import type { DeviceCode } from '../../electron/services/oauth/device-sign-in';
import type { Language } from '../../electron/services/i18n';
import { OAuthSignInError } from '../../electron/services/oauth/sign-in-error';
import type { Profile } from '../../electron/services/settings/profile';
import type { Services } from '../../electron/services/services';
import { sentence, type Translate } from '../../electron/services/i18n';
import { speaking } from '../language';
import { openServices } from '../open-services';
import { EXIT, UsageError } from '../usage-error';

export interface LoginOptions {
  profile: string;
  device?: boolean;
  lang?: Language;
}

function profileNamed(services: Services, name: string): Profile {
  const profile = services.profiles.findByName(name);
  if (!profile) throw new UsageError(sentence('cli.usage.noProfile', { name }));
  if (profile.auth !== 'oauth2' || !profile.oauth2)
    throw new UsageError(sentence('cli.usage.loginWithPassword', { name: profile.name }));
  return profile;
}

/** The platform's opener; resolves whether or not a browser appeared (the address is printed anyway). */
function openSystemBrowser(url: string): Promise<void> {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve());
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

async function showCode(code: DeviceCode, t: Translate): Promise<void> {
  const out = process.stdout;
  out.write(`${t('cli.login.openCode', { url: code.verificationUri, code: code.userCode })}\n`);
  out.write(`${t('cli.login.expires', { minutes: Math.round(code.expiresInSeconds / 60) })}\n`);
  if (out.isTTY && code.verificationUriComplete) {
    const { default: qrcode } = await import('qrcode-terminal');
    qrcode.generate(code.verificationUriComplete, { small: true }, (qr) => out.write(`${qr}\n`));
  }
  out.write(`${t('cli.login.waiting')}\n`);
}

export function loginCommand(options: LoginOptions): Promise<number> {
  return speaking(options.lang, (t) => login(options, t));
}

async function login(options: LoginOptions, t: Translate): Promise<number> {
  const services = await openServices({ t });
  const profile = profileNamed(services, options.profile);
  let shown: Promise<void> = Promise.resolve();
  try {
    const signedIn = await services.oauth.signIn(
      profile.id,
      options.device
        ? { device: { onCode: (code) => void (shown = showCode(code, t)) } }
        : {
            openBrowser: async (url) => {
              process.stdout.write(`${t('cli.login.opening')}\n${url}\n`);
              await openSystemBrowser(url);
            },
          },
    );
    await shown;
    const who = { name: signedIn.name, username: signedIn.username };
    process.stdout.write(`${t('cli.login.signedIn', who)}\n`);
    return EXIT.passed;
  } catch (error) {
    if (!(error instanceof OAuthSignInError)) throw error;
    process.stderr.write(`mail-preflight: OAUTH_SIGN_IN_FAILED: ${error.say(t)}\n`);
    return EXIT.failed;
  }
}

export function logoutCommand(options: Pick<LoginOptions, 'profile' | 'lang'>): Promise<number> {
  return speaking(options.lang, async (t) => {
    const services = await openServices({ t });
    const profile = profileNamed(services, options.profile);
    await services.oauth.signOut(profile.id);
    process.stdout.write(`${t('cli.login.signedOut', { name: profile.name })}\n`);
    return EXIT.passed;
  });
}
