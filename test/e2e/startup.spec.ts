/**
 * What the app tells at start-up and when main refuses: a damaged settings file (once),
 * a keychain that is not there (for as long as it is not), and a send that cannot start.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeychainUnavailableError, type SecretBackend } from '../../electron/services/secrets/secret-store';
import { expect, test } from './harness';

const FIELDS = {
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls' as const,
  anonymous: false,
  username: 'ops@example.com',
  from: 'ops@example.com',
  replyTo: '',
  clientKeyId: null,
  trustedCertificateIds: [],
  lastRecipient: '',
};

test('a damaged settings file is reported once, then the app goes on with empty settings', async ({
  app,
}) => {
  writeFileSync(join(app.dataDir, 'settings.json'), '{ "version": 1, "profiles": [ { "id": ');
  const page = await app.restart();
  const notice = page.getByTestId('startup-notice');
  await expect(notice).toContainText('Your settings file could not be read');
  await expect(notice).toContainText('moved aside');
  await expect(
    page.getByText('No profiles yet — start from Gmail, Microsoft 365 or your own server'),
  ).toBeVisible();
  await app.screenshot('startup-notice');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();

  const again = await app.restart();
  await expect(
    again.getByText('No profiles yet — start from Gmail, Microsoft 365 or your own server'),
  ).toBeVisible();
  await expect(again.getByTestId('startup-notice')).toHaveCount(0);
});

test('without a keychain: a lasting warning, and the password dialog says why it cannot save', async ({
  app,
}) => {
  await app.services.profiles.create({ ...FIELDS, name: 'No keychain here' });
  // The OS keychain as it answers when no Secret Service runs.
  const absent: SecretBackend = {
    get: () => Promise.reject(new KeychainUnavailableError()),
    set: () => Promise.reject(new KeychainUnavailableError()),
    delete: () => Promise.reject(new KeychainUnavailableError()),
  };
  const osKeychain = app.secretBackend;
  app.secretBackend = absent;
  const page = await app.restart();
  const warning = page.getByTestId('keychain-warning');
  await expect(warning).toContainText('Passwords cannot be saved right now');
  await expect(warning).toContainText('No OS keychain is available');
  await expect(warning.getByRole('button')).toHaveCount(0); // not dismissible

  await page.getByRole('button', { name: 'Set password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set password' });
  await dialog.getByLabel(/New password/).fill('irrelevant');
  await dialog.getByLabel(/New password/).press('Enter');
  await expect(dialog.getByText('No OS keychain is available')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(warning).toBeVisible();
  app.secretBackend = osKeychain;
});

test('a send that main refuses (no password yet) says why, in the dialog', async ({ app }) => {
  await app.services.profiles.create({ ...FIELDS, name: 'No password yet' });
  const page = await app.restart();
  await page.getByRole('button', { name: 'Send test message' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send test message' });
  await dialog.getByLabel(/Recipient/).fill('someone@example.com');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.getByTestId('send-refused')).toContainText('This profile has no password yet');
  expect(
    app.calls.filter((c) => c.channel === 'runs:send').map((c) => (c.result as { ok: boolean }).ok),
  ).toEqual([false]);
});
