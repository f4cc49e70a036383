/**
 * The services' translator and the CLI's choice of language: what a Japanese reader gets
 * for a key, a plural, a placeholder and a refused value, and which language each
 * environment picks.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cliLanguage,
  createTranslator,
  languageOfLocale,
  say,
  sentence,
  translateKey,
} from '../../../electron/services/i18n';
import { describeIssues } from '../../../electron/services/messages';
import { portSchema, hostSchema } from '../../../electron/services/settings/profile-schema';

describe('languageOfLocale', () => {
  it.each([
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['ja_JP.UTF-8', 'ja'],
    ['JA_jp.eucJP', 'ja'],
    ['en-GB', 'en'],
    ['en_US.UTF-8', 'en'],
  ])('%s → %s', (locale, language) => {
    expect(languageOfLocale(locale)).toBe(language);
  });

  it.each(['C', 'POSIX', 'C.UTF-8', 'fr_FR.UTF-8', '', undefined])(
    '%s → not a language we speak',
    (locale) => {
      expect(languageOfLocale(locale)).toBeUndefined();
    },
  );
});

describe('cliLanguage', () => {
  it('takes --lang over the environment', () => {
    expect(cliLanguage('en', { LC_ALL: 'ja_JP.UTF-8' })).toBe('en');
    expect(cliLanguage('ja', { LANG: 'en_US.UTF-8' })).toBe('ja');
  });

  it('reads LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(cliLanguage(undefined, { LC_ALL: 'ja_JP.UTF-8', LC_MESSAGES: 'en_US', LANG: 'en_US' })).toBe('ja');
    expect(cliLanguage(undefined, { LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(cliLanguage(undefined, { LC_ALL: '', LC_MESSAGES: '', LANG: 'ja_JP.UTF-8' })).toBe('ja');
  });

  it('lets a set LC_ALL=C win over a Japanese LANG, as POSIX does', () => {
    expect(cliLanguage(undefined, { LC_ALL: 'C', LANG: 'ja_JP.UTF-8' })).toBe('en');
  });

  it('falls back to English', () => {
    expect(cliLanguage(undefined, {})).toBe('en');
    expect(cliLanguage(undefined, { LANG: 'de_DE.UTF-8' })).toBe('en');
  });
});

describe('createTranslator', () => {
  const ja = createTranslator('ja');
  const en = createTranslator('en');

  it('reads the seed page’s terms', () => {
    expect(ja('profile.fields.host')).toBe('サーバーアドレス');
    expect(ja('profile.actions.send')).toBe('テストメッセージを送信する');
    expect(ja('profile.password.change')).toBe('パスワードの変更');
  });

  it('fills placeholders and picks the plural form each language has', () => {
    expect(ja('run.evidence.transcriptCount', { count: 1 })).toBe('通信記録（1 行）');
    expect(ja('run.evidence.transcriptCount', { count: 12 })).toBe('通信記録（12 行）');
    expect(en('run.evidence.transcriptCount', { count: 1 })).toBe('Transcript (1 line)');
    expect(en('run.evidence.transcriptCount', { count: 12 })).toBe('Transcript (12 lines)');
    expect(ja('probe.running', { host: 'mail.example.com', port: 587 })).toBe(
      'mail.example.com のポート 587 を確認しています…',
    );
  });

  it('leaves values as they are (no HTML escaping: a terminal is not a page)', () => {
    expect(en('profile.toast.deleted', { name: '<Relay & Co>' })).toBe('“<Relay & Co>” deleted');
  });

  it('reads an unknown key that arrives as data as the generic sentence', () => {
    expect(translateKey(ja, 'validation.portRange')).toBe(
      'サーバーポートは 1〜65535 の範囲で指定してください。',
    );
    expect(translateKey(ja, 'validation.noSuchThing')).toBe('この値は無効です。');
  });
});

describe('say', () => {
  it('says a sentence given as a parameter (or several, side by side) in the same language', () => {
    const reason = sentence('profile.refused.reason', {
      field: sentence('profile.fields.port'),
      message: sentence('validation.portRange'),
    });
    const problem = sentence('profileTransfer.problem.invalid', {
      profile: sentence('profileTransfer.problem.profileNumbered', { number: 2 }),
      reason: [reason, sentence('validation.invalid')],
    });
    expect(say(problem)).toBe('Profile 2: Port: Port must be between 1 and 65535. This value is not valid.');
    expect(say(problem, createTranslator('ja'))).toBe(
      'プロファイル 2：サーバーポート：サーバーポートは 1〜65535 の範囲で指定してください。この値は無効です。',
    );
  });
});

describe('describeIssues', () => {
  const schema = z.object({ host: hostSchema, port: portSchema });
  const issues = schema.safeParse({ host: '', port: 70000 }).error!.issues;

  it('says what is wrong with each field, in English by default', () => {
    expect(describeIssues(issues)).toBe(
      'Server address: Enter the server address. Port: Port must be between 1 and 65535.',
    );
  });

  it('says it in Japanese with the seed page’s field names', () => {
    expect(describeIssues(issues, createTranslator('ja'))).toBe(
      'サーバーアドレス：サーバーアドレスを入力してください。サーバーポート：サーバーポートは 1〜65535 の範囲で指定してください。',
    );
  });
});
