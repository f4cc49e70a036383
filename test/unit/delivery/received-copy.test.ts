/**
 * What a received copy tells, with Mail Preflight's own SPF/DKIM/DMARC check (mailauth)
 * where the receiver stamped nothing: a message really DKIM-signed by mailauth, DNS from a
 * table (pass, fail, temporary errors, a resolver that never answers), and spam markers.
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseReceivedCopy } from '../../../electron/services/delivery/received-copy';
import type { DnsResolver } from '../../../electron/services/delivery/types';
import { tableResolver } from './table-resolver';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_KEY = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const ORIGINAL = [
  'From: Alice <alice@example.com>',
  'To: bob@example.org',
  'Subject: Mail Preflight test message',
  'Date: Tue, 03 Sep 2024 08:00:00 +0000',
  'Message-ID: <mail-preflight.r1@example.com>',
  'X-Mail-Preflight-Id: r1',
  '',
  'This is a test message from Mail Preflight.',
  '',
].join('\r\n');

/** What the receiving MTA and delivery agent prepend. */
const TRACE = [
  'Return-Path: <bounce@example.com>',
  'Received: from mx.example.org by mailbox.example.org with LMTP id k1 (envelope-from <bounce@example.com>) for <bob@example.org>; Tue, 03 Sep 2024 08:00:02 +0000',
  'Received: from relay.example.com (relay.example.com [203.0.113.5]) by mx.example.org (Postfix) with ESMTPS id 4WxYz1 for <bob@example.org>; Tue, 03 Sep 2024 08:00:01 +0000',
  '',
].join('\r\n');

let signed: string;
beforeAll(async () => {
  const key = {
    signingDomain: 'example.com',
    selector: 'sel1',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  };
  // The keys go in signatureData: at the top level mailauth signs nothing (and reports no error).
  const { signatures, errors } = await dkimSign(ORIGINAL, { ...key, signatureData: [key] });
  expect(errors).toEqual([]);
  expect(signatures).toMatch(/^DKIM-Signature: /);
  signed = `${TRACE}${signatures}${ORIGINAL}`;
});

const DNS_OK = {
  'example.com TXT': 'v=spf1 ip4:203.0.113.5 -all',
  'sel1._domainkey.example.com TXT': `v=DKIM1; k=rsa; p=${PUBLIC_KEY}`,
  '_dmarc.example.com TXT': 'v=DMARC1; p=reject',
};

const results = (facts: Awaited<ReturnType<typeof analyseReceivedCopy>>) =>
  Object.fromEntries(facts.authentication.map((a) => [a.method, a]));

describe('own authentication check (no Authentication-Results from the receiver)', () => {
  it('SPF, DKIM and DMARC pass for the relay the domain authorizes', async () => {
    const resolver = tableResolver(DNS_OK);
    const facts = await analyseReceivedCopy(Buffer.from(signed), { inJunk: false, resolver });
    expect(facts.authenticationSource).toBe('mail-preflight');
    const r = results(facts);
    expect(r.spf).toMatchObject({ result: 'pass', explanation: null });
    expect(r.spf?.detail).toContain('smtp.mailfrom=bounce@example.com');
    expect(r.dkim).toMatchObject({ result: 'pass', explanation: null });
    expect(r.dkim?.detail).toContain('header.s=sel1');
    expect(r.dmarc).toMatchObject({ result: 'pass', explanation: null });
    // SPF was checked for the relay that handed the message over (the public hop).
    expect(resolver.queries).toEqual(
      expect.arrayContaining([
        'example.com TXT',
        'sel1._domainkey.example.com TXT',
        '_dmarc.example.com TXT',
      ]),
    );
    expect(facts.hops.map((h) => h.with)).toEqual(['ESMTPS', 'LMTP']);
    expect(facts.hops[1]!.delayMs).toBe(1000);
    expect(facts).toMatchObject({ spam: false, spamHeaders: {} });
  });

  it('a body changed after signing: DKIM neutral, as Gmail reports it, with what changes bodies', async () => {
    const tampered = signed.replace('This is a test message', 'This is a changed message');
    const r = results(
      await analyseReceivedCopy(Buffer.from(tampered), { inJunk: false, resolver: tableResolver(DNS_OK) }),
    );
    expect(r.dkim).toMatchObject({
      result: 'neutral',
      explanation:
        'DKIM: the message body was changed after example.com signed it (the body hash does not match); make sure nothing after the signing relay adds footers or disclaimers or rewrites links.',
    });
    expect(r.dkim?.detail).toContain('(body hash did not verify)');
  });

  it('a changed header and a relay the SPF record does not list: each failure with its sentence', async () => {
    const tampered = signed.replace('Subject: Mail Preflight test message', 'Subject: Changed on the way');
    const resolver = tableResolver({ ...DNS_OK, 'example.com TXT': 'v=spf1 ip4:198.51.100.1 -all' });
    const r = results(await analyseReceivedCopy(Buffer.from(tampered), { inJunk: false, resolver }));
    expect(r.spf).toMatchObject({
      result: 'fail',
      explanation:
        'SPF: 203.0.113.5 is not allowed to send for example.com; add the relay to example.com’s SPF record (e.g. include:<your relay provider’s SPF domain> or ip4:203.0.113.5).',
    });
    expect(r.dkim?.result).toBe('fail');
    expect(r.dkim?.explanation).toBe(
      'DKIM: the signature by example.com does not verify; check that the public key at sel1._domainkey.example.com matches the relay’s signing key and that nothing rewrites the message after it is signed.',
    );
    expect(r.dmarc?.result).toBe('fail');
    expect(r.dmarc?.explanation).toMatch(/^DMARC: neither SPF nor DKIM passed .* example\.com/);
  });

  it('no records published: none, with what to publish', async () => {
    const r = results(
      await analyseReceivedCopy(Buffer.from(`${TRACE}${ORIGINAL}`), {
        inJunk: false,
        resolver: tableResolver({}),
      }),
    );
    expect(r.spf?.result).toBe('none');
    expect(r.spf?.explanation).toMatch(
      /example\.com publishes no SPF record.*v=spf1 ip4:203\.0\.113\.5 ~all/,
    );
    expect(r.dkim).toMatchObject({ result: 'none' });
    expect(r.dkim?.explanation).toMatch(/not signed; turn on DKIM signing for example\.com/);
    expect(r.dmarc?.result).toBe('none');
    expect(r.dmarc?.explanation).toMatch(/_dmarc\.example\.com/);
  });

  it('DNS failing: temperror, blamed on DNS', async () => {
    const resolver = tableResolver(DNS_OK, {
      fail: ['example.com', 'sel1._domainkey.example.com', '_dmarc.example.com'],
    });
    const r = results(await analyseReceivedCopy(Buffer.from(signed), { inJunk: false, resolver }));
    expect(r.spf).toMatchObject({ result: 'temperror' });
    expect(r.spf?.explanation).toMatch(/failed temporarily/);
    expect(r.dkim?.result).toBe('temperror');
    expect(r.dkim?.explanation).toMatch(/could not be fetched/);
  });

  it('a resolver that never answers cannot hold the check up: the DNS budget ends it', async () => {
    const silent: DnsResolver = () => new Promise(() => undefined);
    const t0 = performance.now();
    const facts = await analyseReceivedCopy(Buffer.from(signed), {
      inJunk: false,
      resolver: silent,
      dnsBudgetMs: 300,
    });
    expect(performance.now() - t0).toBeLessThan(1_500);
    expect(results(facts).spf?.result).toBe('temperror');
  });

  it('what the receiver stamped wins, and no DNS is asked', async () => {
    const resolver = tableResolver(DNS_OK);
    const stamped = `Authentication-Results: mx.example.org; spf=softfail smtp.mailfrom=example.com; dkim=pass header.d=example.com header.s=sel1; dmarc=pass header.from=example.com\r\n${signed}`;
    const facts = await analyseReceivedCopy(Buffer.from(stamped), { inJunk: false, resolver });
    expect(facts.authenticationSource).toBe('receiver');
    expect(facts.authentication.map((a) => `${a.method}=${a.result}`)).toEqual([
      'spf=softfail',
      'dkim=pass',
      'dmarc=pass',
    ]);
    expect(facts.authentication[0]!.explanation).toMatch(/203\.0\.113\.5/); // the client from the Received chain
    expect(resolver.queries).toEqual([]);
  });
});

describe('in the run’s language', () => {
  it('Mail Preflight’s own results and the receiver’s are explained in Japanese; methods and results stay', async () => {
    const ja = { inJunk: false, language: 'ja' as const };
    const own = results(
      await analyseReceivedCopy(Buffer.from(`${TRACE}${ORIGINAL}`), { ...ja, resolver: tableResolver({}) }),
    );
    expect(own.spf).toMatchObject({ method: 'spf', result: 'none' });
    expect(own.spf?.explanation).toBe(
      'SPF：example.com は SPF レコードを公開していないため、203.0.113.5 がこのドメインのメールを送信してよいかを受信側が判断できません。リレーを記載したレコードを公開してください（例："v=spf1 ip4:203.0.113.5 ~all"）。',
    );
    expect(own.dkim?.explanation).toMatch(
      /^DKIM：メッセージに署名がありません。リレーで example\.com の DKIM 署名/,
    );
    expect(own.dmarc?.explanation).toMatch(/^DMARC：example\.com は DMARC ポリシーを公開していない/);

    const noClient = results(
      await analyseReceivedCopy(Buffer.from(ORIGINAL), { ...ja, resolver: tableResolver({}) }),
    );
    expect(noClient.spf).toMatchObject({
      result: 'none',
      detail: 'Received ヘッダーの経路にクライアントのアドレスがありません',
      explanation: expect.stringMatching(/^SPF：受信したメッセージからは、どのサーバーが引き渡したか/),
    });

    const stamped = `Authentication-Results: mx.example.org; spf=softfail smtp.mailfrom=example.com\r\n${signed}`;
    const receiver = results(
      await analyseReceivedCopy(Buffer.from(stamped), { ...ja, resolver: tableResolver(DNS_OK) }),
    );
    expect(receiver.spf?.explanation).toMatch(
      /^SPF：example\.com の SPF レコードには 203\.0\.113\.5 が含まれておらず、「おそらく許可されていない」/,
    );
  });
});

describe('spam', () => {
  it('found in the junk folder', async () => {
    const facts = await analyseReceivedCopy(Buffer.from(signed), {
      inJunk: true,
      resolver: tableResolver(DNS_OK),
    });
    expect(facts.spam).toBe(true);
  });

  it('a spam filter’s verdict in INBOX, and its headers as found', async () => {
    const marked = `X-Spam-Status: Yes, score=7.2 required=5.0 tests=BAYES_99\r\n\tautolearn=no\r\nX-Spam-Score: 7.2\r\nX-Rspamd-Action: add header\r\nX-Other: kept out\r\n${signed}`;
    const facts = await analyseReceivedCopy(Buffer.from(marked), {
      inJunk: false,
      resolver: tableResolver(DNS_OK),
    });
    expect(facts.spam).toBe(true);
    expect(facts.spamHeaders).toEqual({
      'X-Spam-Status': 'Yes, score=7.2 required=5.0 tests=BAYES_99 autolearn=no',
      'X-Spam-Score': '7.2',
      'X-Rspamd-Action': 'add header',
    });
  });
});
