/**
 * A test run that proves delivery: the real Postfix takes the message, Dovecot files it
 * (Inbox, or Junk through the real Sieve rule), and the run watches the mailbox over IMAP.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDeliverySettings } from '../../electron/services/settings/profile';
import { getRig } from '../rig/inject';
import { profileFields, tempServices, type TempServices } from '../support/temp-services';

const rig = getRig();
let temp: TempServices;
const bob = rig.otherUsers[0]!;

beforeAll(() => {
  temp = tempServices();
});
afterAll(() => temp.dispose());

async function verifyingProfile(delivery: Partial<ReturnType<typeof defaultDeliverySettings>> = {}) {
  const profile = await temp.services.profiles.create(
    profileFields({
      name: `delivery-${randomUUID()}`,
      host: 'localhost',
      port: rig.ports.submission,
      username: rig.user.username,
      from: rig.user.address,
      delivery: {
        ...defaultDeliverySettings(),
        enabled: true,
        host: 'localhost',
        port: rig.ports.imaps,
        security: 'tls',
        username: bob.username,
        timeoutSeconds: 10,
        ...delivery,
      },
    }),
    rig.user.password,
  );
  await temp.services.profiles.setImapPassword(profile.id, bob.password);
  return profile;
}

async function send(profileId: string, to: string) {
  const progress: string[] = [];
  const record = await temp.services.runs.sendForProfile({ runId: randomUUID(), profileId, to }, (p) =>
    progress.push(`${p.phase}:${p.state}`),
  );
  return { record, progress };
}

describe('delivery proof on the real rig', () => {
  it('a message found in the Inbox makes the verdict “delivered”, with hops and the phase timed', async () => {
    const profile = await verifyingProfile({ cleanup: true });
    const { record, progress } = await send(profile.id, bob.address);

    expect(record).toMatchObject({ ok: true, verdict: 'delivered', code: 'OK', phase: null });
    expect(record.summary).toMatch(
      /^Delivered to Inbox in [\d.]+ m?s \([\d.]+ m?s after the server accepted it\)\.$/,
    );
    expect(record.delivery).toMatchObject({ found: true, folder: 'INBOX', spam: false, deleted: true });
    expect(record.delivery?.hops.length).toBeGreaterThanOrEqual(2);
    expect(record.timings.delivery).toBeGreaterThanOrEqual(0);
    expect(record.phases.at(-1)).toMatchObject({ phase: 'delivery', state: 'ok' });
    expect(progress).toEqual(expect.arrayContaining(['delivery:running', 'delivery:ok']));
    expect(JSON.stringify(record)).not.toContain(bob.password);
  });

  it('a message the server files as spam is DELIVERED_TO_SPAM, with advice', async () => {
    const profile = await verifyingProfile();
    const { record } = await send(profile.id, rig.spamAddress);

    expect(record).toMatchObject({
      ok: false,
      verdict: 'delivered',
      code: 'DELIVERED_TO_SPAM',
      phase: 'delivery',
    });
    expect(record.summary).toMatch(/^Delivered to the Junk folder in /);
    expect(record.delivery).toMatchObject({ found: true, spam: true });
    expect(record.fix?.text).toMatch(/\S/);
  });

  it('a message accepted but never delivered is DELIVERY_NOT_CONFIRMED at the timeout', async () => {
    const profile = await verifyingProfile({ timeoutSeconds: 5 });
    const started = performance.now();
    const { record } = await send(profile.id, rig.heldAddress);

    expect(record).toMatchObject({
      ok: false,
      verdict: 'accepted',
      code: 'DELIVERY_NOT_CONFIRMED',
      phase: 'delivery',
    });
    expect(record.queueId).toMatch(/^[0-9A-F]+$/);
    expect(performance.now() - started).toBeLessThan(7_000);
  });

  it('a wrong IMAP password is DELIVERY_CHECK_FAILED, and the SMTP verdict stays “accepted”', async () => {
    const profile = await verifyingProfile();
    await temp.services.profiles.setImapPassword(profile.id, 'not-bobs-password');
    const { record } = await send(profile.id, bob.address);

    expect(record).toMatchObject({
      ok: false,
      verdict: 'accepted',
      code: 'DELIVERY_CHECK_FAILED',
      phase: 'delivery',
    });
    expect(record.summary).toMatch(/\S\.$/);
    expect(JSON.stringify(record)).not.toContain('not-bobs-password');
  });

  it('refuses to start without an IMAP password, in one sentence', async () => {
    const profile = await temp.services.profiles.create(
      profileFields({
        name: `no-imap-${randomUUID()}`,
        port: rig.ports.submission,
        username: rig.user.username,
        delivery: { ...defaultDeliverySettings(), enabled: true, host: 'localhost', username: bob.username },
      }),
      rig.user.password,
    );
    await expect(send(profile.id, bob.address)).rejects.toThrow(
      'The delivery check has no IMAP password yet: set it under “Delivery check”, or turn the check off.',
    );
  });
});
