/**
 * Whether a screen's layout holds: no text cut off by its box (an ellipsis, a clipped label),
 * nothing sticking out of its region (the sidebar, the working pane, a dialog), no control
 * drawn over another, and nothing wider than the window, at the two sizes the app is checked at (900x650, the
 * smallest it supports, and 1280x800). The Japanese and the pseudo-locale runs share it.
 */
import { expect, type Page } from '@playwright/test';

export const VIEWPORTS = [
  { width: 900, height: 650 },
  { width: 1280, height: 800 },
] as const;

/** Text cut off by its box (an ellipsis, a clipped label) and content wider than the window. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push(
        `the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`,
      );
    }
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (!element.innerText?.trim() || element.children.length > 0) continue;
      // Text for screen readers only sits in a 1px box on purpose.
      if (element.clientWidth <= 1 || element.clientHeight <= 1) continue;
      const style = getComputedStyle(element);
      const clips =
        style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      // A table cell may end in an ellipsis when its whole text is on hover (its title).
      const wholeOnHover = element.title.trim() === element.innerText.trim();
      if (clips && !wholeOnHover && element.scrollWidth > element.clientWidth + 1) {
        problems.push(`cut off: “${element.innerText.trim().slice(0, 60)}”`);
      }
    }
    // A region that does not scroll sideways holds what is in it (no control over the next one).
    for (const region of document.querySelectorAll<HTMLElement>('aside, main, header, [role="dialog"]')) {
      const { overflowX } = getComputedStyle(region);
      if (overflowX === 'auto' || overflowX === 'scroll') continue;
      if (region.scrollWidth > region.clientWidth + 1) {
        const name = region.getAttribute('aria-label') ?? region.tagName.toLowerCase();
        problems.push(`${name}: its content is ${region.scrollWidth}px wide in ${region.clientWidth}px`);
      }
    }
    // Controls drawn over one another (a name field under a row of buttons that grew), in the
    // same scrolling box and layer: a form scrolling under its sticky footer is not an overlap.
    const scrollerOf = (element: HTMLElement): Element | null => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const { overflowX, overflowY, position } = getComputedStyle(parent);
        if (position === 'sticky' || position === 'fixed') return parent;
        if ([overflowX, overflowY].some((o) => o === 'auto' || o === 'scroll')) return parent;
      }
      return null;
    };
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        'button, input:not([type="hidden"]), select, textarea, a[href]',
      ),
    ]
      .filter((control) => control.checkVisibility())
      .map((control) => ({ control, box: control.getBoundingClientRect(), scroller: scrollerOf(control) }))
      .filter(({ box }) => box.width > 1 && box.height > 1);
    const label = (control: HTMLElement) =>
      (
        control.getAttribute('aria-label') ||
        control.innerText ||
        (control as HTMLInputElement).labels?.[0]?.innerText ||
        control.getAttribute('placeholder') ||
        control.tagName
      )
        .trim()
        .slice(0, 40);
    controls.forEach((a, i) => {
      for (const b of controls.slice(i + 1)) {
        // A control inside another (a checkbox over its own label's box) is one control.
        if (a.scroller !== b.scroller) continue;
        if (a.control.contains(b.control) || b.control.contains(a.control)) continue;
        if (
          a.control.closest('label, [role="radio"], .fui-Switch, .fui-Checkbox, .fui-Radio') ===
            b.control.closest('label, [role="radio"], .fui-Switch, .fui-Checkbox, .fui-Radio') &&
          a.control.closest('label, [role="radio"], .fui-Switch, .fui-Checkbox, .fui-Radio')
        )
          continue;
        const width = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const height = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (width > 2 && height > 2)
          problems.push(`overlap: “${label(a.control)}” and “${label(b.control)}”`);
      }
    });
    return problems;
  });
}

/** The layout holds at 900x650 and at 1280x800 (the window is left at the larger size). */
export async function expectLayoutHolds(page: Page, what: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    expect(await layoutProblems(page), `${what} at ${viewport.width}x${viewport.height}`).toEqual([]);
  }
}
