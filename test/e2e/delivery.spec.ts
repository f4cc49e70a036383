/**
 * Delivery proof in the browser, on real parts: the rig's Postfix takes the message, Dovecot
 * files it (Inbox, or Junk through the real Sieve rule for the spam address, or never for
 * the held address), and the run watches bob's mailbox over IMAPS. The From-domain DNS
 * check asks a DNS server on loopback (test/support/dns-server.ts) that serves rig.test.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  defaultDeliverySettings,
  type DeliverySettings,
  type ProfileFieldsInput,
} from '../../electron/services/settings/profile';
import { startDnsServer, type DnsServer } from '../support/dns-server';
import { expect, settled, test, type AppHarness } from './harness';
import { expectNoSeriousAxeViolations, formField as field } from './page-helpers';
import { e2eRig } from './rig-info';

const { rig, reason } = e2eRig();

/** A profile on the rig's submission port: alice sends, bob (or the spam/held address) receives. */
async function rigProfile(
  app: AppHarness,
  name: string,
  delivery: Partial<DeliverySettings> | null = null,
): Promise<string> {
  const r = rig!;
  const bob = r.otherUsers[0]!;
  const fields: ProfileFieldsInput = {
    name,
    host: 'localhost',
    port: r.ports.submission,
    security: 'starttls',
    anonymous: false,
    username: r.user.username,
    from: r.user.address,
    replyTo: '',
    clientKeyId: null,
    trustedCertificateIds: [],
    lastRecipient: bob.address,
    ...(delivery
      ? {
          delivery: {
            ...defaultDeliverySettings(),
            enabled: true,
            host: 'localhost',
            port: r.ports.imaps,
            security: 'tls',
            username: bob.username,
            timeoutSeconds: 20,
            ...delivery,
          },
        }
      : {}),
  };
  const profile = await app.services.profiles.create(fields, r.user.password);
  if (delivery) await app.services.profiles.setImapPassword(profile.id, bob.password);
  await app.page.reload();
  await expect(app.page.getByRole('textbox', { name: 'Profile name' })).toHaveValue(name);
  return profile.id;
}

/** Opens "Send test message", sends to `to`, and returns the dialog. */
async function sendTo(page: Page, to: string) {
  await page.getByRole('button', { name: 'Send test message' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send test message' });
  await dialog.getByLabel(/Recipient/).fill(to);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  return dialog;
}

test.describe('delivery proof', () => {
  test.skip(!rig, `needs the mail rig: ${reason}`);

  test('enable the delivery check, set the IMAP password, send: Delivery ✓ and “Delivered to Inbox”', async ({
    app,
  }) => {
    const r = rig!;
    const bob = r.otherUsers[0]!;
    const { page } = app;
    await rigProfile(app, 'Rig with delivery proof');

    // The section, off: only the switch and the DNS options.
    const section = page.getByRole('region', { name: 'Delivery check' });
    await expect(section.getByRole('textbox', { name: /^IMAP server/ })).toHaveCount(0);
    await section.getByRole('switch', { name: 'Confirm delivery in the recipient’s mailbox' }).click();

    // On: the mailbox's settings, IMAPS on 993 by default, the usual port as a hint.
    await expect(section.getByRole('radio', { name: 'IMAPS' })).toHaveAttribute('aria-checked', 'true');
    await expect(field(page, /^IMAP port/)).toHaveValue('993');
    await expect(section.getByText('IMAPS usually uses port 993.')).toBeVisible();
    // Switching protocol moves a usual port along; a mismatch is named before any run.
    await section.getByRole('radio', { name: 'IMAP+STARTTLS' }).click();
    await expect(field(page, /^IMAP port/)).toHaveValue('143');
    await field(page, /^IMAP port/).fill('993');
    await expect(section.getByText(/Port 993 usually expects TLS from the first byte/)).toBeVisible();
    await section.getByRole('button', { name: 'Use IMAPS' }).click();
    await expect(section.getByRole('radio', { name: 'IMAPS' })).toHaveAttribute('aria-checked', 'true');

    // Inline validation from the schema, under the field.
    await field(page, /^IMAP server/).fill('not a host');
    await field(page, /^IMAP server/).blur();
    await expect(section.getByText('Enter a host name (mail.example.com) or an IP address.')).toBeVisible();
    await field(page, /^Wait up to/).fill('0');
    await field(page, /^Wait up to/).blur();
    await expect(section.getByText('Enter a number of seconds between 1 and 600.')).toBeVisible();

    await field(page, /^IMAP server/).fill('localhost');
    await field(page, /^IMAP port/).fill(String(r.ports.imaps));
    await field(page, /^IMAP username/).fill(bob.username);
    await field(page, /^Wait up to/).fill('20');
    await section.getByRole('checkbox', { name: 'Delete the test message once found' }).check();
    await expect(section.getByText('Enter a host name (mail.example.com) or an IP address.')).toHaveCount(0);
    await expect(section.getByRole('group', { name: 'IMAP password' })).toContainText('Not set');
    await expectNoSeriousAxeViolations(page, 'the profile form with the delivery check open');
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('delivery-form');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);

    // Without the IMAP password a run is refused before anything is sent, in one sentence.
    const refused = await sendTo(page, bob.address);
    await expect(refused.getByTestId('send-refused')).toHaveText(
      'The delivery check has no IMAP password yet: set it under “Delivery check”, or turn the check off.',
    );
    await refused.getByRole('button', { name: 'Close' }).click();

    // The IMAP password through its dialog; it goes to the keychain and never comes back.
    await section
      .getByRole('group', { name: 'IMAP password' })
      .getByRole('button', { name: 'Set password' })
      .click();
    const passwordDialog = page.getByRole('dialog', { name: 'Set IMAP password' });
    await expect(passwordDialog).toContainText(bob.username);
    await passwordDialog.getByLabel(/New password/).fill(bob.password);
    await passwordDialog.getByLabel(/New password/).press('Enter');
    await expect(passwordDialog).toBeHidden();
    await expect(section.getByRole('group', { name: 'IMAP password' })).toContainText('Set');
    await expect(section.getByRole('group', { name: 'IMAP password' })).not.toContainText('Not set');
    expect(app.calls.some((c) => c.channel === 'profiles:setImapPassword')).toBe(true);
    for (const call of app.calls.filter((c) => c.channel.startsWith('profiles:'))) {
      expect(JSON.stringify(call.result)).not.toContain(bob.password);
    }

    // Send to bob: the dialog says the mailbox is watched; the phases end with Delivery ✓ and
    // the success line names the Inbox.
    await page.getByRole('button', { name: 'Send test message' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send test message' });
    await expect(dialog).toContainText(`watches the mailbox of ${bob.username} until it arrives`);
    await dialog.getByLabel(/Recipient/).fill(bob.address);
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    const outcome = dialog.getByTestId('run-outcome');
    await expect(outcome).toContainText(
      /^Delivered to Inbox in [\d.]+ m?s \([\d.]+ m?s after the server accepted it\)$/,
      {
        timeout: 30_000,
      },
    );
    await expect(dialog.locator('[data-phase="delivery"]')).toHaveAttribute('data-state', 'ok');
    await expect(dialog.locator('[data-phase="delivery"]')).toContainText(/Delivery.*\d/);
    const phases = await dialog
      .locator('[data-phase]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-phase')));
    expect(phases.at(-1)).toBe('delivery');
    // The phase ran live: "Waiting for the message …" came before the check mark.
    const runId = (app.calls.findLast((c) => c.channel === 'runs:send')?.input as { runId: string }).runId;
    const delivery = app.events
      .filter((e) => e.event === 'run:progress')
      .map((e) => e.payload as { runId: string; phase: string; state: string })
      .filter((p) => p.runId === runId && p.phase === 'delivery')
      .map((p) => p.state);
    expect(delivery).toEqual(['running', 'ok']);

    // The Delivery panel: folder, arrival, the Received chain as hops, the results as chips.
    await dialog.getByRole('button', { name: 'Delivery', exact: true }).click();
    const details = dialog.getByTestId('delivery-details');
    await expect(details.getByTestId('delivery-folder')).toHaveText('Inbox');
    await expect(details).toContainText(/after the server accepted it/);
    await expect(details).toContainText('Deleted from the mailbox once found');
    expect(await details.getByTestId('hops').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await expect(details.getByTestId('hops')).toContainText('LMTP');
    await expect(details.getByTestId('auth-result').first()).toBeVisible();
    // The screenshot: the whole result in a taller window, after the toasts have gone.
    await expect(page.locator('.fui-Toast')).toHaveCount(0, { timeout: 10_000 });
    await page.setViewportSize({ width: 1280, height: 1280 });
    await settled(dialog);
    await app.screenshot('delivery-result');
    await page.setViewportSize({ width: 1280, height: 820 });
    await expectNoSeriousAxeViolations(page, 'the delivered result');

    // The header and the test log say "Delivered"; the log's side panel has the same panel.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('last-result')).toContainText('Delivered');
    await page.getByRole('complementary').getByRole('button', { name: 'Test log' }).click();
    const row = page.getByRole('row').filter({ hasText: bob.address });
    await expect(row).toContainText('Delivered');
    await row.click();
    const panel = page.getByTestId('log-panel');
    await expect(panel.getByTestId('run-outcome')).toContainText('Delivered to Inbox in');
    await panel.getByRole('button', { name: 'Delivery', exact: true }).click();
    expect(await panel.getByTestId('hops').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
  });

  test('a message the server files as spam: DELIVERED_TO_SPAM, a warning with the advice', async ({
    app,
  }) => {
    const r = rig!;
    await rigProfile(app, 'Rig, spam', {});
    const dialog = await sendTo(app.page, r.spamAddress);

    const callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('DELIVERED_TO_SPAM', { timeout: 30_000 });
    await expect(callout).toContainText(/^Delivered to the Junk folder in /);
    const run = app.calls.find((c) => c.channel === 'runs:send')?.result as {
      value: { fix: { text: string } };
    };
    await expect(callout).toContainText(run.value.fix.text);
    // Under the Delivery phase, marked as needing attention rather than failed.
    const phase = dialog.locator('[data-phase="delivery"]');
    await expect(phase).toContainText('(needs attention)');
    await expect(phase.getByTestId('failure-callout')).toBeVisible();

    await dialog.getByRole('button', { name: 'Delivery', exact: true }).click();
    await expect(dialog.getByTestId('delivery-folder')).toContainText('(as spam)');
    await expect(dialog.getByTestId('spam-headers')).toContainText('X-Spam-Flag: YES');
    await settled(dialog);
    await app.screenshot('delivery-spam');
    await expectNoSeriousAxeViolations(app.page, 'the delivered-to-spam result');
  });

  test('a message accepted and never delivered: DELIVERY_NOT_CONFIRMED at the 5 s timeout', async ({
    app,
  }) => {
    const r = rig!;
    await rigProfile(app, 'Rig, held', { timeoutSeconds: 5 });
    const started = Date.now();
    const dialog = await sendTo(app.page, r.heldAddress);
    // While it waits, the Delivery phase spins and says whose mailbox it watches.
    const waiting = dialog.locator('[data-phase="delivery"][data-state="running"]');
    await expect(waiting.getByTestId('delivery-waiting')).toHaveText(
      `Waiting for the message in ${r.otherUsers[0]!.username}’s mailbox…`,
    );
    const callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('DELIVERY_NOT_CONFIRMED', { timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(8_000);
    await expect(dialog.locator('[data-phase="delivery"]')).toHaveAttribute('data-state', 'failed');
    await expect(dialog.locator('[data-phase="data"]')).toHaveAttribute('data-state', 'ok');
  });

  test('an IMAP check that fails has its own diagnosis, and Apply fix edits the delivery settings', async ({
    app,
  }) => {
    const r = rig!;
    const bob = r.otherUsers[0]!;
    // Plain IMAP against the implicit-TLS port: no greeting comes (Dovecot waits for TLS).
    await rigProfile(app, 'Rig, IMAP without TLS', { security: 'none', timeoutSeconds: 10 });
    const { page } = app;
    const dialog = await sendTo(page, bob.address);
    const callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('DELIVERY_CHECK_FAILED', { timeout: 30_000 });
    await expect(callout).toContainText('Apply fix sets IMAP protocol to IMAPS');
    await callout.getByRole('button', { name: 'Apply fix' }).click();
    await expect(dialog).toBeHidden();

    const section = page.getByRole('region', { name: 'Delivery check' });
    await expect(section.getByRole('radio', { name: 'IMAPS' })).toHaveAttribute('aria-checked', 'true');
    await expect(field(page, /^IMAP port/)).toHaveValue(String(r.ports.imaps));
    await expect(page.getByText('Unsaved changes')).toBeVisible();

    // The fixed settings deliver (the run uses the form as it stands).
    const again = await sendTo(page, bob.address);
    // The IMAP password was saved for plain IMAP: for the fixed, unsaved settings the app asks first.
    await expect(again.getByTestId('consent-prompt')).toContainText(
      'Send the saved IMAP password to localhost?',
    );
    await again.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(again.getByTestId('run-outcome')).toContainText('Delivered to Inbox in', {
      timeout: 30_000,
    });
  });

  test('a new profile: the IMAP password waits for the first save; the preset stays with the profile', async ({
    app,
  }) => {
    const { page } = app;
    await page.getByRole('group', { name: 'Start a profile' }).getByRole('button', { name: 'Gmail' }).click();
    const section = page.getByRole('region', { name: 'Delivery check' });
    await section.getByRole('switch', { name: 'Confirm delivery in the recipient’s mailbox' }).click();
    const imapPassword = section.getByRole('group', { name: 'IMAP password' });
    await expect(imapPassword).toContainText('Not set');
    await expect(imapPassword).toContainText('Save the profile first, then set the IMAP password here.');
    await expect(imapPassword.getByRole('button')).toHaveCount(0);

    await field(page, /^Username/).fill('preflight.test@gmail.com');
    await field(page, /^From/).fill('preflight.test@gmail.com');
    await field(page, /^IMAP server/).fill('imap.gmail.com');
    await field(page, /^IMAP username/).fill('preflight.test@gmail.com');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(imapPassword.getByRole('button', { name: 'Set password' })).toBeVisible();

    // The preset is a field of the profile now, not a note in the page's local storage.
    const [saved] = await app.services.profiles.listWithLastRun();
    expect(saved).toMatchObject({
      presetId: 'gmail',
      imapPasswordSet: false,
      delivery: { enabled: true, host: 'imap.gmail.com', port: 993, security: 'tls', timeoutSeconds: 120 },
    });
    expect(
      await page.evaluate(() => window.localStorage.getItem('mail-preflight.profile-presets')),
    ).toBeNull();
    const restarted = await app.restart();
    await expect(restarted.getByRole('region', { name: 'Gmail setup guide' })).toBeVisible();
    await expect(restarted.getByRole('region', { name: 'About Gmail' })).toBeVisible();
  });

  test.describe('the From domain’s DNS', () => {
    let dns: DnsServer;
    const dkimKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');

    test.beforeAll(async () => {
      dns = await startDnsServer({
        'rig.test': {
          MX: [{ exchange: 'mail.rig.test', priority: 10 }],
          TXT: ['v=spf1 a:mail.rig.test ip4:127.0.0.1 -all'],
        },
        'mail.rig.test': { A: ['127.0.0.1'] },
        localhost: { A: ['127.0.0.1'] },
        '_dmarc.rig.test': { TXT: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@rig.test'] },
        'mail._domainkey.rig.test': { TXT: [`v=DKIM1; k=rsa; p=${dkimKey}`] },
      });
    });
    test.afterAll(async () => {
      await dns?.stop();
    });

    test('Check DNS shows MX, SPF, DMARC and DKIM findings; a run with the DNS check shows them too', async ({
      app,
    }) => {
      const r = rig!;
      app.resolver = dns.resolver;
      await app.restart();
      await rigProfile(app, 'Rig, DNS');
      const { page } = app;

      // The selector the check uses, in the Delivery check section (the check itself is off).
      await field(page, /^DKIM selector/).fill('mail');
      await page.getByRole('button', { name: 'Check the From domain’s DNS' }).click();
      const dialog = page.getByRole('dialog', { name: 'DNS of rig.test' });
      await expect(dialog).toContainText('From alice@rig.test through localhost, DKIM selector mail');
      const finding = (check: string) => dialog.locator(`[data-testid="dns-finding"][data-check="${check}"]`);
      await expect(finding('mx')).toHaveAttribute('data-status', 'pass');
      await expect(finding('mx')).toContainText('Pass');
      await expect(finding('mx')).toContainText('10 mail.rig.test');
      // The relay is on loopback: the record is valid, and which public address it sends
      // from is beyond what the check can see.
      await expect(finding('spf')).toHaveAttribute('data-status', 'info');
      await expect(finding('spf')).toContainText('private address');
      await expect(finding('dmarc')).toContainText('quarantine');
      await expect(finding('dmarc')).toContainText('v=DMARC1; p=quarantine');
      await expect(finding('dkim')).toHaveAttribute('data-status', 'pass');
      await expect(dialog.getByTestId('dns-finding')).toHaveCount(5);
      await page.setViewportSize({ width: 1280, height: 1180 });
      await settled(dialog);
      await app.screenshot('dns-check');
      await page.setViewportSize({ width: 1280, height: 820 });
      await expectNoSeriousAxeViolations(page, 'the DNS check dialog');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();

      // A From address that is not one: its field says so, no check runs.
      const checks = app.calls.filter((c) => c.channel === 'dns:check').length;
      await field(page, /^From/).fill('alice');
      await page.getByRole('button', { name: 'Check the From domain’s DNS' }).click();
      await expect(page.getByText('Enter an address like name@example.com.')).toBeVisible();
      await expect(field(page, /^From/)).toBeFocused();
      expect(app.calls.filter((c) => c.channel === 'dns:check')).toHaveLength(checks);
      await field(page, /^From/).fill(r.user.address);

      // With "Check the From domain's DNS with each run", a run carries the findings.
      await page.getByRole('checkbox', { name: 'Check the From domain’s DNS with each run' }).check();
      const send = await sendTo(page, r.otherUsers[0]!.address);
      await expect(send.getByTestId('run-outcome')).toContainText('Accepted by localhost');
      await send.getByRole('button', { name: 'DNS of rig.test' }).click();
      await expect(send.locator('[data-testid="dns-finding"][data-check="mx"]')).toHaveAttribute(
        'data-status',
        'pass',
      );
    });
  });
});
