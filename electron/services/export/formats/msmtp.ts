/**
 * msmtp: one account for ~/.msmtprc or /etc/msmtprc, from the msmtp manual
 * (https://marlam.de/msmtp/msmtp.html, "Configuration files" and "Authentication"):
 * account, host, port, tls, tls_starttls (tls off / tls on + tls_starttls on / tls on +
 * tls_starttls off for none / starttls / tls), tls_trust_file (system, or the trusted
 * certificates), tls_cert_file and tls_key_file (the client certificate), auth, user,
 * passwordeval (a command that prints the password; here it reads SMTP_PASSWORD from the
 * environment) or password, from. msmtp sets no Reply-To.
 */
import {
  CLIENT_CERT_PLACEHOLDER,
  CLIENT_KEY_PLACEHOLDER,
  PASSWORD_PLACEHOLDER,
  TRUSTED_CA_PLACEHOLDER,
  fileNotes,
  passwordFromEnvNote,
  replyToNote,
} from '../common';
import type { ExportFormat } from '../types';

/** An msmtprc argument: bare when it is plain, else in double quotes with \ and " escaped. */
function argument(value: string): string {
  return /^[\w@.:+/=-]+$/u.test(value) ? value : `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** An account name msmtp accepts on the command line (-a NAME): the profile's name, simplified. */
export function accountName(profileName: string): string {
  return (
    profileName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'mail-preflight'
  );
}

export const msmtp: ExportFormat = {
  id: 'msmtp',
  fileName: 'msmtprc',
  comment: '#',
  syntax: 'ini',
  takesPassword: true,
  render(s, t) {
    const account = accountName(s.profileName);
    const lines = [`account ${account}`, `host ${argument(s.host)}`, `port ${s.port}`];
    if (s.security === 'none') lines.push('tls off');
    else {
      lines.push('tls on', `tls_starttls ${s.security === 'starttls' ? 'on' : 'off'}`);
      lines.push(`tls_trust_file ${s.trustedCertificates.length ? TRUSTED_CA_PLACEHOLDER : 'system'}`);
      if (s.clientKey)
        lines.push(`tls_cert_file ${CLIENT_CERT_PLACEHOLDER}`, `tls_key_file ${CLIENT_KEY_PLACEHOLDER}`);
    }
    if (s.anonymous) lines.push('auth off');
    else {
      lines.push('auth on', `user ${argument(s.username)}`);
      lines.push(
        s.password === null
          ? `passwordeval "printenv ${PASSWORD_PLACEHOLDER}"`
          : `password ${argument(s.password)}`,
      );
    }
    lines.push(`from ${argument(s.from)}`, '', `account default : ${account}`);
    const notes = [
      ...passwordFromEnvNote(s, t),
      ...(s.security === 'none' && (s.clientKey || s.trustedCertificates.length)
        ? [t('notes.noTlsNoCertificates')]
        : fileNotes(s, t, { clientKey: true, trust: true })),
      ...replyToNote(s, t, 'msmtp'),
    ];
    return { lines, notes };
  },
};
