/**
 * youtrack: the seed page's fields as a sheet to type from, in YouTrack's own words, in
 * English or Japanese. Labels: "Connect to an External Mail Service" (Global Settings →
 * Notifications), https://www.jetbrains.com/help/youtrack/server/enable-email-notifications.html
 * and its Japanese edition: Server address / サーバーアドレス, Server port / サーバーポート,
 * Mail protocol / メールプロトコル (the list reads SMTP, SMTP+TLS, SMTPS), Connect
 * anonymously / 匿名で接続, Username / ユーザー名, Password (set with "Change password" /
 * パスワードの変更), SSL key / SSL キー (a keystore uploaded under SSL Keys), From address /
 * 送信元アドレス, Reply-to address / 返信先アドレス.
 */
import type { Security } from '../../settings/profile';
import type { ExportFormat } from '../types';

/** メールプロトコル as YouTrack's list names the modes. */
export const YOUTRACK_PROTOCOL: Record<Security, string> = {
  none: 'SMTP',
  starttls: 'SMTP+TLS',
  tls: 'SMTPS',
};

export const youtrack: ExportFormat = {
  id: 'youtrack',
  fileName: 'youtrack-email-settings.txt',
  comment: '#',
  syntax: 'text',
  takesPassword: true,
  render(s, t) {
    const row = (label: string, value: string) => `${t(`youtrack.${label}`)}: ${value}`;
    const unused = t('youtrack.unusedAnonymous');
    const lines = [
      row('host', s.host),
      row('port', String(s.port)),
      row('protocol', YOUTRACK_PROTOCOL[s.security]),
      row('anonymous', t(s.anonymous ? 'youtrack.on' : 'youtrack.off')),
      row('username', s.anonymous ? unused : s.username),
      row(
        'password',
        s.anonymous
          ? unused
          : s.password === null
            ? t('youtrack.passwordChange')
            : t('youtrack.passwordValue', { password: s.password }),
      ),
      row('sslKey', s.clientKey ?? t('youtrack.none')),
      row('from', s.from),
      row('replyTo', s.replyTo || t('youtrack.empty')),
    ];
    const notes = s.trustedCertificates.length
      ? [t('youtrack.trustNote', { certificates: s.trustedCertificates.join(', ') })]
      : [];
    return { lines, notes };
  },
};
