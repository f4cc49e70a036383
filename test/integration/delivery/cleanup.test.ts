/**
 * The delivery check's cleanup removes its own message and nothing else, on the real rig:
 * Dovecot with UIDPLUS gets UID EXPUNGE of that one UID, and a Dovecot that does not
 * advertise UIDPLUS (StartRigOptions.imapWithoutUidplus) gets the message flagged \Seen and
 * left. Either way a message the user had marked \Deleted in the same folder survives.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDelivery } from '../../../electron/services/delivery';
import { RUN_ID_HEADER } from '../../../electron/services/smtp/test-message';
import { deliveryText } from '../../../cli/print-report';
import { createTranslator } from '../../../electron/services/i18n';
import { getRig, type SharedRig } from '../../rig/inject';
import { startRig, type Rig } from '../../rig/rig';
import { rigImapClient } from '../../support/rig-imap';

const shared = getRig();
let withoutUidplus: Rig;
beforeAll(async () => {
  withoutUidplus = await startRig({ imapWithoutUidplus: true });
});
afterAll(async () => {
  await withoutUidplus.stop();
});

/** Puts a message of the user's into INBOX, already marked \Deleted (not yet expunged). */
async function appendDeletedMessage(rig: SharedRig, marker: string): Promise<void> {
  const client = rigImapClient(rig);
  await client.connect();
  try {
    const raw = `From: someone@rig.test\r\nTo: ${rig.user.address}\r\nSubject: keep ${marker}\r\n\r\nThe user's own message.\r\n`;
    await client.append('INBOX', raw, ['\\Deleted']);
  } finally {
    await client.logout();
  }
}

/** The flags of the INBOX message carrying `text` in its subject, or null when it is gone. */
async function flagsOf(rig: SharedRig, header: [string, string]): Promise<string[] | null> {
  const client = rigImapClient(rig);
  await client.connect();
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const uids = await client.search({ header: { [header[0]]: header[1] } }, { uid: true });
    if (!uids || uids.length === 0) return null;
    const message = await client.fetchOne(String(uids[0]), { flags: true }, { uid: true });
    return message ? [...(message.flags ?? [])].sort() : null;
  } finally {
    await client.logout();
  }
}

async function sendAndCheck(rig: SharedRig) {
  const runId = randomUUID();
  const transport = nodemailer.createTransport({ host: rig.host, port: rig.ports.plain, ignoreTLS: true });
  await transport.sendMail({
    from: 'someone@rig.test',
    to: rig.user.address,
    subject: `Cleanup ${runId}`,
    text: 'A delivery check test message.',
    headers: { [RUN_ID_HEADER]: runId },
  });
  transport.close();
  const result = await checkDelivery({
    imap: {
      host: rig.host,
      port: rig.ports.imap,
      security: 'none',
      user: rig.user.username,
      password: rig.user.password,
    },
    runId,
    acceptedAt: Date.now(),
    timeoutMs: 10_000,
    cleanup: true,
  });
  return { runId, result };
}

describe.each([
  ['offers UIDPLUS: UID EXPUNGE removes the test message only', () => shared, true],
  ['lacks UIDPLUS: the test message is flagged \\Seen and left', () => withoutUidplus, false],
] as const)('an IMAP server that %s', (_label, rigOf, uidplus) => {
  it('a message the user had marked \\Deleted in the same folder survives', async () => {
    const rig = rigOf();
    const marker = randomUUID();
    await appendDeletedMessage(rig, marker);

    const { runId, result } = await sendAndCheck(rig);

    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report).toMatchObject({
      found: true,
      folder: 'INBOX',
      deleted: uidplus,
      leftSeen: !uidplus,
      cleanupError: null,
    });
    expect(await flagsOf(rig, ['subject', `keep ${marker}`])).toEqual(['\\Deleted']);
    expect(await flagsOf(rig, [RUN_ID_HEADER, runId])).toEqual(uidplus ? null : ['\\Seen']);

    const printed = deliveryText(result.report, createTranslator('en'));
    if (uidplus) {
      expect(printed).toMatch(/after the server accepted it\. It was deleted\.$/m);
      expect(printed).not.toContain('Not deleted');
    } else {
      expect(printed).toContain(
        'Not deleted: the IMAP server does not offer UIDPLUS, so deleting it would also remove every message marked as deleted in INBOX; it was marked as read and left there.',
      );
    }
  });
});
