/**
 * Why a certificate did not verify reaches a person as a sentence in their language, with
 * Node's code beside it: every known code has its sentence in each catalogue (no English left
 * in the Japanese but protocol words), an unknown code reads as the generic sentence naming
 * it, and the CLI prints the sentence and the code.
 */
import { describe, expect, it } from 'vitest';
import { ENGLISH, LANGUAGES, createTranslator, say } from '../../electron/services/i18n';
import {
  TLS_AUTHORIZATION_CODES,
  authorizationSentence,
} from '../../electron/services/smtp/tls-authorization';
import { humanReport } from '../../cli/print-report';
import type { RunRecord } from '../../electron/services/smtp/report';
import { leftoverLatin } from './i18n/catalogue-rules';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe.each(LANGUAGES)('certificate verification sentences in %s', (language) => {
  const t = createTranslator(language);

  it.each(TLS_AUTHORIZATION_CODES)('%s has a sentence of its own', (code) => {
    const text = say(authorizationSentence(code), t);
    expect(text).not.toBe(t('validation.invalid'));
    expect(text).not.toMatch(/tlsAuthorization\.|\{\{/);
    expect(text).not.toContain(code);
    expect(text).toMatch(/[.。]$/);
    if (language === 'ja') {
      expect(text).toMatch(JAPANESE);
      expect(leftoverLatin(text)).toEqual([]);
    }
  });

  it('names an unknown code in the generic sentence', () => {
    const text = say(authorizationSentence('X509_SOMETHING_NEW'), t);
    expect(text).toContain('X509_SOMETHING_NEW');
    expect(text).toBe(
      language === 'ja'
        ? 'サーバーの証明書は信頼されていません（X509_SOMETHING_NEW）。'
        : "The server's certificate is not trusted (X509_SOMETHING_NEW).",
    );
  });
});

it('the catalogue explains exactly the known codes (and the generic sentence)', () => {
  expect(Object.keys(ENGLISH.tlsAuthorization).sort()).toEqual([...TLS_AUTHORIZATION_CODES, 'other'].sort());
});

describe('the CLI', () => {
  const refused = {
    ok: false,
    verdict: 'failed',
    code: 'TLS_CERT_UNTRUSTED',
    phase: 'starttls',
    summary: 'summary',
    fix: null,
    server: { host: 'mail.example.com', port: 587, response: null },
    tls: {
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      chain: [],
    },
    transcript: [],
  } as unknown as RunRecord;

  it('prints the sentence and the code, in English and in Japanese', () => {
    expect(humanReport(refused, createTranslator('en'))).toContain(
      "TLS: TLSv1.3 TLS_AES_256_GCM_SHA384, not verified: The server's certificate is self-signed. (DEPTH_ZERO_SELF_SIGNED_CERT)",
    );
    expect(humanReport(refused, createTranslator('ja'))).toContain(
      'TLS: TLSv1.3 TLS_AES_256_GCM_SHA384、証明書を検証できません：サーバーの証明書は自己署名証明書です。（DEPTH_ZERO_SELF_SIGNED_CERT）',
    );
  });
});
