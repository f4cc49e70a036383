/**
 * spring: application.properties for Spring Boot's mail starter, from Spring Boot's
 * "Sending Email" (https://docs.spring.io/spring-boot/reference/io/email.html) and its
 * application-properties appendix: spring.mail.host, spring.mail.port, spring.mail.username,
 * spring.mail.password (here `${SMTP_PASSWORD}`, which Spring resolves from the environment),
 * and Jakarta Mail's session properties under spring.mail.properties.* (the SMTP provider's
 * package summary, https://jakarta.ee/specifications/mail/2.1/apidocs/jakarta.mail/jakarta/mail/package-summary
 * and Angus Mail's com.sun.mail.smtp docs): mail.smtp.auth, mail.smtp.starttls.enable and
 * mail.smtp.starttls.required (STARTTLS), mail.smtp.ssl.enable (implicit TLS), mail.smtp.from
 * (the envelope sender). From and Reply-To headers are set by the application per message.
 */
import { PASSWORD_PLACEHOLDER, certificateNotes, passwordFromEnvNote } from '../common';
import type { ExportFormat } from '../types';

/** A .properties value: backslashes escaped, a leading space kept, non-ASCII as \uXXXX. */
function propertyValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/^ /, '\\ ')
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const spring: ExportFormat = {
  id: 'spring',
  fileName: 'application.properties',
  comment: '#',
  syntax: 'properties',
  takesPassword: true,
  render(s, t) {
    const set = (key: string, value: string | number | boolean) =>
      `${key}=${typeof value === 'string' ? propertyValue(value) : String(value)}`;
    const mail = (key: string, value: string | boolean) =>
      set(`spring.mail.properties.mail.smtp.${key}`, value);
    const lines = [set('spring.mail.host', s.host), set('spring.mail.port', s.port)];
    if (!s.anonymous) {
      lines.push(
        set('spring.mail.username', s.username),
        s.password === null
          ? `spring.mail.password=\${${PASSWORD_PLACEHOLDER}}`
          : set('spring.mail.password', s.password),
      );
    }
    lines.push(
      mail('auth', !s.anonymous),
      mail('starttls.enable', s.security === 'starttls'),
      mail('starttls.required', s.security === 'starttls'),
      mail('ssl.enable', s.security === 'tls'),
      mail('from', s.from),
    );
    const notes = [
      ...passwordFromEnvNote(s, t),
      ...certificateNotes(s, t, 'Spring Boot', { clientKey: false, trust: false }),
      t('spring.addresses', { from: s.from, replyTo: s.replyTo || '—', setting: 'mail.smtp.from' }),
    ];
    return { lines, notes };
  },
};
