/**
 * OAuth2 in the UI, against a real authorization server on loopback (oidc-provider): a
 * profile switched from a password to OAuth2 by keyboard, its client filled in, saved,
 * signed in through the server's own login and consent pages (in a tab of this browser,
 * the stand-in for the system browser), signed out again; axe finds nothing serious.
 * Sending with the token is proven against Dovecot in test/integration/oauth/.
 */
import { startAuthServer, type AuthServer } from '../support/oauth-server';
import { consentAs } from '../support/consent-browser';
import { expect, test } from './harness';
import { expectNoSeriousAxeViolations, formField as field } from './page-helpers';

let auth: AuthServer;

test.beforeAll(async () => {
  auth = await startAuthServer();
});
test.afterAll(async () => {
  await auth?.stop();
});

test('a profile moves to OAuth2, signs in in the browser, signs out and keeps a client secret', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('main').getByRole('button', { name: 'Your own server' }).click();
  await page.getByRole('textbox', { name: 'Profile name' }).fill('OAuth relay');
  await field(page, /^Server address/).fill('localhost');
  await field(page, /^Username/).fill('alice@rig.test');
  await field(page, /^From/).fill('alice@rig.test');

  // "Log in with": from the password to OAuth2 by keyboard.
  await page.getByRole('radio', { name: 'Username and password' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'OAuth2 sign-in' })).toBeChecked();
  await expect(field(page, /^Mailbox/)).toHaveValue('alice@rig.test');

  // Microsoft by default: its scopes and tenant, and how to register the client.
  await expect(field(page, /^Scopes/)).toHaveValue('https://outlook.office.com/SMTP.Send offline_access');
  await expect(field(page, /^Tenant/)).toHaveValue('organizations');
  await expect(page.getByTestId('oauth-help')).toContainText('Mobile and desktop applications');
  await expect(page.getByRole('link', { name: 'Entra admin center: App registrations' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Provider' }).selectOption('google');
  await expect(field(page, /^Scopes/)).toHaveValue('https://mail.google.com/');
  await expect(page.getByTestId('oauth-help')).toContainText('Desktop app');

  // The local authorization server, as "another OAuth2 server".
  await page.getByRole('combobox', { name: 'Provider' }).selectOption('custom');
  await field(page, /^Issuer/).fill(auth.issuer);
  await field(page, /^Client ID/).fill(auth.clientId);
  await field(page, /^Scopes/).fill(auth.scopes);
  await expect(page.getByText('Save the profile first: the sign-in is kept')).toBeVisible();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await expect(page.getByTestId('oauth-status')).toHaveText('Not signed in');
  // The "saved" toast's title fails axe's contrast check while it fades; look once it is gone.
  await expect(page.locator('.fui-Toast')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, 'OAuth2 profile');

  // Sign in: the server's pages open in the "system browser"; back here, signed in.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => app.browserTabs.length).toBe(1);
  const tab = app.browserTabs[0]!;
  await consentAs(tab, 'alice@rig.test');
  await expect(tab.getByText('You can close this tab and return to Mail Preflight.')).toBeVisible();
  await expect(page.getByTestId('oauth-status')).toHaveText('Signed in as alice@rig.test');
  const authorize = new URL(tab.url());
  expect(authorize.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(app.calls.find((c) => c.channel === 'oauth:signIn')?.result).toMatchObject({ ok: true });
  expect(JSON.stringify(app.calls)).not.toMatch(/refresh_token|access_token/);

  // Sign out: the refresh token leaves the keychain.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('oauth-status')).toHaveText('Not signed in');
  const profile = app.services.profiles.all()[0]!;
  expect(await app.services.secrets.get('oauth-refresh-token', profile.id)).toBeNull();

  // A client secret (Google's installed-app clients have one): write-only, to the keychain.
  await page.getByRole('button', { name: 'Set client secret' }).click();
  const secretDialog = page.getByRole('dialog', { name: 'Client secret' });
  await expect(secretDialog).toContainText(`The client secret of the client ID ${auth.clientId}.`);
  await secretDialog.getByLabel('Client secret').fill('client-secret-of-the-test');
  await secretDialog.getByRole('button', { name: 'Save password' }).click();
  await expect(secretDialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Change client secret' })).toBeVisible();
  expect(await app.services.secrets.get('oauth-client-secret', profile.id)).toBe('client-secret-of-the-test');
  expect(JSON.stringify(app.calls.map((c) => c.result))).not.toContain('client-secret-of-the-test');
});
