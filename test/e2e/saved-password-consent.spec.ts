/**
 * A saved password goes only where it was saved, in the UI: the form points a saved profile
 * at another server (unsaved), "Send test message" asks "Send the saved password to …?"
 * instead of sending it, and only the user's answer — the consent, or a password typed for
 * this test — logs in. A recording SMTP server (smtp-server on loopback) sees which.
 */
import { randomUUID } from 'node:crypto';
import { emptyProfileFields } from '../../electron/services/settings/profile';
import { startRecordingSmtp, type Recorder } from '../support/recording-servers';
import { expect, settled, test } from './harness';
import { expectNoSeriousAxeViolations, formField as field } from './page-helpers';

const SAVED = `Consent-Canary-${randomUUID().slice(0, 8)}`;
const USER = 'alice@rig.test';
let recorder: Recorder;

test.beforeAll(async () => {
  recorder = await startRecordingSmtp();
});
test.afterAll(async () => recorder.close());

test('an unsaved host asks before the saved password goes there; Cancel sends nothing, Send does', async ({
  app,
}) => {
  const { page } = app;
  await app.services.profiles.create(
    {
      ...emptyProfileFields(),
      name: 'Recorded relay',
      host: 'localhost',
      port: recorder.port,
      security: 'none',
      username: USER,
      from: USER,
    },
    SAVED,
  );
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Recorded relay');

  // The same server under another name, unsaved: the password was not saved for it.
  await field(page, /^Server address/).fill('127.0.0.1');
  const openSend = async () => {
    await page.getByRole('button', { name: 'Send test message' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send test message' });
    await dialog.getByLabel(/Recipient/).fill('bob@rig.test');
    await dialog.getByLabel(/Recipient/).press('Enter');
    return dialog;
  };

  let dialog = await openSend();
  const prompt = dialog.getByTestId('consent-prompt');
  await expect(prompt).toContainText(
    'The password was saved for localhost. Send the saved password to 127.0.0.1?',
  );
  await expect(dialog.getByTestId('consent-changes')).toHaveText(
    'Changed since the password was saved: server address localhost → 127.0.0.1.',
  );
  await expect(dialog.getByRole('button', { name: 'Send' })).toBeVisible();
  await settled(dialog);
  await app.screenshot('saved-password-consent');
  await expectNoSeriousAxeViolations(page, 'the saved-password consent');
  expect(recorder.logins).toEqual([]);
  expect(recorder.raw()).toBe('');

  // Cancel: nothing was sent.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(recorder.raw()).toBe('');

  // A password typed for this test goes instead of the saved one.
  dialog = await openSend();
  await dialog.getByLabel(/Or enter the password for 127\.0\.0\.1/).fill('typed-for-this-test');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog.getByTestId('run-outcome')).toContainText(/Accepted by 127\.0\.0\.1/);
  expect(recorder.logins).toEqual([{ method: 'PLAIN', username: USER, password: 'typed-for-this-test' }]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  recorder.reset();

  // Send: the user agreed, the saved password goes to 127.0.0.1, this once.
  dialog = await openSend();
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(dialog.getByTestId('run-outcome')).toContainText(/Accepted by 127\.0\.0\.1/);
  expect(recorder.logins).toEqual([{ method: 'PLAIN', username: USER, password: SAVED }]);
  const sends = app.calls.filter((c) => c.channel === 'runs:send');
  expect(sends.at(-1)?.input).toMatchObject({
    consents: [
      {
        kind: 'saved-secret',
        secret: 'smtp-password',
        host: '127.0.0.1',
        port: recorder.port,
        security: 'none',
        username: USER,
      },
    ],
  });
  for (const call of app.calls) expect(JSON.stringify(call.result)).not.toContain(SAVED);
});

test('a plain-text login to a host off this machine needs the user to accept the warning', async ({
  app,
}) => {
  const { page } = app;
  // 192.0.2.1 (TEST-NET-1) is not this machine: the run must stop before connecting.
  await app.services.profiles.create(
    {
      ...emptyProfileFields(),
      name: 'Plain relay',
      host: '192.0.2.1',
      port: 25,
      security: 'none',
      username: USER,
      from: USER,
    },
    SAVED,
  );
  await page.reload();
  await page.getByRole('button', { name: 'Send test message' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send test message' });
  await dialog.getByLabel(/Recipient/).fill('bob@rig.test');
  await dialog.getByLabel(/Recipient/).press('Enter');
  await expect(dialog.getByTestId('consent-prompt')).toContainText(
    '192.0.2.1 is not on this machine and the protocol is plain SMTP',
  );
  await expect(dialog.getByRole('button', { name: 'Log in without TLS' })).toBeVisible();
  expect(app.calls.filter((c) => c.channel === 'runs:send')).toHaveLength(1);
  expect(app.events.filter((e) => e.event === 'run:progress')).toEqual([]);
});
