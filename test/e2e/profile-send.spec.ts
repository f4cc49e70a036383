/**
 * The main path through the UI, on real parts: the built renderer in Chromium, the real
 * services and handler table behind the preload stand-in, the real keychain, and a real
 * Postfix + Dovecot (the rig). Screenshots land in test-results/screenshots/.
 */
import { expect, settled, test, type AppHarness } from './harness';
import { expectNoSeriousAxeViolations, formField as field } from './page-helpers';
import { e2eRig } from './rig-info';

const { rig, reason } = e2eRig();

/** Every profiles:* result the page received, as JSON, for "the password never comes back". */
function profileResults(app: AppHarness): string[] {
  return app.calls.filter((c) => c.channel.startsWith('profiles:')).map((c) => JSON.stringify(c.result));
}

test.describe('profiles and test messages', () => {
  test.skip(!rig, `needs the mail rig: ${reason}`);

  test('create a profile, change its password, send, find it in the mailbox and the log, after a restart too', async ({
    app,
  }) => {
    const { page } = app;
    const r = rig!;
    const wrongPassword = 'not-the-password-7c1e';

    // Empty state, with what to do next.
    await expect(
      page.getByText('No profiles yet — start from Gmail, Microsoft 365 or your own server'),
    ).toBeVisible();
    await app.screenshot('empty-state');
    await page.getByRole('main').getByRole('button', { name: 'Your own server' }).click();

    // The form, in the seed's order; STARTTLS on the submission port.
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Rig submission');
    await field(page, /^Server address/).fill('localhost');
    await field(page, /^Port/).fill(String(r.ports.submission));
    await expect(page.getByRole('radio', { name: 'SMTP+STARTTLS' })).toHaveAttribute('aria-checked', 'true');
    await field(page, /^Username/).fill(r.user.username);
    await page.getByLabel(/^Password/).fill(wrongPassword);
    await field(page, /^From/).fill(r.user.address);
    await expect(page.getByText('New profile, not saved yet')).toBeVisible();
    await app.screenshot('profile-form-new');
    await page.getByRole('button', { name: 'Save profile' }).click();

    // Saved: in the sidebar, password set, no unsaved bar.
    const sidebarItem = page.getByRole('complementary').getByRole('button', { name: /^Rig submission/ });
    await expect(sidebarItem).toBeVisible();
    await expect(sidebarItem).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Password' })).toContainText('Set');

    // Change password through its dialog; Enter saves.
    await page.getByRole('button', { name: 'Change password' }).click();
    const passwordDialog = page.getByRole('dialog', { name: 'Change password' });
    await passwordDialog.getByLabel(/New password/).fill(r.user.password);
    await passwordDialog.getByLabel(/New password/).press('Enter');
    await expect(passwordDialog).toBeHidden();
    expect(app.calls.some((c) => c.channel === 'profiles:setPassword')).toBe(true);

    // The password never came back from main, and never reached a file.
    for (const result of profileResults(app)) {
      expect(result).not.toContain(r.user.password);
      expect(result).not.toContain(wrongPassword);
    }
    for (const file of app.files()) {
      expect(file.content, file.path).not.toContain(r.user.password);
      expect(file.content, file.path).not.toContain(wrongPassword);
    }

    // Send test message: the phases fill in and the result says Accepted.
    await page.getByRole('button', { name: 'Send test message' }).click();
    const sendDialog = page.getByRole('dialog', { name: 'Send test message' });
    await sendDialog.getByLabel(/Recipient/).fill(r.user.address);
    await sendDialog.getByLabel(/Recipient/).press('Enter');
    const outcome = sendDialog.getByTestId('run-outcome');
    await expect(outcome).toContainText(/Accepted by localhost in \d+ ms/);
    for (const phase of ['connect', 'greeting', 'ehlo', 'starttls', 'auth', 'mail', 'rcpt', 'data']) {
      await expect(sendDialog.locator(`[data-phase="${phase}"]`)).toHaveAttribute('data-state', 'ok');
    }
    await expect(sendDialog.locator('[data-phase="tls"]')).toHaveCount(0); // skipped: not shown

    // It really filled in live: progress events for this run reached the page as it ran.
    const send = app.calls.find((c) => c.channel === 'runs:send');
    const runId = (send?.input as { runId: string }).runId;
    const progress = app.events
      .filter((e) => e.event === 'run:progress' && (e.payload as { runId: string }).runId === runId)
      .map((e) => `${(e.payload as { phase: string }).phase}:${(e.payload as { state: string }).state}`);
    expect(progress).toEqual(
      expect.arrayContaining(['connect:running', 'connect:ok', 'data:running', 'data:ok']),
    );

    await app.screenshot('send-dialog');
    await app.screenshot('readme');
    await sendDialog.getByRole('button', { name: /^Transcript/ }).click();
    await expect(sendDialog.getByTestId('transcript')).toContainText('STARTTLS');
    await expect(sendDialog.getByTestId('transcript')).not.toContainText(r.user.password);

    // The message is in the recipient's Maildir.
    const raw = await r.waitForMessage(r.user.address, (m) => m.includes(runId), 15_000);
    expect(raw).toContain(runId);

    await sendDialog.getByRole('button', { name: 'Close' }).click();
    await expect(sidebarItem).toHaveAccessibleName(/last test: Accepted/);
    await expect(page.getByTestId('last-result')).toContainText('Accepted');
    await expectNoSeriousAxeViolations(page, 'the profile screen');

    // The test log shows the entry; its side panel tells the same story.
    await page.getByRole('complementary').getByRole('button', { name: 'Test log' }).click();
    const row = page.getByRole('row').filter({ hasText: r.user.address });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Accepted');
    await row.click();
    const panel = page.getByTestId('log-panel');
    await expect(panel.getByTestId('run-outcome')).toContainText(/Accepted by localhost/);
    await expect(panel).toContainText('Rig submission');
    await settled(panel);
    await app.screenshot('log-with-panel');
    await expectNoSeriousAxeViolations(page, 'the test log');

    // After a restart (fresh services over the same data folder) the entry is still there.
    const restarted = await app.restart();
    await restarted.getByRole('complementary').getByRole('button', { name: 'Test log' }).click();
    await expect(restarted.getByRole('row').filter({ hasText: r.user.address })).toHaveCount(1);
    await expect(
      restarted.getByRole('complementary').getByRole('button', { name: /^Rig submission/ }),
    ).toHaveAccessibleName(/last test: Accepted/);
  });

  test('a wrong protocol fails with a diagnosis, and Apply fix makes the next send pass', async ({ app }) => {
    const r = rig!;
    await app.services.profiles.create(
      {
        name: 'Rig, wrong protocol',
        host: 'localhost',
        port: r.ports.submission,
        security: 'tls',
        anonymous: false,
        username: r.user.username,
        from: r.user.address,
        replyTo: '',
        clientKeyId: null,
        trustedCertificateIds: [],
        lastRecipient: r.user.address,
      },
      r.user.password,
    );
    const { page } = app;
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Rig, wrong protocol');
    await page.getByRole('button', { name: 'Send test message' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send test message' });
    await expect(dialog.getByLabel(/Recipient/)).toHaveValue(r.user.address); // remembered
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();

    const callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('speaks plain SMTP');
    await expect(callout).toContainText('PLAINTEXT_PORT');
    // localhost is this machine: a warning beside the verdict, once, and not in the fix.
    await expect(dialog.getByTestId('run-warning')).toHaveCount(1);
    await expect(dialog.getByTestId('run-warning')).toContainText('right on the server that sends the mail');
    await expect(callout).not.toContainText('loopback');
    expect(await dialog.textContent()).not.toMatch(/\bat \S+ \(?\S+:\d+:\d+\)?/); // never a stack trace
    await app.screenshot('send-dialog-failed');
    await callout.getByRole('button', { name: 'Apply fix' }).click();

    // The fix went into the form, unsaved; the next send passes.
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('radio', { name: 'SMTP+STARTTLS' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    await page.getByRole('button', { name: 'Send test message' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
    // The password was saved with SMTPS: for the fixed, unsaved protocol the app asks first.
    await expect(page.getByRole('dialog').getByTestId('consent-prompt')).toContainText(
      'The password was saved for localhost. Send the saved password to localhost?',
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('dialog').getByTestId('run-outcome')).toContainText('Accepted by localhost');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);
    expect(
      (await app.services.profiles.get((await app.services.profiles.listWithLastRun())[0]!.id)).security,
    ).toBe('starttls');

    // "Check without sending" from the menu stops after RCPT.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Check without sending' }).click();
    const check = page.getByRole('dialog', { name: 'Check without sending' });
    await check.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(check.getByTestId('run-outcome')).toContainText('Nothing was sent');
    await expect(check.locator('[data-phase="rcpt"]')).toHaveAttribute('data-state', 'ok');
    await expect(check.locator('[data-phase="data"]')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(check).toBeHidden();
    await expect(page.getByTestId('last-result')).toContainText('Checked only');

    // Delete, with a confirmation; the app is empty again.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete profile…' }).click();
    await page
      .getByRole('dialog', { name: /^Delete “Rig, wrong protocol”/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(
      page.getByText('No profiles yet — start from Gmail, Microsoft 365 or your own server'),
    ).toBeVisible();
    expect(await app.services.profiles.listWithLastRun()).toEqual([]);
  });
});

test.describe('the profile form', () => {
  test('inline validation refuses port 70000, and "Connect anonymously" greys out but keeps the credentials', async ({
    app,
  }) => {
    const { page } = app;
    await page.getByRole('main').getByRole('button', { name: 'Your own server' }).click();
    await page.getByRole('textbox', { name: 'Profile name' }).fill('Validation');
    await field(page, /^Server address/).fill('mail.example.com');
    await field(page, /^Port/).fill('70000');
    await field(page, /^Port/).press('Tab');
    await expect(page.getByText('Port must be between 1 and 65535.')).toBeVisible();
    await expect(field(page, /^Port/)).toHaveAttribute('aria-invalid', 'true');

    await field(page, /^Username/).fill('kept-user');
    await page.getByLabel(/^Password/).fill('kept-secret');
    await field(page, /^From/).fill('ops@example.com');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Not saved', { exact: true })).toBeVisible();
    await expect(page.getByText('Port: Port must be between 1 and 65535.')).toBeVisible();
    await expect(field(page, /^Port/)).toBeFocused();
    expect(app.calls.filter((c) => c.channel === 'profiles:create')).toEqual([]);
    await app.screenshot('profile-validation');

    // Protocol and port: a mismatch is called out; switching protocol moves a usual port along.
    await field(page, /^Port/).fill('465');
    await expect(page.getByText(/Port 465 usually expects TLS from the first byte/)).toBeVisible();
    await page.getByRole('radio', { name: 'SMTPS' }).click();
    await expect(field(page, /^Port/)).toHaveValue('465');
    await expect(page.getByText(/Port 465 usually expects TLS/)).toHaveCount(0);
    await page.getByRole('radio', { name: 'SMTP+STARTTLS' }).click();
    await expect(field(page, /^Port/)).toHaveValue('587');

    // Anonymous: username and password greyed out, values kept.
    const anonymous = page.getByRole('switch', { name: 'Connect anonymously' });
    await anonymous.click();
    await expect(field(page, /^Username/)).toBeDisabled();
    await expect(field(page, /^Username/)).toHaveValue('kept-user');
    await expect(page.getByLabel(/^Password/)).toBeDisabled();
    await expect(page.getByLabel(/^Password/)).toHaveValue('kept-secret');
    await anonymous.click();
    await expect(field(page, /^Username/)).toBeEnabled();
    await expect(field(page, /^Username/)).toHaveValue('kept-user');
    await expect(page.getByLabel(/^Password/)).toHaveValue('kept-secret');

    // Leaving a dirty form asks first; Esc keeps editing.
    await page.getByRole('complementary').getByRole('button', { name: 'Test log' }).click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(leave).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(leave).toBeHidden();
    await expect(field(page, /^Username/)).toHaveValue('kept-user');
    await expectNoSeriousAxeViolations(page, 'the new-profile form');
  });
});
