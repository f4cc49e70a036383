/**
 * A saved password goes only where it was saved (DESIGN.md "Where a saved secret may go"),
 * proven with a second real SMTP server on loopback (smtp-server) and an IMAP listener that
 * record every login and every byte they receive. For each way of pointing a saved profile
 * elsewhere — the form's unsaved host, port, protocol or username through `runs:send`, the
 * IMAP host, the CLI's --profile with --host/--port/--security/--user/--imap-host, a
 * plain-text login to a host that is not loopback — the recorder has seen no password; a
 * consent naming the new host, a password typed for the run, or saving the profile does
 * send (the user agreed).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/ipc/handlers';
import { invokeChannel } from '../../electron/ipc/invoke';
import type { IpcError } from '../../electron/ipc/contract';
import { pickProfileFields, type ProfileFields } from '../../electron/services/settings/profile';
import type { RunRecord } from '../../electron/services/smtp/report';
import { findSecret } from '../support/secret-search';
import {
  nonLoopbackAddress,
  startRecordingImap,
  startRecordingSmtp,
  type Recorder,
} from '../support/recording-servers';
import { profileFields, tempServices, type TempServices } from '../support/temp-services';
import { runBuiltCli } from '../support/run-cli';

const SAVED = `Saved-Canary-${randomUUID().slice(0, 8)}-pw`;
const IMAP_SAVED = `Imap-Canary-${randomUUID().slice(0, 8)}-pw`;
const USER = 'alice@rig.test';
const TO = 'bob@rig.test';
/** This machine's own address that is not loopback (eth0's), where the plain-text cases listen. */
const WIDE_ADDRESS = nonLoopbackAddress();

let temp: TempServices;
let smtp: Recorder;
let imap: Recorder;
let wide: Recorder | null;
const recorders = () => [smtp, imap, ...(wide ? [wide] : [])];

beforeAll(async () => {
  temp = tempServices({ timeoutMs: 5000 });
  smtp = await startRecordingSmtp();
  imap = await startRecordingImap();
  wide = WIDE_ADDRESS ? await startRecordingSmtp(WIDE_ADDRESS) : null;
});
afterEach(() => recorders().forEach((recorder) => recorder.reset()));
afterAll(async () => {
  await Promise.all(recorders().map((r) => r.close()));
  temp.dispose();
});

type Reply = { ok: true; value: RunRecord } | { ok: false; error: IpcError };

async function call(channel: string, input: unknown): Promise<Reply> {
  const handlers = createHandlers(temp.services);
  return (await invokeChannel(handlers, channel, input, { emit: () => undefined })) as Reply;
}

/** A profile saved with SAVED as its password (and IMAP_SAVED when it checks delivery). */
async function saved(overrides: Partial<ProfileFields>) {
  const profile = await temp.services.profiles.create(
    profileFields({
      name: `binding-${randomUUID()}`,
      host: 'localhost',
      port: smtp.port,
      security: 'none',
      username: USER,
      from: USER,
      ...overrides,
    }),
    SAVED,
  );
  if (profile.delivery.enabled) await temp.services.profiles.setImapPassword(profile.id, IMAP_SAVED);
  return temp.services.profiles.get(profile.id);
}

const send = (profileId: string, extra: Record<string, unknown> = {}) =>
  call('runs:send', { runId: randomUUID(), profileId, to: TO, ...extra });

/** No recorder has received either saved password, in any spelling. */
function expectNoSavedSecretSeen() {
  for (const recorder of recorders()) {
    const raw = recorder.raw();
    expect(findSecret(raw, SAVED, [USER])).toBeNull();
    expect(findSecret(raw, IMAP_SAVED, [USER])).toBeNull();
    expect(recorder.logins.map((l) => l.password)).not.toContain(SAVED);
    expect(recorder.logins.map((l) => l.password)).not.toContain(IMAP_SAVED);
  }
}

function expectConsentRequired(reply: Reply, consent: Record<string, unknown>) {
  expect(reply.ok).toBe(false);
  if (reply.ok) return;
  expect(reply.error.code).toBe('CONSENT_REQUIRED');
  expect(reply.error.consents).toEqual([expect.objectContaining(consent)]);
}

describe('runs:send with unsaved form values', () => {
  it('the saved profile itself logs in to the recorder (the recorder would see a password)', async () => {
    const profile = await saved({});
    const reply = await send(profile.id);
    expect(reply).toMatchObject({ ok: true, value: { ok: true, code: 'OK' } });
    expect(smtp.logins.at(-1)).toEqual({ method: 'PLAIN', username: USER, password: SAVED });
  });

  // Each case: what the profile is saved with, and what the form says (pointing at the recorder).
  it.each<[string, Partial<ProfileFields>, Partial<ProfileFields>]>([
    ['host', {}, { host: '127.0.0.1' }],
    ['port', { port: 2 }, {}],
    ['security', { security: 'starttls' }, { security: 'none' }],
    ['username', {}, { username: 'mallory@rig.test' }],
  ])('a changed %s does not send the saved password; it asks', async (_what, savedWith, formWith) => {
    const profile = await saved(savedWith);
    const form = pickFields({ ...profile, port: smtp.port, ...formWith });
    const reply = await send(profile.id, { fields: form });
    expectConsentRequired(reply, { kind: 'saved-secret', secret: 'smtp-password', host: form.host });
    if (!reply.ok) {
      expect(reply.error.message).toBe(
        `The password was saved for localhost. Send the saved password to ${form.host}?`,
      );
    }
    expectNoSavedSecretSeen();
    expect(smtp.logins).toEqual([]);
  });

  it('a changed IMAP host does not send the saved IMAP password', async () => {
    const profile = await saved({
      anonymous: true,
      delivery: {
        ...profileFields().delivery,
        enabled: true,
        host: 'localhost',
        port: imap.port,
        security: 'none',
        username: USER,
      },
    });
    const form = pickFields({ ...profile, delivery: { ...profile.delivery, host: '127.0.0.1' } });
    const reply = await send(profile.id, { fields: form });
    expectConsentRequired(reply, { kind: 'saved-secret', secret: 'imap-password', host: '127.0.0.1' });
    expectNoSavedSecretSeen();
    expect(imap.raw()).toBe('');
  });

  it('with the consent naming the new host, the saved password is sent there (the user agreed)', async () => {
    const profile = await saved({});
    const form = pickFields({ ...profile, host: '127.0.0.1' });
    const asked = await send(profile.id, { fields: form });
    expect(asked.ok).toBe(false);
    if (asked.ok) return;
    // A consent for another host does not count.
    const elsewhere = asked.error.consents!.map(({ savedFor: _s, ...c }) => ({
      ...c,
      host: '127.0.0.2',
    }));
    expectConsentRequired(await send(profile.id, { fields: form, consents: elsewhere }), {
      host: '127.0.0.1',
    });
    expectNoSavedSecretSeen();

    const consents = asked.error.consents!.map(({ savedFor: _s, ...c }) => c);
    const reply = await send(profile.id, { fields: form, consents });
    expect(reply).toMatchObject({ ok: true, value: { ok: true, host: '127.0.0.1' } });
    expect(smtp.logins).toEqual([{ method: 'PLAIN', username: USER, password: SAVED }]);
    // Consent is for one run: the next one asks again.
    expectConsentRequired(await send(profile.id, { fields: form }), { host: '127.0.0.1' });
  });

  it('a password typed for the run goes instead of the saved one', async () => {
    const profile = await saved({});
    const reply = await send(profile.id, {
      fields: pickFields({ ...profile, host: '127.0.0.1' }),
      password: 'typed-for-this-run',
    });
    expect(reply).toMatchObject({ ok: true, value: { ok: true } });
    expect(smtp.logins).toEqual([{ method: 'PLAIN', username: USER, password: 'typed-for-this-run' }]);
    expectNoSavedSecretSeen();
  });

  it('saving the profile with the new host binds its password to it', async () => {
    const profile = await saved({});
    const updated = await call('profiles:update', {
      id: profile.id,
      fields: pickFields({ ...profile, host: '127.0.0.1' }),
    });
    expect(updated.ok).toBe(true);
    expect(await send(profile.id)).toMatchObject({ ok: true, value: { ok: true } });
    expect(smtp.logins).toEqual([{ method: 'PLAIN', username: USER, password: SAVED }]);
    // And no longer to the old one.
    expectConsentRequired(await send(profile.id, { fields: pickFields({ ...profile, host: 'localhost' }) }), {
      host: 'localhost',
    });
  });

  it.skipIf(!WIDE_ADDRESS)(
    'a login over plain text to a host that is not loopback needs consent',
    async () => {
      if (!wide) throw new Error('no recorder on the non-loopback address');
      const profile = await saved({ host: wide.host, port: wide.port });
      const reply = await send(profile.id);
      expectConsentRequired(reply, { kind: 'plaintext-auth', service: 'smtp', host: wide.host });
      if (!reply.ok) expect(reply.error.message).toContain('not on this machine');
      expectNoSavedSecretSeen();
      expect(wide.raw()).toBe('');

      const consents = [{ kind: 'plaintext-auth', service: 'smtp', host: wide.host }];
      expect(await send(profile.id, { consents })).toMatchObject({ ok: true, value: { ok: true } });
      expect(wide.logins).toEqual([{ method: 'PLAIN', username: USER, password: SAVED }]);
    },
  );
});

describe('the CLI with --profile and other settings', () => {
  let profileName: string;

  beforeAll(async () => {
    const profile = await saved({
      delivery: {
        ...profileFields().delivery,
        enabled: false,
        host: 'localhost',
        port: imap.port,
        security: 'none',
        username: USER,
      },
    });
    await temp.services.profiles.setImapPassword(profile.id, IMAP_SAVED);
    profileName = profile.name;
  });

  it.each([
    ['--host', ['--host', '127.0.0.1']],
    ['--port', ['--port', '1']],
    ['--security', ['--security', 'starttls', '--port', '0']],
    ['--user', ['--user', 'mallory@rig.test']],
  ])('%s: exit 2 with one sentence, and no password sent', async (_flag, extra) => {
    const args = extra.map((a) => (a === '0' ? String(smtp.port) : a));
    const result = await runCli(['test', '--profile', profileName, '--to', TO, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^mail-preflight: The password saved with “binding-.+” goes only to localhost .*--password-env or --password-stdin\.\n$/,
    );
    expect(result.stdout).toBe('');
    expectNoSavedSecretSeen();
    expect(smtp.logins).toEqual([]);
  });

  it('--imap-host: exit 2, the saved IMAP password is not sent', async () => {
    const result = await runCli([
      'test',
      '--profile',
      profileName,
      '--to',
      TO,
      '--verify-delivery',
      '--imap-host',
      '127.0.0.1',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^mail-preflight: The IMAP password saved with .* --imap-password-env\.\n$/,
    );
    expectNoSavedSecretSeen();
    expect(imap.raw()).toBe('');
  });

  it('--host with --password-env sends that password, not the saved one', async () => {
    const result = await runCli(
      ['test', '--profile', profileName, '--to', TO, '--host', '127.0.0.1', '--password-env', 'PW', '--json'],
      { PW: 'from-the-environment' },
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
    expect(result.status).toBe(0);
    expect(smtp.logins).toEqual([{ method: 'PLAIN', username: USER, password: 'from-the-environment' }]);
    expectNoSavedSecretSeen();
  });

  it.skipIf(!WIDE_ADDRESS)(
    'plain text to a host that is not loopback: exit 2 without --allow-plaintext-auth, sent with it',
    async () => {
      if (!wide) throw new Error('no recorder on the non-loopback address');
      const args = ['test', '--host', wide.host, '--port', String(wide.port), '--security', 'none'];
      const rest = ['--user', USER, '--password-env', 'PW', '--from', USER, '--to', TO];
      const refused = await runCli([...args, ...rest], { PW: SAVED });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toBe(
        `mail-preflight: Logging in to ${wide.host} with --security none would send the password readable across the network; use --security starttls or tls, or add --allow-plaintext-auth to do it anyway.\n`,
      );
      expectNoSavedSecretSeen();

      const allowed = await runCli([...args, ...rest, '--allow-plaintext-auth', '--json'], {
        PW: 'plain-ok',
      });
      expect(allowed.status).toBe(0);
      expect(wide.logins).toEqual([{ method: 'PLAIN', username: USER, password: 'plain-ok' }]);
    },
  );
});

/** The form's fields of a profile (what runs:send takes), without its id and state. */
function pickFields(profile: ProfileFields): ProfileFields {
  return pickProfileFields(profile) as ProfileFields;
}

function runCli(args: string[], env: Record<string, string> = {}) {
  return runBuiltCli(args, { ...process.env, MAIL_PREFLIGHT_DATA_DIR: temp.dataDir, ...env });
}
