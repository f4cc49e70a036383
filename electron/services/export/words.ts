/**
 * The export's sentences in English or Japanese: the services' translator (i18n/) over the
 * catalogues the UI reads, keys under `export.`.
 */
import { createTranslator, translateKey, type Language } from '../i18n';
import type { Translate } from './types';

export function translator(lang: Language): Translate {
  const t = createTranslator(lang);
  return (key, vars = {}) => translateKey(t, `export.${key}`, vars);
}
