/**
 * Vitest setup: the translators speak every language, as in the Electron main process
 * (electron/main.ts loads them all before it answers the window). The CLI loads only the
 * reader's; test/unit/i18n/load-language.test.ts starts from none.
 */
import { loadEveryLanguage } from '../../electron/services/i18n';

await loadEveryLanguage();
