/**
 * Every catalogue file as the tests read it, by language. The app loads all but English on
 * demand (electron/services/i18n/catalogues.ts); the tests compare them side by side. A new
 * language does not typecheck until it is listed here too.
 */
import en from '../../locales/en.json' with { type: 'json' };
import ja from '../../locales/ja.json' with { type: 'json' };
import type { Language } from '../../electron/services/i18n/languages';

export const CATALOGUES = { en, ja } as const satisfies Record<Language, unknown>;
