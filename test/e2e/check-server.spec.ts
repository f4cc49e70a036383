/**
 * "Check server" on the real rig: what a port speaks (implicit TLS, or STARTTLS with the
 * EHLO keywords before and after), a proposal that goes into the form unsaved, and the usual
 * ports side by side. It only connects: no login, no message.
 */
import { expect, settled, test } from './harness';
import { expectNoSeriousAxeViolations, formField } from './page-helpers';
import { e2eRig } from './rig-info';

const { rig, reason } = e2eRig();
const USUAL_PORTS = [465, 587, 25, 2525];

test.describe('Check server', () => {
  test.skip(!rig, `needs the mail rig: ${reason}`);

  test('detects implicit TLS and proposes SMTPS, shows EHLO before and after STARTTLS, and checks the usual ports', async ({
    app,
  }) => {
    const r = rig!;
    await app.services.profiles.create({
      name: 'Rig SMTPS, wrong protocol',
      host: 'localhost',
      port: r.ports.smtps,
      security: 'starttls',
      anonymous: false,
      username: r.user.username,
      from: r.user.address,
      replyTo: '',
      clientKeyId: null,
      trustedCertificateIds: [],
      lastRecipient: '',
    });
    const { page } = app;
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue(
      'Rig SMTPS, wrong protocol',
    );

    // The SMTPS port with SMTP+STARTTLS in the form: implicit TLS detected, AUTH over TLS.
    await page.getByRole('button', { name: 'Check server' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check server' });
    await expect(dialog.getByRole('progressbar')).toBeVisible(); // the spinner, while it connects
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused(); // Enter closes, Esc too
    await expect(dialog.getByTestId('probe-mode')).toHaveText(/^SMTPS — implicit TLS detected/);
    await expect(dialog.getByTestId('probe-summary')).toContainText(
      `localhost:${r.ports.smtps} speaks implicit TLS (SMTPS)`,
    );
    await expect(dialog.getByTestId('probe-banner')).toHaveText(/ESMTP/);
    const overTls = dialog.getByRole('list', { name: 'EHLO over TLS' });
    await expect(overTls.getByRole('listitem').filter({ hasText: /^AUTH PLAIN LOGIN$/ })).toHaveCount(1);
    await expect(dialog.getByRole('list', { name: 'EHLO before STARTTLS' })).toHaveCount(0);
    expect(app.calls.filter((c) => c.channel === 'servers:probe').map((c) => c.input)).toEqual([
      { host: 'localhost', port: r.ports.smtps },
    ]);

    const proposal = dialog.getByTestId('probe-proposal');
    await expect(proposal).toContainText(`Use port ${r.ports.smtps} with SMTPS`);
    await expect(proposal).toContainText(`The form has port ${r.ports.smtps} with SMTP+STARTTLS.`);
    await proposal.getByRole('button', { name: 'Use these settings' }).click();

    // Into the form, unsaved (as Apply fix does); the saved profile is untouched.
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('radio', { name: 'SMTPS' })).toHaveAttribute('aria-checked', 'true');
    await expect(formField(page, /^Port/)).toHaveValue(String(r.ports.smtps));
    await expect(page.getByRole('region', { name: 'Unsaved changes' })).toBeVisible();
    expect((await app.services.profiles.listWithLastRun())[0]!.security).toBe('starttls');

    // The submission port: STARTTLS offered before TLS, AUTH PLAIN LOGIN only after it.
    await page.getByRole('radio', { name: 'SMTP+STARTTLS' }).click();
    await formField(page, /^Port/).fill(String(r.ports.submission));
    await page.getByRole('button', { name: 'Check server' }).click();
    await expect(dialog.getByTestId('probe-mode')).toHaveText(/^SMTP\+STARTTLS — /);
    const before = dialog.getByRole('list', { name: 'EHLO before STARTTLS' });
    const after = dialog.getByRole('list', { name: 'EHLO after STARTTLS' });
    await expect(before.getByRole('listitem').filter({ hasText: /^STARTTLS$/ })).toHaveAttribute(
      'data-notable',
      'true',
    );
    await expect(before).not.toContainText('AUTH');
    const auth = after.getByRole('listitem').filter({ hasText: /^AUTH PLAIN LOGIN$/ });
    await expect(auth).toHaveAttribute('data-notable', 'true');
    await expect(after).not.toContainText('STARTTLS');
    await expect(after.getByRole('listitem').filter({ hasText: /^VRFY$/ })).not.toHaveAttribute(
      'data-notable',
    );
    await expect(dialog.getByTestId('probe-proposal')).toHaveCount(0); // the form already says this
    await settled(dialog);
    await app.screenshot('check-server');
    await dialog.getByRole('button', { name: /^TLS details · TLSv1\.[23] · certificate trusted$/ }).click();
    await expect(dialog).toContainText('Server certificate');
    await expect(dialog).toContainText('CN=mail.rig.test');
    await expectNoSeriousAxeViolations(page, 'the Check server dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // 127.0.0.1: the certificate names mail.rig.test and localhost only, so the port fails
    // with a diagnosis; on the usual ports nothing listens at all.
    await formField(page, /^Server address/).fill('127.0.0.1');
    await page.getByRole('button', { name: 'Check server' }).click();
    const callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('issued for another name');
    await expect(callout).toContainText('TLS_CERT_HOSTNAME_MISMATCH');
    await expect(dialog.getByRole('list', { name: 'EHLO before STARTTLS' })).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'EHLO after STARTTLS' })).toHaveCount(0);

    await dialog.getByRole('button', { name: 'Check the usual ports' }).click();
    const table = dialog.getByRole('table', { name: 'Usual ports' });
    await expect(table.getByRole('row')).toHaveCount(1 + USUAL_PORTS.length);
    for (const port of USUAL_PORTS) {
      const row = table.locator(`[data-port="${port}"]`);
      await expect(row.getByRole('cell').first()).toHaveText(String(port));
      await expect(row).toContainText('Refused');
      await expect(row).toContainText('CONNECTION_REFUSED');
      await expect(row).toHaveAttribute('data-code', 'CONNECTION_REFUSED');
    }
    const usual = dialog.getByTestId('probe-usual');
    await expect(usual.getByTestId('probe-proposal')).toContainText(
      'No SMTP server answered on 127.0.0.1 at ports 465, 587, 25, and 2525.',
    );
    await expect(usual.getByRole('button', { name: 'Use these settings' })).toHaveCount(0);
    expect(app.calls.filter((c) => c.channel === 'servers:probe').map((c) => c.input)).toContainEqual({
      host: '127.0.0.1',
    });
    await settled(dialog);
    await app.screenshot('check-server-usual-ports');
    await expectNoSeriousAxeViolations(page, 'the Check server dialog with the usual ports');

    // Enter on the focused Close closes it, like the other dialogs. Nothing was ever sent.
    await dialog.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    expect(app.calls.some((c) => c.channel === 'runs:send')).toBe(false);
  });
});

test('Check server with no server address says what is missing, at the field', async ({ app }) => {
  const { page } = app;
  await page.getByRole('main').getByRole('button', { name: 'Your own server' }).click();
  await page.getByRole('button', { name: 'Check server' }).click();
  await expect(
    page.locator('.fui-ToastTitle', {
      hasText: 'Enter a valid server address and port before checking the server.',
    }),
  ).toBeVisible();
  await expect(formField(page, /^Server address/)).toBeFocused();
  await expect(page.getByText('Enter the server address.')).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Check server' })).toHaveCount(0);
  expect(app.calls.filter((c) => c.channel === 'servers:probe')).toEqual([]);
});
