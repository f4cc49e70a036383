/**
 * A pseudo-locale for the overflow run, made at test time from locales/en.json: every value
 * accented, about 40 % longer and between markers — "Send test message" reads
 * "［Šéñð ţéšţ ɱéššåĝé······ ·····］" — with placeholders ({{host}}), nesting ($t(…)) and
 * tags (<0>…</0>) left as they are. A label too tight for a longer language (German, or a
 * translator's wording) then shows as a cut-off or overflowing box, and the markers show any
 * text that is not from the catalogue, or is cut at either end.
 *
 * It exists only in the tests: the page gets it in place of the Japanese catalogue's chunk
 * (renderer/i18n loads each catalogue but English as a chunk of its own), so the product
 * has no pseudo language and its language menu offers none.
 */
import type { Page } from '@playwright/test';
import en from '../../locales/en.json' with { type: 'json' };

type Catalogue = { [key: string]: string | Catalogue };

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!,
  ]),
);

/** Placeholders, nesting and tags: i18next and react-i18next need them as they are. */
const KEPT = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\d+\/?>)/;

/** The padding: 40 % of the text's length, in groups of five a line may break between. */
function padding(length: number): string {
  const dots = Math.max(1, Math.ceil(length * 0.4));
  return Array.from({ length: Math.ceil(dots / 5) }, (_, i) => '·'.repeat(Math.min(5, dots - i * 5))).join(
    ' ',
  );
}

export function pseudoText(text: string): string {
  const parts = text.split(KEPT);
  // A value with no words of its own ('{{host}}:{{port}}') is the same in every language.
  if (!/\p{L}/u.test(parts.filter((_, i) => i % 2 === 0).join(''))) return text;
  const accented = parts.map((part, i) => (i % 2 ? part : [...part].map((c) => ACCENTED[c] ?? c).join('')));
  const visible = parts.filter((_, i) => i % 2 === 0).join('').length;
  return `［${accented.join('')}${padding(visible)}］`;
}

function pseudoCatalogue(catalogue: Catalogue): Catalogue {
  return Object.fromEntries(
    Object.entries(catalogue).map(([key, value]) => [
      key,
      typeof value === 'string' ? pseudoText(value) : pseudoCatalogue(value),
    ]),
  );
}

/** The pseudo text of an en.json key ('profile.fields.host'), to find a control by its name. */
export function pseudo(key: string): string {
  const value = key
    .split('.')
    .reduce<string | Catalogue | undefined>(
      (node, part) => (typeof node === 'object' ? node[part] : undefined),
      en as Catalogue,
    );
  if (typeof value !== 'string') throw new Error(`${key} is not a string of en.json`);
  return pseudoText(value);
}

/**
 * Serves the pseudo catalogue where the page asks for the Japanese one; call before the
 * language is switched to Japanese (the chunk loads then, once).
 */
export async function routePseudoCatalogue(page: Page): Promise<void> {
  const body = `export default ${JSON.stringify(pseudoCatalogue(en as Catalogue))};\n`;
  await page.route(/\/assets\/ja-[\w-]+\.js$/, (route) =>
    route.fulfill({ contentType: 'text/javascript; charset=utf-8', body }),
  );
}
