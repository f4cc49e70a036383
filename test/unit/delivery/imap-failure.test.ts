/**
 * DELIVERY_CHECK_FAILED diagnoses a real server will not produce on demand: provider
 * replies (Gmail, Microsoft 365), certificate dates, a scripted IMAP server that offers no
 * STARTTLS or never answers the login. The rig-backed cases (wrong password, untrusted
 * certificate, name mismatch, wrong port or security) are in test/integration/delivery.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDelivery } from '../../../electron/services/delivery';
import { imapFailure } from '../../../electron/services/delivery/imap-failure';
import type { DeliveryResult, ImapSettings } from '../../../electron/services/delivery/types';

const settings: ImapSettings = {
  host: 'imap.example.com',
  port: 993,
  security: 'tls',
  user: 'alice@example.com',
  password: 'Secret-Pa55-word',
};

describe('imapFailure', () => {
  it('Gmail wants an app password', () => {
    const f = imapFailure(
      {
        authenticationFailed: true,
        serverResponseCode: 'ALERT',
        responseStatus: 'NO',
        responseText:
          'Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
        response:
          '3 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
      },
      { ...settings, host: 'imap.gmail.com' },
      10_000,
    );
    expect(f).toMatchObject({
      code: 'DELIVERY_CHECK_FAILED',
      cause: 'AUTH_APP_PASSWORD_REQUIRED',
      imapResponse:
        'NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
    });
    expect(f.fix?.text).toMatch(/2-Step Verification.*app password/);
  });

  it('Microsoft 365 no longer takes passwords over IMAP', () => {
    const f = imapFailure(
      { authenticationFailed: true, responseStatus: 'NO', responseText: 'AUTHENTICATE failed.' },
      { ...settings, host: 'outlook.office365.com' },
      10_000,
    );
    expect(f).toMatchObject({ cause: 'AUTH_BASIC_DISABLED', imapResponse: 'NO AUTHENTICATE failed.' });
  });

  it('a temporary login failure, login refused without TLS', () => {
    expect(
      imapFailure(
        { authenticationFailed: true, serverResponseCode: 'UNAVAILABLE', responseText: 'Try later' },
        settings,
        1,
      ).cause,
    ).toBe('TEMPORARY_FAILURE');
    expect(
      imapFailure(
        {
          responseStatus: 'NO',
          serverResponseCode: 'PRIVACYREQUIRED',
          responseText: 'Plaintext authentication disallowed',
        },
        { ...settings, security: 'none', port: 143 },
        1,
      ),
    ).toMatchObject({ cause: 'AUTH_REQUIRES_TLS', fix: { settings: { security: 'starttls' } } });
  });

  it('certificate dates, DNS, a lost connection, a handshake failure', () => {
    expect(imapFailure({ code: 'CERT_HAS_EXPIRED' }, settings, 1)).toMatchObject({
      cause: 'TLS_CERT_EXPIRED',
      summary: 'The certificate of the IMAP server imap.example.com has expired.',
    });
    expect(imapFailure({ code: 'ENOTFOUND' }, settings, 1)).toMatchObject({
      cause: 'DNS_NOT_FOUND',
      summary: 'The IMAP server name imap.example.com does not resolve in DNS.',
    });
    expect(imapFailure({ code: 'ECONNRESET' }, settings, 1).cause).toBe('CONNECTION_LOST');
    expect(
      imapFailure(
        { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', reason: 'tlsv1 alert protocol version' },
        settings,
        1,
      ),
    ).toMatchObject({
      cause: 'TLS_HANDSHAKE_FAILED',
      summary:
        'The TLS handshake with the IMAP server imap.example.com failed (tlsv1 alert protocol version).',
    });
    expect(imapFailure({ code: 'CONNECT_TIMEOUT' }, { ...settings, port: 143 }, 10_000)).toMatchObject({
      cause: 'CONNECTION_TIMEOUT',
      summary: 'imap.example.com did not accept an IMAP connection on port 143 within 10 s.',
      fix: { settings: { port: 993 } },
    });
  });

  it('never repeats the password, whatever the server or the library said', () => {
    const f = imapFailure(
      { message: `odd failure near ${settings.password}`, response: `A1 BAD ${settings.password}` },
      settings,
      1,
    );
    expect(JSON.stringify(f)).not.toContain(settings.password);
    expect(f.summary).toBe('The IMAP check with imap.example.com failed: odd failure near <redacted>.');
  });
});

// ---------------------------------------------------------------------------------------
// A scripted IMAP server on loopback

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Greets with `capabilities`; answers CAPABILITY, LOGOUT; `onCommand` may answer the rest. */
async function scriptedImap(
  capabilities: string,
  onCommand: (tag: string, command: string, socket: Socket) => void = () => undefined,
): Promise<number> {
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write(`* OK [CAPABILITY ${capabilities}] scripted server ready\r\n`);
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += String(chunk);
      let eol: number;
      while ((eol = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const [tag = '*', command = ''] = line.split(' ');
        if (/^CAPABILITY$/i.test(command)) socket.write(`* CAPABILITY ${capabilities}\r\n${tag} OK done\r\n`);
        else if (/^LOGOUT$/i.test(command)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else onCommand(tag, command.toUpperCase(), socket);
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server!.address() as { port: number }).port;
}

async function check(imap: Partial<ImapSettings>, connectTimeoutMs = 10_000): Promise<DeliveryResult> {
  return checkDelivery({
    imap: { ...settings, host: '127.0.0.1', ...imap },
    runId: 'r1',
    acceptedAt: Date.now(),
    timeoutMs: 1_000,
    cleanup: false,
    connectTimeoutMs,
  });
}

describe('checkDelivery against a scripted IMAP server', () => {
  it('STARTTLS chosen but not offered: no login is attempted in the clear', async () => {
    const commands: string[] = [];
    const port = await scriptedImap('IMAP4rev1 AUTH=PLAIN', (tag, command) => commands.push(command));
    const result = await check({ port, security: 'starttls' });
    expect(result).toMatchObject({
      ok: false,
      failure: {
        cause: 'STARTTLS_NOT_OFFERED',
        summary: `127.0.0.1 does not offer STARTTLS for IMAP on port ${port}.`,
        fix: { settings: { security: 'tls', port: 993 } },
      },
    });
    expect(commands.filter((c) => /LOGIN|AUTHENTICATE/.test(c))).toEqual([]);
  });

  it('a server that never answers the login: our own short timeout, not the library’s minutes', async () => {
    const port = await scriptedImap('IMAP4rev1 AUTH=PLAIN SASL-IR'); // ignores AUTHENTICATE/LOGIN
    const t0 = performance.now();
    const result = await check({ port, security: 'none' }, 400);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(result).toMatchObject({
      ok: false,
      failure: {
        cause: 'RESPONSE_TIMEOUT',
        summary: '127.0.0.1 did not answer the IMAP login within 0.6 s.',
      },
    });
  });
});
