/**
 * env: SMTP_* variables for a container (`docker run --env-file`, compose `env_file`), a
 * convention of this app rather than one product's: SMTP_HOST, SMTP_PORT, SMTP_SECURITY
 * (none | starttls | tls, the app's own names), SMTP_AUTH (login | none), SMTP_USERNAME,
 * SMTP_FROM, SMTP_REPLY_TO; SMTP_PASSWORD only when secrets were asked for (otherwise it is
 * passed from the deployment's secret store, never from this file). Values are written
 * bare when they are plain and in single quotes otherwise (compose and sh read them alike).
 */
import { PASSWORD_PLACEHOLDER, certificateNotes } from '../common';
import type { ExportFormat } from '../types';

function envValue(value: string): string {
  return /^[\w@.:+/-]*$/u.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export const env: ExportFormat = {
  id: 'env',
  fileName: 'smtp.env',
  comment: '#',
  syntax: 'shell',
  takesPassword: true,
  render(s, t) {
    const set = (key: string, value: string | number) => `${key}=${envValue(String(value))}`;
    const lines = [
      set('SMTP_HOST', s.host),
      set('SMTP_PORT', s.port),
      set('SMTP_SECURITY', s.security),
      set('SMTP_AUTH', s.anonymous ? 'none' : 'login'),
    ];
    if (!s.anonymous) {
      lines.push(set('SMTP_USERNAME', s.username));
      lines.push(
        s.password === null
          ? `# ${t('env.password', { name: PASSWORD_PLACEHOLDER })}`
          : set('SMTP_PASSWORD', s.password),
      );
    }
    lines.push(set('SMTP_FROM', s.from));
    if (s.replyTo) lines.push(set('SMTP_REPLY_TO', s.replyTo));
    return { lines, notes: certificateNotes(s, t, 'SMTP_*', { clientKey: false, trust: false }) };
  },
};
