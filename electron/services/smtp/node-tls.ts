/**
 * Node's `tls`, loaded when a connection first needs it rather than when a module that may
 * use it loads: a run that never gets as far as TLS (nothing listening, plain SMTP) does
 * not pay for it (about 8 MiB of the CLI's peak memory on a refused connection, and its
 * share of the start; `npm run bench`).
 *
 * Every call of X509Certificate#toLegacyObject() goes through legacyObject(): on Node 24
 * (seen on 24.21) that method loads Node's TLS internals in an order that leaves `tls`
 * without `createSecureContext` for the rest of the process, unless `tls` was loaded first.
 */
import type { X509Certificate } from 'node:crypto';
import type * as Tls from 'node:tls';

/** Node's `tls` module, loaded on the first call (synchronously; a built-in module). */
export function nodeTls(): typeof Tls {
  return process.getBuiltinModule('node:tls');
}

/** `cert.toLegacyObject()`, with `tls` loaded before it (see above). */
export function legacyObject(cert: X509Certificate): Tls.PeerCertificate {
  nodeTls();
  return cert.toLegacyObject();
}

/** Whether a socket speaks TLS, without loading `tls` to ask `instanceof TLSSocket`. */
export function isTlsSocket(socket: unknown): socket is Tls.TLSSocket {
  return (
    typeof socket === 'object' && socket !== null && (socket as Partial<Tls.TLSSocket>).encrypted === true
  );
}
