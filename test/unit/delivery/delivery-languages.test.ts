/**
 * The delivery check speaks the run's language: every sentence of its verdicts (delivered,
 * Junk, not confirmed), of its IMAP failures and of its SPF/DKIM/DMARC explanations comes from
 * the catalogues (`deliveryVerdict.*`, `imapFailure.*`, `authExplanation.*`). Each one renders
 * in English and in Japanese with sample parameters, and the real functions, driven into
 * every verdict they can give, say it in Japanese with nothing in English left but the
 * parameters (the server's, the user's words), protocol words and names, and with the same
 * cause and settings change as in English.
 */
import { describe, expect, it } from 'vitest';
import { explainAuthResult, type AuthContext } from '../../../electron/services/delivery/auth-explanations';
import { imapFailure, ImapStepError } from '../../../electron/services/delivery/imap-failure';
import { withDelivery } from '../../../electron/services/delivery/run-verdict';
import type { DeliveryReport, ImapSettings } from '../../../electron/services/delivery/types';
import {
  ENGLISH,
  LANGUAGES,
  createTranslator,
  translateKey,
  type Language,
} from '../../../electron/services/i18n';
import type { RunReport } from '../../../electron/services/smtp/report';
import { flatten, leftoverLatin } from '../i18n/catalogue-rules';

const SECTIONS = ['deliveryVerdict', 'imapFailure', 'authExplanation'] as const;
const SAMPLE = {
  host: 'imap.example.com',
  port: 993,
  user: 'alice@example.com',
  seconds: '10 s',
  total: '1.2 s',
  arrival: '0.3 s',
  folder: 'Spam',
  what: 'IMAP',
  names: 'mail.example.net, *.example.net',
  name: 'imap.example.com',
  usable: 'mail.example.net',
  reason: 'AUTHENTICATE failed',
  domain: 'example.com',
  fromDomain: 'example.org',
  who: '203.0.113.5',
  ip: '203.0.113.5',
  key: 'sel1._domainkey.example.com',
  mechanism: 'ip4:203.0.113.5',
  relaySpf: 'include:spf.example.net',
  add: 'SPF',
  result: 'softfail',
  method: 'VBR',
};
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** What a Japanese sentence says in English once its parameters (given as `values`) are taken out. */
function english(text: string, values: readonly (string | number)[]): string[] {
  return leftoverLatin(values.reduce<string>((rest, value) => rest.replaceAll(String(value), ' '), text));
}

const keys = SECTIONS.flatMap((section) =>
  [...flatten(ENGLISH[section] as never, section).keys()].map((key) => [key] as const),
);

describe.each(LANGUAGES)('delivery sentences in %s', (language) => {
  const t = createTranslator(language);

  it.each(keys)('%s', (key) => {
    const text = translateKey(t, key, SAMPLE);
    expect(text).not.toBe(t('validation.invalid'));
    expect(text).not.toMatch(/\{\{|\}\}|deliveryVerdict\.|imapFailure\.|authExplanation\./);
    if (language === 'ja') {
      expect(text).toMatch(JAPANESE);
      expect(english(text, Object.values(SAMPLE))).toEqual([]);
    }
  });
});

const settings: ImapSettings = {
  host: 'imap.example.com',
  port: 993,
  security: 'tls',
  user: 'alice@example.com',
  password: 'Secret-Pa55-word',
};

/** An error of every kind imapFailure tells apart, with the settings it meets it with. */
const FAILURES: Array<[string, unknown, Partial<ImapSettings>]> = [
  ['login timeout', new ImapStepError('RESPONSE_TIMEOUT', 'x', { waitedMs: 15_000, step: 'login' }), {}],
  ['folder list timeout', new ImapStepError('RESPONSE_TIMEOUT', 'x', { step: 'folderList' }), {}],
  ['message timeout', new ImapStepError('RESPONSE_TIMEOUT', 'x', { step: 'message' }), {}],
  ['deletion timeout', new ImapStepError('RESPONSE_TIMEOUT', 'x', { step: 'deletion' }), {}],
  [
    'folder refused',
    new ImapStepError('MAILBOX_UNAVAILABLE', 'x', { folder: 'Junk', imapResponse: 'NO Mailbox is locked' }),
    {},
  ],
  [
    'Gmail app password',
    { authenticationFailed: true, responseText: 'Application-specific password required' },
    { host: 'imap.gmail.com' },
  ],
  ['Microsoft Basic auth off', { authenticationFailed: true }, { host: 'outlook.office365.com' }],
  ['temporary', { authenticationFailed: true, serverResponseCode: 'UNAVAILABLE' }, {}],
  [
    'wrong password',
    { authenticationFailed: true, response: '3 NO [AUTHENTICATIONFAILED] Authentication failed.' },
    {},
  ],
  ['LOGINDISABLED', { responseText: 'LOGINDISABLED' }, { security: 'none', port: 143 }],
  ['DNS', { code: 'ENOTFOUND' }, {}],
  ['refused', { code: 'ECONNREFUSED' }, { port: 1993 }],
  ['unreachable', { code: 'EHOSTUNREACH' }, {}],
  ['connect timeout', { code: 'CONNECT_TIMEOUT' }, {}],
  ['no greeting, plain start', { code: 'GREETING_TIMEOUT' }, { security: 'starttls', port: 993 }],
  ['no greeting over TLS', { code: 'GREETING_TIMEOUT' }, {}],
  ['no STARTTLS', { tlsFailed: true, message: 'Server does not support STARTTLS' }, { security: 'starttls' }],
  ['plain port 143', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, { port: 143 }],
  ['plain port', { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, { port: 2143 }],
  ['expired', { code: 'CERT_HAS_EXPIRED' }, {}],
  ['not yet valid', { code: 'CERT_NOT_YET_VALID' }, {}],
  [
    'name mismatch',
    { code: 'ERR_TLS_CERT_ALTNAME_INVALID', cert: { subjectaltname: 'DNS:mail.example.net' } },
    {},
  ],
  ['name mismatch, wildcard only', { code: 'ERR_TLS_CERT_ALTNAME_INVALID', cert: {} }, {}],
  ['untrusted', { code: 'SELF_SIGNED_CERT_IN_CHAIN' }, {}],
  ['handshake', { tlsFailed: true, reason: 'no shared cipher' }, {}],
  ['connection lost', { code: 'ECONNRESET' }, {}],
  ['stopped answering', { code: 'ETIMEOUT' }, {}],
  ['anything else', { code: 'EWHATEVER', message: 'Something odd happened.' }, {}],
  ['no words at all', {}, {}],
];

describe('imapFailure in Japanese', () => {
  it.each(FAILURES)('%s: same cause and settings change, the words in Japanese', (_label, error, over) => {
    const imap = { ...settings, ...over };
    const en = imapFailure(error, imap, 10_000);
    const ja = imapFailure(error, imap, 10_000, 'ja');
    expect(ja.cause).toBe(en.cause);
    expect(ja.fix?.settings).toEqual(en.fix?.settings);
    expect(ja.imapResponse).toBe(en.imapResponse); // the server's words, as it said them
    const values = [
      imap.host,
      imap.port,
      imap.user,
      'Junk',
      'mail.example.net',
      'no shared cipher',
      'Something odd happened',
    ];
    for (const text of [ja.summary, ja.fix!.text]) {
      expect(text).toMatch(JAPANESE);
      expect(text).not.toBe(createTranslator('ja')('validation.invalid'));
      expect(english(text.replace(/\d+(?:\.\d+)? 秒/g, ' '), values)).toEqual([]);
    }
  });

  it('keeps the server’s words and scrubs the password in either language', () => {
    const said = { code: 'EWHATEVER', message: `Bad login for Secret-Pa55-word.` };
    const ja = imapFailure(said, settings, 10_000, 'ja');
    expect(ja.summary).toBe('imap.example.com での IMAP の確認に失敗しました：Bad login for <redacted>。');
    expect(JSON.stringify(ja)).not.toContain(settings.password);
  });

  it('names the step that timed out and the time, in the units of the language', () => {
    const error = new ImapStepError('RESPONSE_TIMEOUT', 'x', { waitedMs: 15_000, step: 'folderList' });
    expect(imapFailure(error, settings, 10_000).summary).toBe(
      'imap.example.com did not answer the request for its folder list within 15 s.',
    );
    expect(imapFailure(error, settings, 10_000, 'ja').summary).toBe(
      'imap.example.com は 15 秒以内にフォルダー一覧の要求に応答しませんでした。',
    );
  });
});

const accepted = {
  ok: true,
  verdict: 'accepted',
  code: 'OK',
  timings: { total: 400 },
} as unknown as RunReport;
const found = (over: Partial<DeliveryReport>): DeliveryReport => ({
  found: true,
  folder: 'INBOX',
  spam: false,
  arrivalMs: 300,
  hops: [],
  authentication: [],
  authenticationSource: null,
  spamHeaders: {},
  deleted: false,
  leftSeen: false,
  cleanupError: null,
  watch: 'idle',
  junkFolder: 'Junk',
  ...over,
});
const summaryOf = (report: DeliveryReport, language: Language) =>
  withDelivery(accepted, { ok: true, report }, 1234, language);

describe('the delivered verdict in both languages', () => {
  it('Inbox: the English text as before, the Japanese with its own units', () => {
    expect(summaryOf(found({}), 'en').summary).toBe(
      'Delivered to Inbox in 1.2 s (300 ms after the server accepted it).',
    );
    expect(summaryOf(found({}), 'ja').summary).toBe(
      '1.2 秒で受信トレイに配信されました（サーバーが受理してから 300 ミリ秒後）。',
    );
  });

  it('Junk: DELIVERED_TO_SPAM with the general advice in Japanese; codes and phases unchanged', () => {
    const en = summaryOf(found({ folder: 'Junk', spam: true }), 'en');
    const ja = summaryOf(found({ folder: 'Junk', spam: true }), 'ja');
    expect(en.summary).toBe('Delivered to the Junk folder in 1.2 s (300 ms after the server accepted it).');
    expect([ja.code, ja.phase, ja.verdict]).toEqual(['DELIVERED_TO_SPAM', 'delivery', 'delivered']);
    expect(ja.summary).toMatch(/迷惑メールフォルダーに配信されました/);
    expect(english(ja.fix!.text, [])).toEqual([]);
  });

  it('another folder, or none known', () => {
    expect(summaryOf(found({ folder: 'Archive' }), 'ja').summary).toMatch(/^1\.2 秒で Archive に配信/);
    expect(summaryOf(found({ folder: null }), 'ja').summary).toMatch(/メールボックスに配信/);
  });
});

describe('explainAuthResult in Japanese', () => {
  const base: AuthContext = {
    method: 'spf',
    result: 'fail',
    domain: 'example.com',
    ip: '203.0.113.5',
    selector: 'sel1',
    fromDomain: 'example.org',
    reason: null,
  };
  const results = {
    spf: ['fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'weird'],
    dkim: ['none', 'fail', 'neutral', 'temperror', 'permerror', 'policy', 'weird'],
    dmarc: ['fail', 'none', 'temperror', 'permerror', 'weird'],
    iprev: ['fail'],
    vbr: ['fail'],
  };
  const cases: Array<[string, Partial<AuthContext>]> = Object.entries(results).flatMap(([method, list]) =>
    list.flatMap((result): Array<[string, Partial<AuthContext>]> => [
      [`${method}=${result}`, { method, result }],
      [`${method}=${result}, nothing known`, { method, result, domain: null, ip: null, fromDomain: null }],
    ]),
  );
  cases.push([
    'dkim=neutral (body hash)',
    { method: 'dkim', result: 'neutral', reason: 'body hash did not verify' },
  ]);
  cases.push(['vbr=fail (reason)', { method: 'vbr', result: 'fail', reason: 'i=2 seal broken' }]);

  it.each(cases)('%s', (_label, over) => {
    const context = { ...base, ...over };
    const en = explainAuthResult(context);
    const ja = explainAuthResult(context, 'ja');
    expect(en).toMatch(/^[A-Za-z]+: /);
    expect(ja).toMatch(JAPANESE);
    // The result and the reason are the receiver's words, quoted as they are.
    const values = ['example.com', 'example.org', '203.0.113.5', context.result, 'i=2 seal broken', 'VBR'];
    expect(english(ja!, values)).toEqual([]);
  });
});
