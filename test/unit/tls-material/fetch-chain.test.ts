/**
 * fetchServerChain against real TLS servers on loopback — Node's tls.createServer for
 * implicit TLS, nodemailer's smtp-server and a byte-exact raw server for STARTTLS — and
 * pinning: after `pin`, a fresh verifying connection with `ca: await trust.pems([id])`
 * succeeds. Also the test behind the pinning decision (trust-store.ts): OpenSSL takes a
 * pinned certificate as an anchor only when it is self-signed, or with partial chains.
 */
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import {
  connect,
  createServer as createTlsServer,
  type ConnectionOptions,
  type PeerCertificate,
  type Server as TlsServer,
  TLSSocket,
} from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { fetchServerChain, TrustStore } from '../../../electron/services/tls-material';
import { fingerprintId } from '../../../electron/services/tls-material/certificate-summary';
import { MESSAGES } from '../../../electron/services/tls-material/messages';
import {
  PIN_MISMATCH_ERROR,
  tlsOptions,
  type TlsMaterial,
} from '../../../electron/services/smtp/tls-options';
import {
  type Ca,
  makeCa,
  makeSelfSignedCert,
  makeServerCert,
  type ServerCert,
} from '../../fixtures/make-pki';
import { english, expectAppError, useDataDir } from './support';

const TIMEOUT = 3_000;

let ca: Ca;
let selfSigned: ServerCert;
let valid: ServerCert;
let wrongName: ServerCert;
let expired: ServerCert;
let selfSignedWrongName: ServerCert;

beforeAll(() => {
  ca = makeCa();
  selfSigned = makeSelfSignedCert({ names: ['localhost', '127.0.0.1'] });
  valid = makeServerCert(ca, { names: ['localhost', '127.0.0.1'] });
  wrongName = makeServerCert(ca, { names: ['other.example'] });
  expired = makeServerCert(ca, { names: ['localhost'], expired: true });
  selfSignedWrongName = makeSelfSignedCert({ names: ['other.example'] });
}, 60_000);

async function listening<T extends TcpServer | TlsServer>(server: T): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as { port: number }).port;
}

/** An implicit-TLS server presenting `chain` (PEM) with `key`; it greets like SMTP. */
function implicitTls(cert: string, key: string): Promise<number> {
  return listening(createTlsServer({ cert, key }, (socket) => socket.end('220 implicit.test ESMTP\r\n')));
}

/** nodemailer's smtp-server with STARTTLS; records whether anything beyond it happened. */
async function smtpStartTls(cert: ServerCert) {
  const seen = { auth: 0, mail: 0 };
  const server = new SMTPServer({
    logger: false,
    secure: false,
    key: cert.keyPem,
    cert: cert.chainPem,
    authOptional: true,
    onAuth: (_auth, _session, callback) => {
      seen.auth += 1;
      callback(new Error('no'));
    },
    onMailFrom: (_address, _session, callback) => {
      seen.mail += 1;
      callback();
    },
  });
  const port = await listening(server.server as unknown as TcpServer);
  return { port, seen };
}

/** A raw SMTP server that records every command line, then upgrades at STARTTLS. */
async function rawStartTls(cert: ServerCert, options: { offerStartTls?: boolean; greeting?: string } = {}) {
  const commands: string[] = [];
  const server = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.write(`${options.greeting ?? '220 raw.test ESMTP'}\r\n`);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        commands.push(line);
        if (/^EHLO /i.test(line)) {
          socket.write(
            [
              '250-raw.test',
              '250-PIPELINING',
              ...(options.offerStartTls === false ? [] : ['250-STARTTLS']),
              '250 8BITMIME',
            ]
              .map((l) => `${l}\r\n`)
              .join(''),
          );
        } else if (/^STARTTLS$/i.test(line)) {
          socket.off('data', onData);
          socket.write('220 2.0.0 Ready to start TLS\r\n', () => {
            const secure = new TLSSocket(socket, { isServer: true, cert: cert.chainPem, key: cert.keyPem });
            secure.on('error', () => undefined);
            secure.on('data', (data: Buffer) =>
              commands.push(`(over TLS) ${data.toString('latin1').trim()}`),
            );
          });
          return;
        } else {
          socket.write('502 5.5.2 Error: command not recognized\r\n');
        }
      }
    };
    socket.on('data', onData);
  });
  const port = await listening(server);
  return { port, commands };
}

/** A fresh, verifying connection, the way a run connects; resolves when it is trusted. */
function verifies(port: number, options: ConnectionOptions): Promise<true | string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('fetchServerChain over implicit TLS', () => {
  it('shows a self-signed certificate as untrusted; pinned, it verifies', async () => {
    const port = await implicitTls(selfSigned.certPem, selfSigned.keyPem);
    const fetched = await fetchServerChain({ host: 'localhost', port, security: 'tls', timeoutMs: TIMEOUT });
    expect(fetched).toMatchObject({ host: 'localhost', port, authorized: false });
    expect(english(fetched.problems)).toBe("The server's certificate is self-signed.");
    expect(fetched.chain).toHaveLength(1);
    expect(fetched.chain[0]).toMatchObject({
      fingerprint256: selfSigned.fingerprint256,
      selfSigned: true,
      subjectAltNames: ['DNS:localhost', 'IP Address:127.0.0.1'],
      expiry: 'ok',
    });
    expect(fetched.chain[0]!.pem).toBe(selfSigned.certPem);

    expect(await verifies(port, {})).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    const trust = new TrustStore(useDataDir());
    const pinned = await trust.pin(
      fetched.chain.map((cert) => cert.pem),
      `localhost:${port}`,
    );
    expect(pinned).toMatchObject({
      id: fingerprintId(selfSigned.fingerprint256),
      source: 'server',
      sourceDetail: `localhost:${port}`,
    });
    expect(await verifies(port, { ca: await trust.pems([pinned.id]) })).toBe(true);

    // Fetched again with the pinned certificate, it is trusted; pinning twice is refused.
    const again = await fetchServerChain({
      host: 'localhost',
      port,
      security: 'tls',
      ca: await trust.pems([pinned.id]),
      timeoutMs: TIMEOUT,
    });
    expect(again).toMatchObject({ authorized: true, problems: [] });
    await expectAppError(
      trust.pin(
        again.chain.map((cert) => cert.pem),
        `localhost:${port}`,
      ),
      /^This certificate is already trusted \(SHA-256 /,
    );
  });

  it('a private CA (leaf + root presented): says so, pins the root, and then verifies', async () => {
    const port = await implicitTls(valid.chainPem, valid.keyPem);
    const fetched = await fetchServerChain({ host: 'localhost', port, security: 'tls', timeoutMs: TIMEOUT });
    expect(fetched.authorized).toBe(false);
    expect(english(fetched.problems)).toBe(
      "The server's certificate is issued by a private CA whose root is not trusted here.",
    );
    expect(fetched.chain.map((cert) => cert.fingerprint256)).toEqual([
      valid.fingerprint256,
      ca.fingerprint256,
    ]);
    expect(fetched.chain[1]).toMatchObject({ isCA: true, selfSigned: true });

    const trust = new TrustStore(useDataDir());
    const pinned = await trust.pin(
      fetched.chain.map((cert) => cert.pem),
      `localhost:${port}`,
    );
    expect(pinned.id).toBe(fingerprintId(ca.fingerprint256));
    expect(pinned.certificate.isCA).toBe(true);
    expect(await verifies(port, { ca: await trust.pems([pinned.id]) })).toBe(true);
  });

  it('a leaf whose issuer the server does not send: pins the leaf, which verifies only with partial chains', async () => {
    const port = await implicitTls(valid.certPem, valid.keyPem);
    const fetched = await fetchServerChain({ host: '127.0.0.1', port, security: 'tls', timeoutMs: TIMEOUT });
    expect(fetched.authorized).toBe(false);
    expect(english(fetched.problems)).toBe(
      "The server's certificate has an unknown issuer (the server did not send it and it is not trusted here).",
    );
    const trust = new TrustStore(useDataDir());
    const pinned = await trust.pin(
      fetched.chain.map((cert) => cert.pem),
      `127.0.0.1:${port}`,
    );
    expect(pinned.id).toBe(fingerprintId(valid.fingerprint256));
    const ca = await trust.pems([pinned.id]);
    // OpenSSL takes a non-self-signed certificate as an anchor only with partial chains.
    expect(await verifies(port, { ca })).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(await verifies(port, { ca, allowPartialTrustChain: true })).toBe(true);
  });

  it('trusted with the CA: authorized, no problem; the chain ends in the root', async () => {
    const port = await implicitTls(valid.certPem, valid.keyPem);
    const fetched = await fetchServerChain({
      host: 'localhost',
      port,
      security: 'tls',
      ca: [ca.certPem],
      timeoutMs: TIMEOUT,
    });
    expect(fetched).toMatchObject({ authorized: true, problems: [] });
    // Node completes the presented leaf with the trusted root.
    expect(fetched.chain.map((cert) => cert.fingerprint256)).toEqual([
      valid.fingerprint256,
      ca.fingerprint256,
    ]);
  });

  it('name mismatch: the certificate names another host', async () => {
    const port = await implicitTls(wrongName.chainPem, wrongName.keyPem);
    const fetched = await fetchServerChain({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      security: 'tls',
      ca: [ca.certPem],
      timeoutMs: TIMEOUT,
    });
    expect(fetched.authorized).toBe(false);
    expect(english(fetched.problems)).toBe(
      "The server's certificate does not name localhost (it is issued for other.example).",
    );
  });

  it('self-signed AND for another name: says both', async () => {
    const port = await implicitTls(selfSignedWrongName.certPem, selfSignedWrongName.keyPem);
    const fetched = await fetchServerChain({ host: 'localhost', port, security: 'tls', timeoutMs: TIMEOUT });
    expect(english(fetched.problems)).toBe(
      "The server's certificate is self-signed. " +
        "The server's certificate does not name localhost (it is issued for other.example).",
    );
  });

  it('expired: says when', async () => {
    const port = await implicitTls(expired.chainPem, expired.keyPem);
    const fetched = await fetchServerChain({
      host: 'localhost',
      port,
      security: 'tls',
      ca: [ca.certPem],
      timeoutMs: TIMEOUT,
    });
    expect(fetched.authorized).toBe(false);
    expect(english(fetched.problems)).toBe("The server's certificate expired on 2020-01-02.");
    expect(fetched.chain[0]!.expiry).toBe('expired');
  });
});

describe('fetchServerChain over STARTTLS', () => {
  it('smtp-server: reads the self-signed chain after STARTTLS, sends no AUTH or mail; pinned, it verifies', async () => {
    const { port, seen } = await smtpStartTls(selfSigned);
    const fetched = await fetchServerChain({
      host: 'localhost',
      port,
      security: 'starttls',
      timeoutMs: TIMEOUT,
    });
    expect(fetched).toMatchObject({ authorized: false });
    expect(english(fetched.problems)).toBe("The server's certificate is self-signed.");
    expect(fetched.chain.map((cert) => cert.fingerprint256)).toEqual([selfSigned.fingerprint256]);
    expect(seen).toEqual({ auth: 0, mail: 0 });

    const trust = new TrustStore(useDataDir());
    const pinned = await trust.pin(
      fetched.chain.map((cert) => cert.pem),
      `localhost:${port}`,
    );
    const again = await fetchServerChain({
      host: 'localhost',
      port,
      security: 'starttls',
      ca: await trust.pems([pinned.id]),
      timeoutMs: TIMEOUT,
    });
    expect(again).toMatchObject({ authorized: true, problems: [] });
  });

  it('says exactly EHLO mail-preflight and STARTTLS, and nothing over TLS', async () => {
    const { port, commands } = await rawStartTls(valid);
    const fetched = await fetchServerChain({
      host: 'localhost',
      port,
      security: 'starttls',
      ca: [ca.certPem],
      timeoutMs: TIMEOUT,
    });
    expect(fetched).toMatchObject({ authorized: true, problems: [] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(commands).toEqual(['EHLO mail-preflight', 'STARTTLS']);
  });

  it('a multi-line greeting is read whole', async () => {
    const { port, commands } = await rawStartTls(selfSigned, {
      greeting: '220-raw.test ESMTP\r\n220 welcome',
    });
    const fetched = await fetchServerChain({
      host: 'localhost',
      port,
      security: 'starttls',
      timeoutMs: TIMEOUT,
    });
    expect(fetched.chain).toHaveLength(1);
    expect(commands).toEqual(['EHLO mail-preflight', 'STARTTLS']);
  });
});

describe('fetchServerChain failures, each one sentence', () => {
  it('a closed port refuses the connection', async () => {
    const server = createTcpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    await expectAppError(
      fetchServerChain({ host: '127.0.0.1', port, security: 'tls', timeoutMs: TIMEOUT }),
      `127.0.0.1:${port} refused the connection; check the server address and port.`,
    );
  });

  it('a server without STARTTLS says so', async () => {
    const { port, commands } = await rawStartTls(selfSigned, { offerStartTls: false });
    await expectAppError(
      fetchServerChain({ host: 'localhost', port, security: 'starttls', timeoutMs: TIMEOUT }),
      `localhost:${port} does not offer STARTTLS, so it has no certificate to show on this port.`,
    );
    expect(commands).toEqual(['EHLO mail-preflight']);
  });

  it('a refusing greeting is quoted', async () => {
    const { port } = await rawStartTls(selfSigned, { greeting: '554 5.7.1 go away' });
    await expectAppError(
      fetchServerChain({ host: 'localhost', port, security: 'starttls', timeoutMs: TIMEOUT }),
      `localhost:${port} refused the session: "554 5.7.1 go away".`,
    );
  });

  it('implicit TLS chosen for a plain SMTP port', async () => {
    const { port } = await rawStartTls(selfSigned);
    await expectAppError(
      fetchServerChain({ host: 'localhost', port, security: 'tls', timeoutMs: TIMEOUT }),
      `localhost:${port} did not answer with TLS; if it speaks plain SMTP first, choose STARTTLS.`,
    );
  });

  it('STARTTLS chosen for an implicit-TLS port: no greeting comes', async () => {
    const port = await implicitTls(selfSigned.certPem, selfSigned.keyPem);
    await expectAppError(
      fetchServerChain({ host: 'localhost', port, security: 'starttls', timeoutMs: 500 }),
      `localhost:${port} sent no SMTP greeting within 0.5 s; if it expects TLS at once, choose implicit TLS.`,
    );
  });

  it('an unknown host name', async () => {
    await expectAppError(
      fetchServerChain({ host: 'no-such-host.invalid', port: 25, security: 'starttls', timeoutMs: TIMEOUT }),
      'The host name no-such-host.invalid was not found in DNS; check the server address.',
    );
  });

  it('pin of an empty chain', async () => {
    await expectAppError(new TrustStore(useDataDir()).pin([], 'x:1'), MESSAGES.emptyChain);
  });
});

describe('a pin is the only trust for its host (tlsOptions with pins)', () => {
  const options = (material: TlsMaterial) => {
    const { host: _name, ...rest } = tlsOptions('localhost', material);
    return rest;
  };

  it('the pinned certificate verifies; another one fails even when its CA is trusted', async () => {
    const pinnedPort = await implicitTls(selfSigned.certPem, selfSigned.keyPem);
    const otherPort = await implicitTls(valid.certPem, valid.keyPem);
    // Without the pin, the CA makes the other server trusted: one more root.
    expect(await verifies(otherPort, options({ ca: [ca.certPem] }))).toBe(true);

    const pinned = { ca: [ca.certPem], pins: [selfSigned.certPem] };
    expect(await verifies(pinnedPort, options(pinned))).toBe(true);
    expect(await verifies(otherPort, options(pinned))).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  });

  it('a pinned CA trusts what it issues; checkServerIdentity finds the pin in the chain or refuses', async () => {
    const port = await implicitTls(valid.certPem + ca.certPem, valid.keyPem);
    expect(await verifies(port, options({ pins: [ca.certPem] }))).toBe(true);
    const identity = tlsOptions('localhost', { pins: [selfSigned.certPem] }).checkServerIdentity!;
    const presented = new X509Certificate(valid.certPem);
    const peer = {
      subject: { CN: 'localhost' },
      subjectaltname: 'DNS:localhost',
      fingerprint256: presented.fingerprint256,
    } as unknown as PeerCertificate;
    expect(identity('localhost', peer)).toMatchObject({ code: PIN_MISMATCH_ERROR });
    expect(identity('other.example', peer)).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });
});
