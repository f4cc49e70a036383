/**
 * grafana: the [smtp] section of grafana.ini, from "Configure Grafana → [smtp]",
 * https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#smtp : enabled,
 * host (host:port), user, password (in triple quotes when it holds # or ;), cert_file,
 * key_file, skip_verify, from_address, startTLS_policy (NoStartTLS / MandatoryStartTLS /
 * OpportunisticStartTLS). Grafana sends with go-mail (gopkg.in/mail.v2), whose dialer uses
 * implicit TLS exactly when the port is 465 (`SSL: port == 465` in NewDialer): implicit TLS
 * on another port, or STARTTLS or plain SMTP on 465, cannot be expressed. Grafana has no
 * Reply-To and no CA setting of its own (it trusts the system's store).
 */
import {
  CLIENT_CERT_PLACEHOLDER,
  CLIENT_KEY_PLACEHOLDER,
  certificateNotes,
  fileNotes,
  hostPort,
  passwordOf,
  replyToNote,
  placeholderNote,
} from '../common';
import { PROTOCOL_NAME } from '../../settings/profile';
import type { ExportFormat } from '../types';

const IMPLICIT_TLS_PORT = 465;

/** go-ini reads a value with # or ; (or surrounding quotes) only inside triple quotes. */
function iniValue(value: string): string {
  return /[#;"'`]|^\s|\s$/.test(value) ? `"""${value}"""` : value;
}

export const grafana: ExportFormat = {
  id: 'grafana',
  fileName: 'grafana.ini',
  comment: '#',
  syntax: 'ini',
  takesPassword: true,
  refuse(s, t) {
    if (s.security === 'tls' && s.port !== IMPLICIT_TLS_PORT) return t('grafana.tlsPort', { port: s.port });
    if (s.security !== 'tls' && s.port === IMPLICIT_TLS_PORT)
      return t('grafana.port465', { protocol: PROTOCOL_NAME[s.security] });
    return null;
  },
  render(s, t) {
    const lines = ['[smtp]', 'enabled = true', `host = ${hostPort(s.host, s.port)}`];
    if (!s.anonymous) lines.push(`user = ${iniValue(s.username)}`, `password = ${iniValue(passwordOf(s))}`);
    if (s.clientKey && s.security !== 'none')
      lines.push(`cert_file = ${CLIENT_CERT_PLACEHOLDER}`, `key_file = ${CLIENT_KEY_PLACEHOLDER}`);
    lines.push('skip_verify = false', `from_address = ${iniValue(s.from)}`);
    if (s.security !== 'tls')
      lines.push(`startTLS_policy = ${s.security === 'starttls' ? 'MandatoryStartTLS' : 'NoStartTLS'}`);
    const notes = [
      ...placeholderNote(s, t),
      ...(s.security === 'tls' ? [t('grafana.implicit', { setting: 'startTLS_policy' })] : []),
      ...(s.security === 'none' && !s.anonymous ? [t('grafana.plainLogin', { host: 'localhost' })] : []),
      ...certificateNotes(s, t, 'Grafana', { clientKey: true, trust: false }),
      ...fileNotes(s, t, { clientKey: s.security !== 'none', trust: false }),
      ...replyToNote(s, t, 'Grafana'),
    ];
    return { lines, notes };
  },
};
