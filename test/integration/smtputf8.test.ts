/**
 * A non-ASCII address goes out only to a server that offers SMTPUTF8 (RFC 6531), on the real
 * Postfix: with `smtputf8_enable = no` (StartRigOptions.smtputf8) the run stops before MAIL
 * FROM with SMTPUTF8_NOT_OFFERED and Postfix never sees a MAIL FROM; the default rig offers
 * SMTPUTF8 and Postfix accepts the message.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest, type RunRequest } from '../../electron/services/smtp/run-test';
import { getRig } from '../rig/inject';
import { startRig, type Rig } from '../rig/rig';
import { expectOneSentence } from '../unit/helpers';

const SENDER = 'jösé@rig.test';
const shared = getRig();
let withoutSmtpUtf8: Rig;
beforeAll(async () => {
  withoutSmtpUtf8 = await startRig({ smtputf8: false });
});
afterAll(async () => {
  await withoutSmtpUtf8.stop();
});

/** smtpd's last "disconnect from" line: the commands it counted in the session. */
async function smtpdDisconnect(logFile: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const line = (await readFile(logFile, 'utf8')).split('\n').findLast((l) => / disconnect from /.test(l));
    if (line && !/commands=0\/0/.test(line)) return line;
    if (Date.now() > deadline) throw new Error(`no smtpd disconnect in ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function request(port: number, runId: string): RunRequest {
  return {
    runId,
    profileName: 'SMTPUTF8',
    host: shared.host,
    port,
    security: 'none',
    auth: null,
    from: SENDER,
    replyTo: '',
    to: shared.user.address,
    dryRun: false,
    timeoutMs: 10_000,
    clientName: 'workstation.example.com',
  };
}

describe('a non-ASCII sender on the real Postfix', () => {
  it('without SMTPUTF8: one sentence before sending, and Postfix sees no MAIL FROM', async () => {
    const { report } = await runTest(request(withoutSmtpUtf8.ports.plain, randomUUID()));

    expect(report).toMatchObject({ ok: false, code: 'SMTPUTF8_NOT_OFFERED', phase: 'mail' });
    expectOneSentence(report.summary);
    expect(report.summary).toContain(SENDER);
    expect(report.fix?.text).toMatch(/ASCII address/);
    expect(report.server.capabilities).not.toContain('SMTPUTF8');
    const commands = report.transcript.filter((l) => l.dir === 'C').map((l) => l.line.split(' ')[0]);
    expect(commands).not.toContain('MAIL');
    expect(commands.at(-1)).toBe('QUIT');
    const disconnect = await smtpdDisconnect(withoutSmtpUtf8.logs.postfix);
    expect(disconnect).toMatch(/ehlo=1 quit=1 commands=2$/);
  });

  it('an internationalised domain goes as its A-label, which needs no SMTPUTF8', async () => {
    const { report } = await runTest({
      ...request(withoutSmtpUtf8.ports.plain, randomUUID()),
      from: 'alerts@bücher.example',
    });

    expect(report).toMatchObject({ ok: true, code: 'OK' });
    expect(report.transcript.find((l) => l.line.startsWith('MAIL FROM'))?.line).toBe(
      'MAIL FROM:<alerts@xn--bcher-kva.example>',
    );
  });

  // Postfix takes the message; the rig's Dovecot LMTP offers no SMTPUTF8, so it goes no further.
  it('with SMTPUTF8 (the default rig): MAIL FROM asks for it and Postfix accepts the message', async () => {
    const { report } = await runTest(request(shared.ports.plain, randomUUID()));

    expect(report).toMatchObject({ ok: true, code: 'OK' });
    expect(report.queueId).toMatch(/^[0-9A-F]+$/);
    expect(report.transcript.find((l) => l.line.startsWith('MAIL FROM'))?.line).toBe(
      `MAIL FROM:<${SENDER}> SMTPUTF8`,
    );
    const log = await readFile(shared.logs.postfix, 'utf8');
    expect(log).toContain(`${report.queueId}: from=<${SENDER}>`);
  });
});
