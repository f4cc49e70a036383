/**
 * What several formats share: the placeholders that stand where a secret or a file path
 * goes, the notes for what a target cannot take, and quoting helpers.
 */
import type { ExportSubject, Translate } from './types';

/** Stands where the password goes unless secrets were asked for (a public contract). */
export const PASSWORD_PLACEHOLDER = 'SMTP_PASSWORD';
/** Stand where the SSL key's files and the trusted certificates go on the target. */
export const CLIENT_CERT_PLACEHOLDER = 'CLIENT_CERT_FILE';
export const CLIENT_KEY_PLACEHOLDER = 'CLIENT_KEY_FILE';
export const TRUSTED_CA_PLACEHOLDER = 'TRUSTED_CA_FILE';

/** The password, or the placeholder naming it. */
export function passwordOf(subject: ExportSubject): string {
  return subject.password ?? PASSWORD_PLACEHOLDER;
}

/** Notes for a target that takes no client certificate and/or no trusted certificates of its own. */
export function certificateNotes(
  subject: ExportSubject,
  t: Translate,
  target: string,
  takes: { clientKey: boolean; trust: boolean },
): string[] {
  const notes: string[] = [];
  if (subject.clientKey && !takes.clientKey)
    notes.push(t('notes.noClientKey', { target, key: subject.clientKey }));
  if (subject.trustedCertificates.length && !takes.trust) {
    notes.push(t('notes.noTrust', { target, certificates: subject.trustedCertificates.join(', ') }));
  }
  return notes;
}

/** Notes for the placeholders of the SSL key's files and the trusted certificates, where used. */
export function fileNotes(
  subject: ExportSubject,
  t: Translate,
  takes: { clientKey: boolean; trust: boolean },
) {
  const notes: string[] = [];
  if (subject.clientKey && takes.clientKey)
    notes.push(
      t('notes.clientKeyFiles', {
        key: subject.clientKey,
        certFile: CLIENT_CERT_PLACEHOLDER,
        keyFile: CLIENT_KEY_PLACEHOLDER,
      }),
    );
  if (subject.trustedCertificates.length && takes.trust) {
    notes.push(
      t('notes.trustFile', {
        caFile: TRUSTED_CA_PLACEHOLDER,
        certificates: subject.trustedCertificates.join(', '),
      }),
    );
  }
  return notes;
}

/** A note when the target has no Reply-To setting and the profile sets one. */
export function replyToNote(subject: ExportSubject, t: Translate, target: string): string[] {
  return subject.replyTo ? [t('notes.noReplyTo', { target, replyTo: subject.replyTo })] : [];
}

/** A single-quoted string for Ruby or PHP: backslash and quote escaped. */
export function singleQuoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A double-quoted string that JSON, YAML and Python all read the same way. */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

/** host:port, with an IPv6 address in brackets. */
export function hostPort(host: string, port: number): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare.includes(':') ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/** The note for a literal SMTP_PASSWORD placeholder, when the profile logs in and secrets were not asked for. */
export function placeholderNote(subject: ExportSubject, t: Translate): string[] {
  return !subject.anonymous && subject.password === null
    ? [t('notes.passwordPlaceholder', { name: PASSWORD_PLACEHOLDER })]
    : [];
}

/** The note for a password the target reads from the environment variable SMTP_PASSWORD. */
export function passwordFromEnvNote(subject: ExportSubject, t: Translate): string[] {
  return !subject.anonymous && subject.password === null
    ? [t('notes.passwordFromEnv', { name: PASSWORD_PLACEHOLDER })]
    : [];
}

/**
 * The login and TLS settings of Ruby's Net::SMTP as Rails' Action Mailer names them, which
 * GitLab and Discourse both pass through: user_name, password, authentication (`login`),
 * enable_starttls_auto and tls (none / starttls / tls gives false/true/false and
 * false/false/true). Net::SMTP's STARTTLS is opportunistic, hence the note.
 */
export function actionMailerSettings(
  subject: ExportSubject,
  t: Translate,
  target: string,
  anonymousAuthentication?: 'none',
): { settings: Array<[key: string, value: string | boolean]>; notes: string[] } {
  const login: Array<[string, string | boolean]> = subject.anonymous
    ? anonymousAuthentication
      ? [['authentication', anonymousAuthentication]]
      : []
    : [
        ['user_name', subject.username],
        ['password', passwordOf(subject)],
        ['authentication', 'login'],
      ];
  return {
    settings: [
      ...login,
      ['enable_starttls_auto', subject.security === 'starttls'],
      ['tls', subject.security === 'tls'],
    ],
    notes: subject.security === 'starttls' ? [t('notes.starttlsOpportunistic', { target })] : [],
  };
}
