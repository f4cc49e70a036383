/**
 * The test log at scale: thousands of entries in the real log file, read by the real
 * services; the table stays virtualized, loads pages as it scrolls, filters, opens the
 * side panel, and follows the OS switching to dark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../../electron/services/smtp/report';
import { expect, settled, test } from './harness';

const ENTRIES = 3000;

function syntheticRecord(i: number, profile: { id: string; name: string }): RunRecord {
  const failed = i % 4 === 0;
  const startedAt = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    startedAt,
    profileId: profile.id,
    profileName: profile.name,
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    to: `user${i}@example.com`,
    dryRun: false,
    ok: !failed,
    verdict: failed ? 'failed' : 'accepted',
    code: failed ? 'AUTH_FAILED' : 'OK',
    phase: failed ? 'auth' : null,
    summary: failed ? 'smtp.example.com refused the username or password.' : 'Accepted by smtp.example.com.',
    fix: failed
      ? { text: 'Check the username, and set the password again with “Change password”.', settings: {} }
      : null,
    server: {
      banner: '220 smtp.example.com ESMTP',
      capabilities: ['PIPELINING', 'STARTTLS', 'AUTH PLAIN LOGIN'],
      response: failed
        ? { code: 535, enhanced: '5.7.8', text: 'Error: authentication failed' }
        : { code: 250, enhanced: '2.0.0', text: `Ok: queued as Q${i}` },
    },
    tls: null,
    timings: { total: 100 + (i % 900) },
    messageId: null,
    queueId: failed ? null : `Q${i}`,
    transcript: [
      { dir: 'S', line: '220 smtp.example.com ESMTP' },
      { dir: 'C', line: 'AUTH PLAIN ****' },
    ],
    phases: [
      { phase: 'connect', state: 'ok', ms: 3 },
      { phase: 'greeting', state: 'ok', ms: 5 },
      { phase: 'auth', state: failed ? 'failed' : 'ok', ms: 9 },
    ],
  };
}

test('thousands of log entries: virtualized rows, pages loaded on demand, filters, side panel, dark theme', async ({
  app,
}) => {
  const fields = {
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls' as const,
    anonymous: true,
    username: '',
    from: 'ops@example.com',
    replyTo: '',
    clientKeyId: null,
    trustedCertificateIds: [],
    lastRecipient: '',
  };
  const relay = await app.services.profiles.create({ ...fields, name: 'Relay' });
  const backup = await app.services.profiles.create({ ...fields, name: 'Backup relay' });
  // The log file is append-only JSON lines, oldest first.
  const lines = Array.from({ length: ENTRIES }, (_, i) =>
    JSON.stringify(syntheticRecord(i, i % 3 === 0 ? backup : relay)),
  );
  mkdirSync(join(app.dataDir, 'logs'), { recursive: true });
  writeFileSync(join(app.dataDir, 'logs', 'test-log.jsonl'), lines.join('\n') + '\n');

  const page = await app.restart();
  await page.getByRole('complementary').getByRole('button', { name: 'Test log' }).click();
  await expect(page.getByText('3,000 tests')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Test messages' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(ENTRIES + 1));
  await expect(grid.getByRole('row').nth(1)).toContainText(`user${ENTRIES - 1}@example.com`); // newest first
  expect(await grid.getByRole('row').count()).toBeLessThan(80); // only what is on screen (+ overscan)

  // Scrolling to the end loads the last page only, not everything in between.
  await page.getByTestId('log-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.getByRole('row').filter({ hasText: 'user0@example.com' })).toHaveCount(1);
  const offsets = app.calls
    .filter((c) => c.channel === 'log:list')
    .map((c) => (c.input as { offset: number }).offset);
  expect(offsets).toContain(2800);
  expect(offsets).not.toContain(1400);

  // Filter by result, then by profile.
  await page.getByRole('combobox', { name: 'Result' }).click();
  await page.getByRole('option', { name: 'Failed' }).click();
  await expect(page.getByText('750 tests')).toBeVisible();
  await page.getByRole('combobox', { name: 'Profile' }).click();
  await page.getByRole('option', { name: 'Backup relay' }).click();
  await expect(page.getByText('250 tests')).toBeVisible();

  // A row opens the side panel, diagnosis first; Esc closes it.
  const row = grid.getByRole('row').nth(1);
  await row.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('log-panel');
  await expect(panel.getByTestId('failure-callout')).toContainText('refused the username or password');
  await expect(panel.getByTestId('failure-callout')).toContainText('AUTH_FAILED');
  await settled(panel); // the drawer slides in: not mid-animation in the screenshot
  await app.screenshot('log-thousands');

  // The OS switches to dark: the app follows at once.
  const background = () =>
    page
      .locator('.fui-FluentProvider')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
  await app.screenshot('log-thousands-dark');

  await panel.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('failure-callout')).toBeHidden();
});
