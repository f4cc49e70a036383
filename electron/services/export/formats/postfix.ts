/**
 * postfix: main.cf lines that relay all mail through the tested server, and the
 * sasl_passwd line with its postmap step as comments. Keys from postconf(5)
 * (https://www.postfix.org/postconf.5.html) and the SASL relay how-to
 * (https://www.postfix.org/SASL_README.html#client_sasl_enable): relayhost ([host]:port,
 * brackets: no MX lookup), smtp_sasl_auth_enable, smtp_sasl_password_maps,
 * smtp_sasl_security_options and smtp_sasl_tls_security_options (noanonymous: plaintext
 * mechanisms allowed, anonymous refused), smtp_tls_security_level (may / encrypt / encrypt
 * for none / starttls / tls), smtp_tls_wrappermode (yes for implicit TLS, which needs level
 * encrypt; TLS_README "SMTP client-side TLS ... wrappermode"), smtp_tls_CAfile (trusted
 * certificates), smtp_tls_chain_files (the client's key and certificate chain in one PEM).
 * From and Reply-To are not Postfix settings: the program that submits the mail sets them.
 */
import {
  CLIENT_CERT_PLACEHOLDER,
  TRUSTED_CA_PLACEHOLDER,
  fileNotes,
  passwordOf,
  placeholderNote,
} from '../common';
import type { ExportFormat } from '../types';

/** The sasl_passwd map's path; the postmap step makes its .db beside it. */
const SASL_PASSWD = '/etc/postfix/sasl_passwd';

/** relayhost's form: [name]:port, or [ipv6:addr]:port for an IPv6 literal. */
export function relayhost(host: string, port: number): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare.includes(':') ? `[ipv6:${bare}]:${port}` : `[${bare}]:${port}`;
}

export const postfix: ExportFormat = {
  id: 'postfix',
  fileName: 'main.cf',
  comment: '#',
  syntax: 'ini',
  takesPassword: true,
  render(s, t) {
    const relay = relayhost(s.host, s.port);
    const lines = [
      `relayhost = ${relay}`,
      `smtp_tls_security_level = ${s.security === 'none' ? 'may' : 'encrypt'}`,
    ];
    if (s.security === 'tls') lines.push('smtp_tls_wrappermode = yes');
    if (s.trustedCertificates.length) lines.push(`smtp_tls_CAfile = ${TRUSTED_CA_PLACEHOLDER}`);
    if (s.clientKey) lines.push(`smtp_tls_chain_files = ${CLIENT_CERT_PLACEHOLDER}`);
    if (!s.anonymous) {
      lines.push(
        'smtp_sasl_auth_enable = yes',
        `smtp_sasl_password_maps = hash:${SASL_PASSWD}`,
        'smtp_sasl_security_options = noanonymous',
        'smtp_sasl_tls_security_options = noanonymous',
        '',
        `# ${t('postfix.saslPasswd', { file: SASL_PASSWD })}`,
        `#   ${relay} ${s.username}:${passwordOf(s)}`,
        `# ${t('postfix.postmap')}`,
        `#   chmod 600 ${SASL_PASSWD} && postmap hash:${SASL_PASSWD} && postfix reload`,
      );
    }
    const notes = [
      ...placeholderNote(s, t),
      ...(s.security === 'none'
        ? [t('postfix.may', { setting: 'smtp_tls_security_level = may' })]
        : [
            t('postfix.encrypt', {
              setting: 'smtp_tls_security_level = encrypt',
              verify: 'smtp_tls_security_level = secure + smtp_tls_CAfile',
            }),
          ]),
      ...(s.clientKey
        ? [t('postfix.chainFile', { key: s.clientKey, certFile: CLIENT_CERT_PLACEHOLDER })]
        : []),
      ...fileNotes(s, t, { clientKey: false, trust: true }),
      t('postfix.addresses', { from: s.from }),
    ];
    return { lines, notes };
  },
};
