/**
 * In TLS 1.3 the client's handshake ends before the server has checked the client
 * certificate: a server that wants one sends its alert just after, possibly before the SMTP
 * session listens to the socket (nodemailer loads in between). The alert must be kept and
 * said as what it is, TLS_CLIENT_CERT_REQUIRED, never escape as an unheard 'error' event or
 * read as a lost connection. Real TLS on loopback, certificates made with openssl.
 */
import { createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTcp, startTls, throwIfFailedEarly } from '../../../electron/services/smtp/connect';
import { PhaseClock } from '../../../electron/services/smtp/phase-clock';
import { makeCa, makeServerCert } from '../../fixtures/make-pki';

const ca = makeCa();
const certificate = makeServerCert(ca, { names: ['localhost'], keyType: 'ec' });
let server: Server;

beforeAll(async () => {
  server = createServer({
    key: certificate.keyPem,
    cert: certificate.chainPem,
    ca: [ca.certPem],
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

describe('an alert after the TLS 1.3 handshake, before the session listens', () => {
  it('is kept on the socket and thrown by throwIfFailedEarly, with the alert’s own code', async () => {
    const clock = new PhaseClock(() => undefined);
    const port = (server.address() as AddressInfo).port;
    const tcp = await openTcp(['127.0.0.1'], port, clock, 5_000);
    const socket = await startTls(tcp, 'localhost', { ca: [ca.certPem] }, clock, 5_000);
    // Nobody listens now, as while nodemailer loads: the alert arrives, then the close.
    socket.resume();
    await new Promise((closed) => socket.once('close', closed));
    expect(() => throwIfFailedEarly(socket)).toThrow(
      expect.objectContaining({ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' }),
    );
  });
});
