/**
 * Profiles move between workstations through a file, on real parts: two profiles with
 * passwords in the real keychain, the real handler table behind the preload stand-in, main's
 * save and open dialogs played by the harness. Export both (the file holds no password),
 * delete one, import the file: the name that exists already is asked about (Cancel changes
 * nothing; Replace restores), and a file that is not a profiles file is refused with its
 * sentence. All by keyboard from the sidebar's menu, axe-clean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { emptyProfileFields } from '../../electron/services/settings/profile';
import { expect, settled, test } from './harness';
import { expectNoSeriousAxeViolations } from './page-helpers';

const CANARY = 'canary-e2e-profiles-file-7d1e';

/** The toasts' titles (the live region repeats their text). */
function toast(page: Page) {
  return page.locator('.fui-ToastTitle');
}

/** Opens the sidebar's profiles file menu by keyboard and picks the item. */
async function fromMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Move profiles between workstations' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: item }).press('Enter');
}

test('export two profiles, delete one, import the file: the clash is asked about, the profile comes back', async ({
  app,
}) => {
  const { page } = app;
  const base = {
    ...emptyProfileFields(),
    port: 587,
    security: 'starttls' as const,
    from: 'noreply@example.com',
  };
  await app.services.profiles.create(
    { ...base, name: 'Production relay', host: 'smtp.example.com', username: 'relay@example.com' },
    CANARY,
  );
  const backup = await app.services.profiles.create(
    { ...base, name: 'Backup relay', host: 'backup.example.com', username: 'backup@example.com' },
    CANARY,
  );
  await page.reload();
  const sidebar = page.getByRole('complementary', { name: 'Navigation' });
  await expect(sidebar.getByText('Backup relay')).toBeVisible();

  // Export: main's save dialog, a file with both profiles and no password.
  const file = join(app.dataDir, 'moved-profiles.json');
  app.queueSavePath(file);
  await fromMenu(page, 'Export profiles…');
  await expect(
    toast(page).filter({ hasText: 'Exported 2 profiles to moved-profiles.json (without their passwords)' }),
  ).toBeVisible();
  expect(app.saveDialogs).toEqual(['mail-preflight-profiles.json']);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('Production relay');
  expect(text).toContain('backup.example.com');
  expect(text).not.toContain(CANARY);
  expect(text).not.toMatch(/password"\s*:/i);

  await app.services.profiles.delete(backup.id);
  await page.reload();
  await expect(sidebar.getByText('Production relay')).toBeVisible();
  await expect(sidebar.getByText('Backup relay')).toBeHidden();

  // Import: "Production relay" exists, so the app asks; Cancel imports nothing.
  app.queueFiles([file]);
  await fromMenu(page, 'Import profiles…');
  const clash = page.getByRole('dialog', { name: 'A profile with this name exists already' });
  await expect(clash).toBeVisible();
  await expect(clash.getByRole('list', { name: 'Names already used' })).toHaveText('Production relay');
  await expectNoSeriousAxeViolations(page, 'the import clash question');
  await settled(clash);
  await clash.getByRole('button', { name: 'Cancel' }).press('Enter');
  await expect(clash).toBeHidden();
  expect(app.services.profiles.all().map((p) => p.name)).toEqual(['Production relay']);
  await expect(sidebar.getByText('Backup relay')).toBeHidden();

  // Again, and Replace: the deleted profile is back in the sidebar, the other one replaced.
  app.queueFiles([file]);
  await fromMenu(page, 'Import profiles…');
  await clash.getByRole('button', { name: 'Replace' }).press('Enter');
  await expect(toast(page).filter({ hasText: 'Imported 2 profiles' })).toBeVisible();
  await expect(sidebar.getByText('Backup relay')).toBeVisible();
  expect(
    app.services.profiles
      .all()
      .map((p) => p.name)
      .sort(),
  ).toEqual(['Backup relay', 'Production relay']);
  expect(app.fileDialogs).toEqual(['profiles', 'profiles']);

  // A file that is not a profiles file: its sentence, and nothing imported.
  const wrong = join(app.dataDir, 'not-profiles.json');
  writeFileSync(wrong, '{"hello": 1}');
  app.queueFiles([wrong]);
  await fromMenu(page, 'Import profiles…');
  const refused = page.getByRole('dialog', { name: 'The file was not imported' });
  await expect(refused).toContainText('not-profiles.json is not a Mail Preflight profiles file');
  await expectNoSeriousAxeViolations(page, 'the refused import');
  await page.keyboard.press('Escape');
  await expect(refused).toBeHidden();
  expect(app.services.profiles.all()).toHaveLength(2);
  expect(JSON.stringify(app.calls)).not.toContain(CANARY);
});
