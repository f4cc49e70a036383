/**
 * Every catalogue against locales/en.json: the same keys (plural keys in each language's
 * own forms), the same placeholders, no empty value, and nothing left in English but the
 * protocol words and names of KEPT_WORDS. A new language's catalogue is checked as soon as
 * it is listed in LANGUAGES; what it lacks is printed key by key.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../electron/services/i18n';
import { CATALOGUES } from '../../support/catalogues';
import {
  emptyValues,
  englishLeftovers,
  keyProblems,
  leftoverLatin,
  placeholderProblems,
} from './catalogue-rules';

const en = CATALOGUES.en;
const translations = LANGUAGES.filter((language) => language !== 'en');

describe.each(translations)('locales/%s.json', (language) => {
  const catalogue = CATALOGUES[language];

  it('has every key of en.json, in its own plural forms, and no other', () => {
    expect(keyProblems(en, catalogue, language)).toEqual([]);
  });

  it('uses the same placeholders as en.json', () => {
    expect(placeholderProblems(en, catalogue)).toEqual([]);
  });

  it('has no empty value', () => {
    expect(emptyValues(catalogue)).toEqual([]);
  });

  it('leaves nothing in English but protocol words and names', () => {
    expect(englishLeftovers(catalogue)).toEqual([]);
  });
});

describe('locales/en.json', () => {
  it('has no empty value', () => {
    expect(emptyValues(en)).toEqual([]);
  });
});

describe('the rules catch what they are for', () => {
  const english = { a: { b: 'Port {{port}}', n_one: '{{count}} key', n_other: '{{count}} keys' } };

  it('finds a missing key, a stray key and the wrong plural forms', () => {
    expect(
      keyProblems(english, { a: { b: 'ポート {{port}}', c: 'x', n_one: '{{count}} 個' } }, 'ja'),
    ).toEqual(['missing: a.n_other', 'not in en.json: a.c', 'not in en.json: a.n_one']);
    expect(keyProblems(english, { a: { b: 'ポート {{port}}', n_other: '{{count}} 個' } }, 'ja')).toEqual([]);
  });

  it('finds a changed placeholder', () => {
    expect(placeholderProblems(english, { a: { b: 'ポート {{prot}}', n_other: '{{count}} 個' } })).toEqual([
      'a.b: has {{prot}}, en.json has {{port}}',
    ]);
  });

  it('finds an empty value', () => {
    expect(emptyValues({ a: { b: ' ' } })).toEqual(['a.b']);
  });

  it('finds English left in a sentence, and lets protocol words, names and addresses be', () => {
    expect(leftoverLatin('Send test message')).toEqual(['Send', 'test', 'message']);
    expect(leftoverLatin('サーバーアドレスを入力してください。Port')).toEqual(['Port']);
    expect(
      leftoverLatin(
        '{{host}} は SMTP+STARTTLS と EHLO に対応。Mail Preflight、name@example.com、mail.example.com',
      ),
    ).toEqual([]);
  });
});
