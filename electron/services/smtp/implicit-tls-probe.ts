/**
 * Recognises a port that speaks TLS from the first byte while a plain or STARTTLS client
 * waits for a greeting that will never come (the commonest mistake: STARTTLS on 465).
 * Raw clients wait out their whole timeout here; we open a second connection and offer a
 * TLS handshake. A server that answers it — even with a certificate we do not trust — is
 * an implicit-TLS port. A server that answers in plain text, or not at all, is not: a
 * legitimately slow greeting (postscreen's delays) still gets its full timeout.
 */
import { nodeTls } from './node-tls';
import { tlsOptions, type TlsMaterial } from './tls-options';

/** How long a greeting may take before the second connection offers TLS. */
export const GREETING_GRACE_MS = 1_500;

/** Errors that can only come from a TLS server: the handshake got as far as its certificate. */
const SPOKE_TLS = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|ALTNAME|certificate/i;

export function speaksImplicitTls(
  address: string,
  port: number,
  host: string,
  material: TlsMaterial | undefined,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = nodeTls().connect({ ...tlsOptions(host, material), host: address, port });
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(SPOKE_TLS.test(`${error.code ?? ''} ${error.message}`)),
    );
  });
}
