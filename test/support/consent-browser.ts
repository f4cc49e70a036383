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

export async function launchConsentBrowser(): Promise<ConsentBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'consent-browser-')) },
  });
  const login = async (url: string, mailbox: string, userCode?: string) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    if (userCode) {
      await page.locator('input[name="user_code"]').fill(userCode);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Confirm Device' }).waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.locator('input[name="login"]').fill(mailbox);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    return page;
  };
  return {
    async approve(url, mailbox, options = {}) {
      const page = await login(url, mailbox, options.userCode);
      await page.getByRole('button', { name: 'Continue' }).click();
      return page;
    },
    async decline(url, mailbox) {
      const page = await login(url, mailbox);
      await page.getByRole('link', { name: '[ Cancel ]' }).click();
      return page;
    },
    close: () => browser.close(),
  };
}
