/**
 * Every diagnosis sentence comes from the catalogues (locales/*.json, `diagnosis.<CODE>.<variant>`)
 * and reads in the run's language: each code's summary and fix render in English and in
 * Japanese with sample parameters (no key missing, no raw key, no placeholder left, nothing in
 * English in the Japanese but protocol words and names), every verdict the code can give has
 * its sentences, and a run in Japanese gives the same code and settings change as in English.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_CODES } from '../../electron/services/diagnosis/codes';
import { diagnose } from '../../electron/services/diagnosis/diagnose';
import { ENGLISH, LANGUAGES, createTranslator, translateKey } from '../../electron/services/i18n';
import { REPLY_CORPUS } from '../fixtures/reply-corpus';
import { leftoverLatin } from './i18n/catalogue-rules';

type Verdicts = Record<string, Record<string, { summary?: string; fix: string }>>;
const { phase: phases, ...verdicts } = ENGLISH.diagnosis as unknown as Verdicts & {
  phase: Record<string, string>;
};

const SAMPLE = {
  host: 'smtp.example.com',
  port: 587,
  seconds: 10,
  phase: 'MAIL FROM',
  protocol: 'HTTP',
  names: 'mail.example.net, mx.example.net',
  name: 'host.example.com',
  flag: '--ehlo NAME',
  offered: 'AUTH CRAM-MD5',
  mechanisms: 'XOAUTH2, OAUTHBEARER',
  command: 'mail-preflight login',
  address: 'jösé@example.com',
  pinned: '3A:1F:…:9C',
  presented: 'B7:04:…:2E',
  mailbox: 'relay@contoso.com',
  scope: 'https://mail.google.com/',
};
const variants = Object.entries(verdicts).flatMap(([code, byVariant]) =>
  Object.keys(byVariant).map((variant) => [code, variant] as const),
);
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe.each(LANGUAGES)('diagnosis sentences in %s', (language) => {
  const t = createTranslator(language);

  it.each(variants)('%s (%s): summary and fix', (code, variant) => {
    // A verdict whose summary is another party's words (the authorization server's) has a fix only.
    for (const part of Object.keys(verdicts[code]![variant]!)) {
      const key = `diagnosis.${code}.${variant}.${part}`;
      const text = translateKey(t, key, SAMPLE);
      expect(text, key).not.toBe(key);
      expect(text, key).not.toBe(t('validation.invalid'));
      expect(text, key).not.toMatch(/\{\{|\}\}|diagnosis\./);
      expect(text, key).toMatch(/[.。）)]$/);
      if (language === 'ja') {
        expect(text, key).toMatch(JAPANESE);
        // The parameters are the server's or the user's words: only the sentence around them counts.
        const sentence = Object.values(SAMPLE).reduce<string>(
          (rest, value) => rest.replaceAll(String(value), ' '),
          text,
        );
        const english = leftoverLatin(sentence);
        expect(english, key).toEqual([]);
      }
    }
  });

  it('names every phase', () => {
    for (const phase of Object.keys(phases)) {
      expect(translateKey(t, `diagnosis.phase.${phase}`)).not.toMatch(/diagnosis\.|not valid/);
    }
  });
});

describe('the catalogue and the code agree', () => {
  const sources = [
    'electron/services/diagnosis/diagnose.ts',
    'electron/services/smtp/run-test.ts',
    'electron/services/diagnosis/token-refusal.ts',
  ].map((file) => readFileSync(file, 'utf8'));
  const used = sources.flatMap((source) => [
    ...[
      ...source.matchAll(
        /(?:verdict\(ctx|new KnownFailure\()\s*,?\s*'([A-Z_]+)',\s*(?:'(\w+)'|([^,)]+\?[^,)]+))/g,
      ),
    ].map((m) => [m[1]!, m[2] ?? m[3]!] as const),
    // token-refusal.ts names a verdict as data: { code: 'OAUTH_TOKEN_REJECTED', variant: 'scope', ... }
    ...[...source.matchAll(/code: '([A-Z_]+)', variant: '(\w+)'/g)].map((m) => [m[1]!, m[2]!] as const),
  ]);

  it('every verdict the code gives has its sentences', () => {
    expect(used.length).toBeGreaterThan(50);
    for (const [code, variant] of used) {
      // A variant chosen in code (port === 465 ? 'port465' : 'default') names both.
      const names = variant.includes('?') ? [...variant.matchAll(/'(\w+)'/g)].map((m) => m[1]!) : [variant];
      for (const name of names) expect(verdicts[code]?.[name], `${code}.${name}`).toBeDefined();
    }
  });

  it('every code a run can fail with, short of the delivery check, has sentences', () => {
    const fromDelivery = ['OK', 'DELIVERY_NOT_CONFIRMED', 'DELIVERY_CHECK_FAILED', 'DELIVERED_TO_SPAM'];
    const withoutSentences = DIAGNOSIS_CODES.filter(
      (code) => !fromDelivery.includes(code) && !verdicts[code],
    );
    // Codes given by other parts of the run (OAuth2 sign-in, pinning) bring their own words.
    expect(withoutSentences.filter((code) => !/^(OAUTH_|TLS_PIN_)/.test(code))).toEqual([]);
  });
});

describe('a run in Japanese', () => {
  it.each(
    REPLY_CORPUS.filter((_, i) => i % 7 === 0).map((line) => [`${line.server} ${line.code}`, line] as const),
  )('%s: the same code and settings change, the words in Japanese', (_label, line) => {
    const reply = `${line.code} ${line.enhanced ? `${line.enhanced} ` : ''}${line.text}`;
    const base = {
      phase: line.phase,
      error: Object.assign(new Error(reply), {
        response: reply,
        code: line.phase === 'auth' ? 'EAUTH' : 'EENVELOPE',
      }),
      host: 'mail.example.com',
      port: 587,
      security: line.context.security,
      anonymous: line.context.anonymous,
      capabilities: line.context.authOffered ? ['AUTH PLAIN LOGIN'] : [],
      timeoutMs: 10_000,
      authenticated: line.context.authenticated,
      from: line.context.from,
      to: line.context.to,
    };
    const english = diagnose(base);
    const japanese = diagnose({ ...base, language: 'ja' });
    expect(japanese.code).toBe(english.code);
    expect(japanese.fix?.settings).toEqual(english.fix?.settings);
    expect(japanese.summary).toMatch(JAPANESE);
    expect(japanese.fix?.text).toMatch(JAPANESE);
    expect(japanese.summary).not.toBe(english.summary);
  });
});
