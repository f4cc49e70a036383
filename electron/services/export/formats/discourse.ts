/**
 * discourse: the `env:` entries of containers/app.yml (discourse_docker), from
 * "Configure an email address for sending notifications",
 * https://github.com/discourse/discourse/blob/main/docs/INSTALL-email.md and the
 * discourse_docker samples/standalone.yml: DISCOURSE_SMTP_ADDRESS, DISCOURSE_SMTP_PORT,
 * DISCOURSE_SMTP_USER_NAME, DISCOURSE_SMTP_PASSWORD, DISCOURSE_SMTP_ENABLE_START_TLS
 * (Net::SMTP's enable_starttls_auto), DISCOURSE_SMTP_FORCE_TLS (implicit TLS),
 * DISCOURSE_SMTP_AUTHENTICATION, DISCOURSE_NOTIFICATION_EMAIL (the From address). Discourse
 * has no Reply-To for notifications, no client certificate and no CA setting here.
 */
import {
  actionMailerSettings,
  certificateNotes,
  doubleQuoted,
  replyToNote,
  placeholderNote,
} from '../common';
import type { ExportFormat } from '../types';

/** Where discourse_docker's names differ from Action Mailer's. */
const DISCOURSE_KEY: Record<string, string> = {
  enable_starttls_auto: 'SMTP_ENABLE_START_TLS',
  tls: 'SMTP_FORCE_TLS',
};

export const discourse: ExportFormat = {
  id: 'discourse',
  fileName: 'app.yml',
  comment: '#',
  syntax: 'yaml',
  takesPassword: true,
  render(s, t) {
    const entry = (key: string, value: string | number | boolean) =>
      `  DISCOURSE_${key}: ${typeof value === 'string' ? doubleQuoted(value) : String(value)}`;
    const mailer = actionMailerSettings(s, t, 'Discourse', 'none');
    const lines = [
      'env:',
      entry('SMTP_ADDRESS', s.host),
      entry('SMTP_PORT', s.port),
      ...mailer.settings.map(([key, value]) =>
        entry(DISCOURSE_KEY[key] ?? `SMTP_${key.toUpperCase()}`, value),
      ),
      entry('NOTIFICATION_EMAIL', s.from),
    ];
    const notes = [
      ...placeholderNote(s, t),
      ...mailer.notes,
      ...certificateNotes(s, t, 'Discourse', { clientKey: false, trust: false }),
      ...replyToNote(s, t, 'Discourse'),
      t('notes.thenRun', { command: './launcher rebuild app' }),
    ];
    return { lines, notes };
  },
};
