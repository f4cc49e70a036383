/**
 * django: EMAIL_* lines for settings.py, from Django's settings reference
 * (https://docs.djangoproject.com/en/stable/ref/settings/#email-backend and the entries
 * after it): EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS (STARTTLS),
 * EMAIL_USE_SSL (implicit TLS; never both), EMAIL_HOST_USER and EMAIL_HOST_PASSWORD (empty:
 * no login), EMAIL_SSL_CERTFILE and EMAIL_SSL_KEYFILE (the client certificate),
 * DEFAULT_FROM_EMAIL and SERVER_EMAIL (the From of the site's and of error mail). Django has
 * no Reply-To setting (EmailMessage takes reply_to per message) and no CA setting of its own.
 * The password is read from the environment (os.environ["SMTP_PASSWORD"]) unless secrets
 * were asked for.
 */
import {
  CLIENT_CERT_PLACEHOLDER,
  CLIENT_KEY_PLACEHOLDER,
  PASSWORD_PLACEHOLDER,
  certificateNotes,
  doubleQuoted,
  fileNotes,
  passwordFromEnvNote,
  replyToNote,
} from '../common';
import type { ExportFormat } from '../types';

const python = (value: string | number | boolean) =>
  typeof value === 'string'
    ? doubleQuoted(value)
    : typeof value === 'boolean'
      ? value
        ? 'True'
        : 'False'
      : String(value);

export const django: ExportFormat = {
  id: 'django',
  fileName: 'settings.py',
  comment: '#',
  syntax: 'python',
  takesPassword: true,
  render(s, t) {
    const set = (key: string, value: string | number | boolean) => `${key} = ${python(value)}`;
    const fromEnv = !s.anonymous && s.password === null;
    const lines = [
      ...(fromEnv ? ['import os', ''] : []),
      set('EMAIL_BACKEND', 'django.core.mail.backends.smtp.EmailBackend'),
      set('EMAIL_HOST', s.host),
      set('EMAIL_PORT', s.port),
      set('EMAIL_USE_TLS', s.security === 'starttls'),
      set('EMAIL_USE_SSL', s.security === 'tls'),
      set('EMAIL_HOST_USER', s.anonymous ? '' : s.username),
      fromEnv
        ? `EMAIL_HOST_PASSWORD = os.environ[${doubleQuoted(PASSWORD_PLACEHOLDER)}]`
        : set('EMAIL_HOST_PASSWORD', s.anonymous ? '' : (s.password ?? '')),
    ];
    if (s.clientKey && s.security !== 'none')
      lines.push(
        set('EMAIL_SSL_CERTFILE', CLIENT_CERT_PLACEHOLDER),
        set('EMAIL_SSL_KEYFILE', CLIENT_KEY_PLACEHOLDER),
      );
    lines.push(set('DEFAULT_FROM_EMAIL', s.from), set('SERVER_EMAIL', s.from));
    const notes = [
      ...passwordFromEnvNote(s, t),
      ...certificateNotes(s, t, 'Django', { clientKey: s.security !== 'none', trust: false }),
      ...fileNotes(s, t, { clientKey: s.security !== 'none', trust: false }),
      ...replyToNote(s, t, 'Django'),
    ];
    return { lines, notes };
  },
};
