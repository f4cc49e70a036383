/**
 * youtrack-rest: the JSON body for YouTrack's REST API, POSTed to
 * `api/admin/globalSettings/notificationSettings` (Developer Portal: "Notification
 * Settings" resource and the EmailSettings entity,
 * https://www.jetbrains.com/help/youtrack/devportal/api-entity-EmailSettings.html).
 * Mapping (DESIGN.md): isEnabled true; host; port; mailProtocol SMTP / SMTP_TLS / SMTPS for
 * none / starttls / tls; anonymous; login (the username, null when there is none); from;
 * replyTo (null when not set). The password and the SSL key (a StorageEntry) are not part
 * of it: they are set in YouTrack's page ("Change password", "SSL key").
 */
import type { Security } from '../../settings/profile';
import type { ExportFormat } from '../types';

export const YOUTRACK_MAIL_PROTOCOL: Record<Security, string> = {
  none: 'SMTP',
  starttls: 'SMTP_TLS',
  tls: 'SMTPS',
};

export const youtrackRest: ExportFormat = {
  id: 'youtrack-rest',
  fileName: 'youtrack-email-settings.json',
  comment: null,
  syntax: 'json',
  takesPassword: false,
  render(s, t) {
    const body = {
      emailSettings: {
        isEnabled: true,
        host: s.host,
        port: s.port,
        mailProtocol: YOUTRACK_MAIL_PROTOCOL[s.security],
        anonymous: s.anonymous,
        login: s.username || null,
        from: s.from,
        replyTo: s.replyTo || null,
      },
    };
    const notes = [];
    if (!s.anonymous) notes.push(t('youtrackRest.password'));
    if (s.clientKey) notes.push(t('youtrackRest.sslKey', { key: s.clientKey }));
    return { lines: JSON.stringify(body, null, 2).split('\n'), notes };
  },
};
