/**
 * keycloak: the `smtpServer` map of a realm representation (realm export/import JSON, and
 * the body of PUT /admin/realms/{realm}), from the Admin REST API's RealmRepresentation
 * (https://www.keycloak.org/docs-api/latest/rest-api/index.html#RealmRepresentation) and the
 * Server Administration Guide's "Configuring email for a realm": host, port, from,
 * replyTo, ssl (implicit TLS), starttls, auth, user, password — all strings, as Keycloak
 * stores them. Keycloak takes no client certificate here; it trusts through its
 * truststore (the truststore SPI), not this map.
 */
import { certificateNotes, passwordOf, placeholderNote } from '../common';
import type { ExportFormat } from '../types';

export const keycloak: ExportFormat = {
  id: 'keycloak',
  fileName: 'realm-smtp.json',
  comment: null,
  syntax: 'json',
  takesPassword: true,
  render(s, t) {
    const smtpServer: Record<string, string> = {
      host: s.host,
      port: String(s.port),
      from: s.from,
      ...(s.replyTo ? { replyTo: s.replyTo } : {}),
      ssl: String(s.security === 'tls'),
      starttls: String(s.security === 'starttls'),
      auth: String(!s.anonymous),
      ...(s.anonymous ? {} : { user: s.username, password: passwordOf(s) }),
    };
    const notes = [
      ...placeholderNote(s, t),
      ...certificateNotes(s, t, 'Keycloak', { clientKey: false, trust: false }),
      t('notes.mergeRealm', { section: 'smtpServer', request: 'PUT /admin/realms/REALM' }),
    ];
    return { lines: JSON.stringify({ smtpServer }, null, 2).split('\n'), notes };
  },
};
