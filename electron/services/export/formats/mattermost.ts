/**
 * mattermost: the EmailSettings object of config.json, from Mattermost's configuration
 * reference, "SMTP email server settings",
 * https://docs.mattermost.com/configure/environment-configuration-settings.html#smtp-email-server :
 * SendEmailNotifications, FeedbackEmail (the notification From address), ReplyToAddress,
 * SMTPServer, SMTPPort (a string), ConnectionSecurity ("" / "STARTTLS" / "TLS" for none /
 * starttls / tls), EnableSMTPAuth, SMTPUsername, SMTPPassword,
 * SkipServerCertificateVerification. Mattermost takes no client certificate and no CA of
 * its own (the system's store).
 */
import type { Security } from '../../settings/profile';
import { certificateNotes, passwordOf, placeholderNote } from '../common';
import type { ExportFormat } from '../types';

export const MATTERMOST_SECURITY: Record<Security, string> = { none: '', starttls: 'STARTTLS', tls: 'TLS' };

export const mattermost: ExportFormat = {
  id: 'mattermost',
  fileName: 'config.json',
  comment: null,
  syntax: 'json',
  takesPassword: true,
  render(s, t) {
    const settings = {
      EmailSettings: {
        SendEmailNotifications: true,
        FeedbackEmail: s.from,
        ReplyToAddress: s.replyTo,
        SMTPServer: s.host,
        SMTPPort: String(s.port),
        ConnectionSecurity: MATTERMOST_SECURITY[s.security],
        EnableSMTPAuth: !s.anonymous,
        SMTPUsername: s.anonymous ? '' : s.username,
        SMTPPassword: s.anonymous ? '' : passwordOf(s),
        SkipServerCertificateVerification: false,
      },
    };
    const notes = [
      ...placeholderNote(s, t),
      ...certificateNotes(s, t, 'Mattermost', { clientKey: false, trust: false }),
      t('notes.merge', { section: 'EmailSettings', into: 'config.json', target: 'Mattermost' }),
    ];
    return { lines: JSON.stringify(settings, null, 2).split('\n'), notes };
  },
};
