/**
 * nextcloud: a config/mail.config.php (Nextcloud merges every config/*.config.php into
 * config.php), from the admin manual's "Email" and "Configuration parameters" pages,
 * https://docs.nextcloud.com/server/latest/admin_manual/configuration_server/email_configuration.html
 * and .../config_sample_php_parameters.html#mail-parameters : mail_smtpmode 'smtp',
 * mail_smtphost, mail_smtpport, mail_smtpsecure ('' for none and starttls — Nextcloud's
 * mailer uses STARTTLS whenever the server offers it — and 'ssl' for implicit TLS),
 * mail_smtpauth, mail_smtpname, mail_smtppassword, mail_from_address (the local part) and
 * mail_domain, mail_smtpstreamoptions (PHP's ssl context options local_cert, local_pk,
 * cafile). Nextcloud has no Reply-To setting.
 */
import {
  CLIENT_CERT_PLACEHOLDER,
  CLIENT_KEY_PLACEHOLDER,
  TRUSTED_CA_PLACEHOLDER,
  fileNotes,
  passwordOf,
  replyToNote,
  singleQuoted,
  placeholderNote,
} from '../common';
import type { ExportFormat } from '../types';

export const nextcloud: ExportFormat = {
  id: 'nextcloud',
  fileName: 'mail.config.php',
  preamble: ['<?php'],
  comment: '//',
  syntax: 'php',
  takesPassword: true,
  render(s, t) {
    const entry = (key: string, value: string | number | boolean) =>
      `  ${singleQuoted(key)} => ${typeof value === 'string' ? singleQuoted(value) : String(value)},`;
    const at = s.from.lastIndexOf('@');
    const lines = [
      '$CONFIG = array (',
      entry('mail_smtpmode', 'smtp'),
      entry('mail_smtphost', s.host),
      entry('mail_smtpport', s.port),
      entry('mail_smtpsecure', s.security === 'tls' ? 'ssl' : ''),
      entry('mail_smtpauth', !s.anonymous),
    ];
    if (!s.anonymous)
      lines.push(entry('mail_smtpname', s.username), entry('mail_smtppassword', passwordOf(s)));
    lines.push(entry('mail_from_address', s.from.slice(0, at)), entry('mail_domain', s.from.slice(at + 1)));
    const ssl = [
      ...(s.clientKey
        ? [`'local_cert' => '${CLIENT_CERT_PLACEHOLDER}'`, `'local_pk' => '${CLIENT_KEY_PLACEHOLDER}'`]
        : []),
      ...(s.trustedCertificates.length ? [`'cafile' => '${TRUSTED_CA_PLACEHOLDER}'`] : []),
    ];
    if (ssl.length) lines.push(`  'mail_smtpstreamoptions' => array ('ssl' => array (${ssl.join(', ')})),`);
    lines.push(');');
    const notes = [
      ...placeholderNote(s, t),
      ...(s.security === 'none' ? [t('nextcloud.none')] : []),
      ...(s.security === 'starttls' ? [t('notes.starttlsOpportunistic', { target: 'Nextcloud' })] : []),
      ...fileNotes(s, t, { clientKey: true, trust: true }),
      ...replyToNote(s, t, 'Nextcloud'),
    ];
    return { lines, notes };
  },
};
