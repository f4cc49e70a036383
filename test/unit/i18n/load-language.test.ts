/**
 * The translators hold English from the start and another language only once it is loaded
 * (the CLI loads just the reader's): each test starts from a fresh translator module, before
 * test/support/load-languages.ts's loading.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const TRANSLATOR = '../../../electron/services/i18n/translator';

beforeEach(() => {
  vi.resetModules();
});

describe('loadLanguage', () => {
  it('refuses a translator for a language not loaded yet, naming the fix', async () => {
    const { createTranslator } = await import(TRANSLATOR);
    expect(() => createTranslator('ja')).toThrow(
      "The ja catalogue is not loaded: await loadLanguage('ja') first.",
    );
    expect(createTranslator('en')('profile.fields.host')).toBe('Server address');
  });

  it('loads a language, once however often it is asked, and its translator speaks it', async () => {
    const { createTranslator, loadLanguage, loadTranslator } = await import(TRANSLATOR);
    await Promise.all([loadLanguage('ja'), loadLanguage('ja')]);
    await loadLanguage('ja');
    expect(createTranslator('ja')('profile.fields.host')).toBe('サーバーアドレス');
    expect(await loadTranslator('ja')).toBe(createTranslator('ja'));
  });

  it('says a key its catalogue lacks in English, not as the generic sentence', async () => {
    vi.doMock('../../../locales/ja.json', () => ({
      default: { profile: { fields: { host: 'サーバーアドレス' } } },
    }));
    try {
      const { loadTranslator, translateKey } = await import(TRANSLATOR);
      const ja = await loadTranslator('ja');
      expect(translateKey(ja, 'profile.fields.host')).toBe('サーバーアドレス');
      expect(translateKey(ja, 'profile.fields.port')).toBe('Port');
      expect(translateKey(ja, 'profile.fields.noSuchField')).toBe('This value is not valid.');
    } finally {
      vi.doUnmock('../../../locales/ja.json');
    }
  });
});
