/**
 * gitlab: lines for /etc/gitlab/gitlab.rb (Linux package), from "SMTP settings",
 * https://docs.gitlab.com/omnibus/settings/smtp/ : gitlab_rails['smtp_enable'],
 * ['smtp_address'], ['smtp_port'], ['smtp_user_name'], ['smtp_password'],
 * ['smtp_authentication'], ['smtp_enable_starttls_auto'], ['smtp_tls'], ['smtp_ca_file'];
 * and gitlab_rails['gitlab_email_from'], ['gitlab_email_reply_to'] ("Email settings",
 * https://docs.gitlab.com/omnibus/settings/email/). security none / starttls / tls maps to
 * smtp_enable_starttls_auto false / true / false and smtp_tls false / false / true.
 * GitLab presents no client certificate over SMTP.
 */
import {
  TRUSTED_CA_PLACEHOLDER,
  certificateNotes,
  fileNotes,
  actionMailerSettings,
  singleQuoted,
  placeholderNote,
} from '../common';
import type { ExportFormat } from '../types';

const setting = (key: string, value: string | number | boolean) =>
  `gitlab_rails['${key}'] = ${typeof value === 'string' ? singleQuoted(value) : String(value)}`;

export const gitlab: ExportFormat = {
  id: 'gitlab',
  fileName: 'gitlab.rb',
  comment: '#',
  syntax: 'ruby',
  takesPassword: true,
  render(s, t) {
    const mailer = actionMailerSettings(s, t, 'GitLab');
    const lines = [
      setting('smtp_enable', true),
      setting('smtp_address', s.host),
      setting('smtp_port', s.port),
      ...mailer.settings.map(([key, value]) => setting(`smtp_${key}`, value)),
    ];
    if (s.trustedCertificates.length) lines.push(setting('smtp_ca_file', TRUSTED_CA_PLACEHOLDER));
    lines.push(setting('gitlab_email_from', s.from));
    if (s.replyTo) lines.push(setting('gitlab_email_reply_to', s.replyTo));
    const notes = [
      ...placeholderNote(s, t),
      ...mailer.notes,
      ...certificateNotes(s, t, 'GitLab', { clientKey: false, trust: true }),
      ...fileNotes(s, t, { clientKey: false, trust: true }),
      t('notes.thenRun', { command: 'sudo gitlab-ctl reconfigure' }),
    ];
    return { lines, notes };
  },
};
