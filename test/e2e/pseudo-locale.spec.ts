/**
 * The overflow run: the main screens in a pseudo-locale whose every sentence is about 40 %
 * longer than the English (test/e2e/pseudo-locale.ts, made from locales/en.json at test
 * time and served only to this page), at 900x650 and 1280x800: nothing cut off, nothing
 * wider than the window. It catches a layout that holds only for the words it was drawn with.
 */
import { closedPort } from '../support/closed-port';
import { expect, settled, test } from './harness';
import { expectLayoutHolds } from './layout';
import { pseudo, routePseudoCatalogue } from './pseudo-locale';

test('the main screens hold text 40 % longer than English, at 900x650 and 1280x800', async ({ app }) => {
  const { page } = app;
  await routePseudoCatalogue(page);
  const sidebar = page.getByRole('complementary');
  await sidebar.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(sidebar.getByText(pseudo('frame.profiles'), { exact: true })).toBeVisible();
  // Latin text: Latin fonts and line breaking, as a longer European language would have.
  await page.evaluate(() => (document.documentElement.lang = 'en'));
  await expectLayoutHolds(page, 'the empty state');

  const main = page.getByRole('main');
  await main.getByRole('button', { name: pseudo('empty.ownServer') }).click();
  const field = (key: string) => main.getByRole('textbox', { name: pseudo(key) });
  await expect(field('profile.fields.host')).toBeVisible();
  await expectLayoutHolds(page, 'the new profile form');

  await field('profile.fields.name').fill('Closed port');
  await field('profile.fields.host').fill('localhost');
  await field('profile.fields.port').fill(String(await closedPort()));
  await main.getByRole('switch', { name: pseudo('profile.fields.anonymous') }).check();
  await field('profile.fields.from').fill('app@example.com');
  await page.getByRole('button', { name: pseudo('unsaved.create') }).click();
  await expect(sidebar.getByRole('button', { name: /^Closed port/ })).toBeVisible();
  await expectLayoutHolds(page, 'a saved profile');

  await page
    .locator('header')
    .getByRole('button', { name: pseudo('profile.actions.send') })
    .click();
  const dialog = page.getByRole('dialog', { name: pseudo('send.title') });
  await dialog.getByRole('textbox', { name: pseudo('send.recipient') }).fill('someone@example.com');
  await dialog.getByRole('button', { name: pseudo('send.send'), exact: true }).click();
  await expect(dialog.getByTestId('failure-callout')).toBeVisible();
  await settled(dialog);
  await expectLayoutHolds(page, 'a failure with its fix');
  await dialog.getByRole('button', { name: pseudo('common.close'), exact: true }).click();

  // The preset picker, then a provider's profile with its notes, a dated one and its other ports.
  await sidebar.getByRole('button', { name: pseudo('frame.newProfile'), exact: true }).click();
  const picker = page.getByRole('dialog', { name: pseudo('frame.newProfile') });
  await expect(picker.locator('[data-preset]')).toHaveCount(15);
  await settled(picker);
  await expectLayoutHolds(page, 'the preset picker');
  await picker.locator('[data-preset="amazon-ses"]').click();
  await expect(main.getByTestId('about-preset')).toBeVisible();
  await settled(main);
  await expectLayoutHolds(page, 'a provider’s profile and what to know about it');
  await sidebar.getByRole('button', { name: pseudo('frame.newProfile'), exact: true }).click();
  await picker.locator('[data-preset="microsoft-365"]').click();
  await expect(main.locator('li[data-dated]')).toHaveCount(1);
  await settled(main);
  await expectLayoutHolds(page, 'Microsoft 365 and its dated note');
  await page.setViewportSize({ width: 900, height: 650 });
  await app.screenshot('pseudo-locale-microsoft-365');

  for (const [key, what] of [
    ['frame.testLog', 'the test log'],
    ['frame.sslKeys', 'the SSL keys'],
    ['frame.trustedCertificates', 'the trusted certificates'],
  ] as const) {
    await sidebar.getByRole('button', { name: pseudo(key), exact: true }).click();
    await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
    await settled(main);
    await expectLayoutHolds(page, what);
  }
});
