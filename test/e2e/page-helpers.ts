/** Small helpers the browser tests share: the axe check and the profile form's fields. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe on the page as it stands: no serious or critical violations. */
export async function expectNoSeriousAxeViolations(page: Page, what: string): Promise<void> {
  // Tabster's focus sentinels (<i data-tabster-dummy aria-hidden tabindex=0>, which Fluent's
  // focus management adds around dialogs and arrow-key groups) hand focus on at once; axe
  // cannot know that and reports them as aria-hidden-focus, so they are left out.
  // A toast still fading in has, for that moment, too little contrast: axe looks at the page
  // once its finite animations have ended (spinners and other endless ones are not awaited).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

/** A text field of the profile form in the working pane, by its label. */
export function formField(page: Page, label: RegExp) {
  return page.getByRole('main').getByRole('textbox', { name: label });
}
