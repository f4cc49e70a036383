/**
 * The Export dialog on real parts: a profile with its password in the real keychain, the
 * real handler table behind the preload stand-in. Pick a target by keyboard, read the text
 * (placeholders, never the password), save through main's save dialog with and without
 * the password; the page never receives it. The README's Export screenshot comes from here.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyProfileFields } from '../../electron/services/settings/profile';
import { expect, settled, test } from './harness';
import { expectNoSeriousAxeViolations } from './page-helpers';

const CANARY = 'canary-e2e-export-5c2a';

test('export a profile: choose the target, read it, save it with and without the password', async ({
  app,
}) => {
  const { page } = app;
  await app.services.profiles.create(
    {
      ...emptyProfileFields(),
      name: 'Production relay',
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      username: 'relay@example.com',
      from: 'noreply@example.com',
      replyTo: 'help@example.com',
    },
    CANARY,
  );
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Production relay');

  // The profile's menu, by keyboard.
  await page.getByRole('button', { name: 'More actions' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Export…' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export “Production relay”' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This profile was never tested');

  // YouTrack's field sheet first, then Postfix chosen from the list.
  const text = dialog.getByRole('textbox', { name: /placeholders stand where secrets go/ });
  await expect(text).toHaveValue(/Mail protocol: SMTP\+TLS/);
  await dialog.getByRole('combobox', { name: /Target/ }).selectOption({ label: 'Postfix relay' });
  await expect(text).toHaveValue(/relayhost = \[smtp\.example\.com\]:587/);
  await expect(text).toHaveValue(/relay@example\.com:SMTP_PASSWORD/);
  await expectNoSeriousAxeViolations(page, 'the Export dialog');
  await settled(dialog);
  await app.screenshot('export-dialog');

  // Save without, then with the password: main's save dialog, files readable by the owner only.
  const plain = join(app.dataDir, 'main.cf');
  app.queueSavePath(plain);
  await dialog.getByRole('button', { name: 'Save…' }).click();
  await expect(page.getByText('Saved main.cf').first()).toBeVisible();
  expect(app.saveDialogs).toEqual(['main.cf']);
  expect(readFileSync(plain, 'utf8')).not.toContain(CANARY);

  const secret = join(app.dataDir, 'main-with-password.cf');
  app.queueSavePath(secret);
  await dialog.getByRole('checkbox', { name: /Include the password/ }).check();
  await dialog.getByRole('button', { name: 'Save…' }).click();
  await expect(page.getByText('Saved main-with-password.cf')).toBeVisible();
  expect(readFileSync(secret, 'utf8')).toContain(`relay@example.com:${CANARY}`);
  expect(statSync(secret).mode & 0o777).toBe(0o600);

  // The password never reached the page.
  expect(JSON.stringify(app.calls)).not.toContain(CANARY);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
