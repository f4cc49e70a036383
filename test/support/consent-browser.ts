/**
 * Debian's Chromium, driven by Playwright, as the user in front of the local authorization
 * server's pages (test/support/oauth-server.ts): it logs in as the mailbox, gives consent,
 * and for the device grant types the user code first. One browser per test file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

export interface ConsentBrowser {
  /** Opens the address in a fresh context and signs in and consents as `mailbox`. */
  approve(url: string, mailbox: string, options?: { userCode?: string }): Promise<Page>;
  /** Opens the address and declines (the consent page's "Cancel" / abort link). */
  decline(url: string, mailbox: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * On a page already showing the server's first page: (the user code,) login as `mailbox`,
 * then consent with "Continue", or decline with "[ Cancel ]".
 */
export async function consentAs(
  page: Page,
  mailbox: string,
  options: { userCode?: string; decline?: boolean } = {},
): Promise<void> {
  if (options.userCode) {
    await page.locator('input[name="user_code"]').fill(options.userCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Confirm Device' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.locator('input[name="login"]').fill(mailbox);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  if (options.decline) await page.getByRole('link', { name: '[ Cancel ]' }).click();
  else await page.getByRole('button', { name: 'Continue' }).click();
}

export async function launchConsentBrowser(): Promise<ConsentBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'consent-browser-')) },
  });
  const open = async (url: string) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    return page;
  };
  return {
    async approve(url, mailbox, options = {}) {
      const page = await open(url);
      await consentAs(page, mailbox, options);
      return page;
    },
    async decline(url, mailbox) {
      const page = await open(url);
      await consentAs(page, mailbox, { decline: true });
      return page;
    },
    close: () => browser.close(),
  };
}
