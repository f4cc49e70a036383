/**
 * The window's start for `npm run bench`: the built renderer (out/renderer, served on
 * loopback as the e2e tests serve it, under the app's CSP) in Debian's Chromium, wired to
 * the real handler table by the e2e harness, with one saved profile. Measures the script
 * the first screen loads and the time from navigation to an editable settings form.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../test/e2e/chromium.ts';
import { AppHarness } from '../test/e2e/harness.ts';
import { serveStatic } from '../test/e2e/static-server.ts';
import { profileFields } from '../test/support/temp-services.ts';

export interface WindowFigures {
  /** Bytes of JavaScript fetched until the settings form was editable (median run). */
  firstScreenScript: number;
  /** Every script chunk the build holds, loaded on demand or not. */
  allScript: number;
  /** Navigation to an editable "Server address" field, median of the runs. */
  interactiveMs: number;
}

export async function measureWindow(
  rendererDir: string,
  allScript: number,
  runs = 5,
): Promise<WindowFigures> {
  const server = await serveStatic(rendererDir);
  const browser = await chromium.launch(CHROMIUM);
  const app = new AppHarness(browser, server);
  try {
    await app.open();
    await app.services.profiles.create(profileFields({ name: 'Bench relay', anonymous: true }));
    const samples: Array<{ ms: number; bytes: number }> = [];
    for (let i = 0; i <= runs; i++) {
      const page = await app.restart();
      const host = page.getByRole('textbox', { name: /Server address/i }).first();
      await host.waitFor({ state: 'visible' });
      while (!(await host.isEditable())) await page.waitForTimeout(5);
      // Milliseconds since the navigation started, and the scripts fetched until now.
      const sample = await page.evaluate(() => ({
        ms: performance.now(),
        bytes: performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('.js'))
          .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
      }));
      if (i > 0) samples.push(sample); // the first load warms the disk cache
    }
    samples.sort((a, b) => a.ms - b.ms);
    const middle = samples[Math.floor(samples.length / 2)]!;
    return { firstScreenScript: middle.bytes, allScript, interactiveMs: middle.ms };
  } finally {
    await app.dispose();
    await browser.close();
    await server.close();
  }
}
