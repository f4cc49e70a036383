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

test('an unreadable settings file is reported once with where it was kept, then the app goes on with empty settings', async ({
  app,
}) => {
  writeFileSync(join(app.dataDir, 'settings.json'), '{ "version": 1, "profiles": [ { "id": ');
  const page = await app.restart();
  const notice = page.getByTestId('startup-notice');
  await expect(notice).toContainText('Your settings file could not be read');
  await expect(notice).toContainText(`It was kept as ${join(app.dataDir, 'settings.json.unreadable-')}`);
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

test('a profile that fails validation is shown as broken with its reason, and saving it repairs it', async ({
  app,
}) => {
  const good = { ...FIELDS, name: 'Good relay', presetId: null };
  const stored = (id: string, fields: unknown) => ({
    id,
    fields,
    passwordSet: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  writeFileSync(
    join(app.dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      profiles: [stored('good', good), stored('bad', { ...good, name: 'Old relay', port: 'smtp' })],
    }),
  );
  const page = await app.restart();
  const sidebar = page.getByRole('complementary');
  await expect(sidebar.getByText('Good relay')).toBeVisible();
  await sidebar.getByText('Old relay').click();
  await expect(sidebar.getByText('(broken)')).toBeVisible();
  const banner = page.getByTestId('profile-broken');
  await expect(banner).toContainText('This profile could not be read from the settings file');
  await expect(banner).toContainText('Port: Port must be between 1 and 65535.');
  await app.screenshot('broken-profile');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(banner).toBeHidden();
  await expect(sidebar.getByText('(broken)')).toHaveCount(0);
  expect(app.services.profiles.all().map((p) => [p.id, p.port])).toEqual([
    ['good', 587],
    ['bad', 587],
  ]);
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

test.describe(() => {
  test.use({ locale: 'ja-JP' });

  test('a request the preload could not pass on is phrased by the window, in Japanese on a Japanese OS', async ({
    app,
  }) => {
    // What electron/preload.ts answers when ipcRenderer.invoke rejects: a key, no sentence.
    await app.page.addInitScript(() => {
      const forward = window.__mailPreflightInvoke;
      window.__mailPreflightInvoke = (channel, input) =>
        channel === 'profiles:list'
          ? Promise.resolve({
              ok: false,
              error: { code: 'INTERNAL', message: '', messageKey: 'errors.bridgeFailed' },
            })
          : forward(channel, input);
    });
    await app.page.reload();
    await expect(app.page.getByTestId('startup-error')).toHaveText(
      'Mail Preflight のメインプロセスから応答がありませんでした。何も変更されていません。もう一度お試しください。',
    );
  });
});
