/**
 * Where each catalogue but English comes from. English is in every build from the start
 * (the fallback, and the language of logs); any other catalogue is a chunk of its own,
 * loaded only when its language is asked for, so a run that speaks English does not parse
 * and hold one it will not say (`npm run bench`: peak memory of a CLI run, the window's
 * first script). One table for the window (renderer/i18n) and for the main process and the
 * CLI (translator.ts): a new language is added here.
 */
import type { i18n } from 'i18next';
import type { Language } from './languages';

/** i18next's default namespace: each catalogue is one namespace's whole resources. */
export const NAMESPACE = 'translation';

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  ja: () => import('../../../locales/ja.json', { with: { type: 'json' } }),
};

/** Adds `language`'s catalogue to `into`, once (a no-op for English, which is always there). */
export async function loadCatalogue(into: i18n, language: Language): Promise<void> {
  if (language === 'en' || into.hasResourceBundle(language, NAMESPACE)) return;
  const { default: catalogue } = await LOADERS[language]();
  into.addResourceBundle(language, NAMESPACE, catalogue);
}
