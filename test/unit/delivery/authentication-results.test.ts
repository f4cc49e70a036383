/**
 * Authentication-Results as receivers stamp them (Gmail, Microsoft 365, a relay plus a
 * final receiver, forged ones), and the sentence of cause and fix for each failing result.
 */
import { describe, expect, it } from 'vitest';
import { explainAuthResult, type AuthContext } from '../../../electron/services/delivery/auth-explanations';
import {
  authenticationResultsOf,
  parseAuthenticationResults,
} from '../../../electron/services/delivery/authentication-results';
import { parseHeaders } from '../../../electron/services/delivery/message-headers';

const GMAIL_AR = `mx.google.com;
       dkim=pass header.i=@example.com header.s=sel1 header.b=AbCdEf12;
       spf=softfail (google.com: domain of transitioning alice@example.com does not designate 203.0.113.5 as permitted sender) smtp.mailfrom=alice@example.com;
       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=example.com`;

function message(headers: string): string {
  return `${headers.trim()}\nSubject: test\n\nbody\n`;
}

describe('parseAuthenticationResults', () => {
  it('Gmail: methods, results, properties and comments', () => {
    const parsed = parseAuthenticationResults(GMAIL_AR.replace(/\n/g, ' '));
    expect(parsed.authservId).toBe('mx.google.com');
    expect(parsed.results).toEqual([
      {
        method: 'dkim',
        result: 'pass',
        reason: null,
        props: { 'header.i': '@example.com', 'header.s': 'sel1', 'header.b': 'AbCdEf12' },
        comments: [],
      },
      {
        method: 'spf',
        result: 'softfail',
        reason: null,
        props: { 'smtp.mailfrom': 'alice@example.com' },
        comments: [
          'google.com: domain of transitioning alice@example.com does not designate 203.0.113.5 as permitted sender',
        ],
      },
      {
        method: 'dmarc',
        result: 'fail',
        reason: null,
        props: { 'header.from': 'example.com' },
        comments: ['p=QUARANTINE sp=QUARANTINE dis=QUARANTINE'],
      },
    ]);
  });

  it('a version, spaces around "=", a quoted reason, a method version, "none"', () => {
    const parsed = parseAuthenticationResults(
      'mx.example.org 1; spf = pass smtp.mailfrom=example.com; dkim/1=fail reason="bad signature; body hash" header.d=example.com',
    );
    expect(parsed.results).toMatchObject([
      { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'example.com' } },
      {
        method: 'dkim',
        result: 'fail',
        reason: 'bad signature; body hash',
        props: { 'header.d': 'example.com' },
      },
    ]);
    expect(parseAuthenticationResults('mx.example.org; none').results).toEqual([]);
  });
});

describe('authenticationResultsOf: what the receiver stamped', () => {
  it('Gmail’s results, each failing one with its sentence', () => {
    const fields = parseHeaders(
      message(`
Authentication-Results: ${GMAIL_AR}
Received: from relay.example.com (relay.example.com. [203.0.113.5]) by mx.google.com with ESMTPS id x1; Mon, 02 Sep 2024 03:04:05 -0700 (PDT)
From: Alice <alice@example.com>`),
    );
    const results = authenticationResultsOf(fields, { clientIp: '203.0.113.5' });
    expect(results).toEqual([
      {
        method: 'dkim',
        result: 'pass',
        detail: 'header.i=@example.com header.s=sel1 header.b=AbCdEf12',
        explanation: null,
      },
      {
        method: 'spf',
        result: 'softfail',
        detail:
          'smtp.mailfrom=alice@example.com (google.com: domain of transitioning alice@example.com does not designate 203.0.113.5 as permitted sender)',
        explanation:
          'SPF: example.com’s SPF record does not list 203.0.113.5 and marks it “probably not allowed” (~all); add the relay to example.com’s SPF record (e.g. include:<your relay provider’s SPF domain> or ip4:203.0.113.5).',
      },
      {
        method: 'dmarc',
        result: 'fail',
        detail: 'header.from=example.com (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE)',
        explanation:
          'DMARC: neither SPF nor DKIM passed for a domain aligned with the From domain example.com; have the relay sign with DKIM as example.com, or send with an envelope sender in example.com that its SPF record allows.',
      },
    ]);
  });

  it('Microsoft 365: the address from “sender IP is”, an unknown method (compauth)', () => {
    const fields = parseHeaders(
      message(`
Authentication-Results: spf=fail (sender IP is 198.51.100.7) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;dmarc=fail action=none header.from=example.com;compauth=fail reason=001
Received: from relay.example.com (198.51.100.7) by BN1NAM02FT012.mail.protection.outlook.com (10.13.2.1) with Microsoft SMTP Server id 15.20.1; Tue, 3 Sep 2024 08:00:01 +0000
From: alice@example.com`),
    );
    const results = authenticationResultsOf(fields, { clientIp: null })!;
    expect(results.map((r) => [r.method, r.result])).toEqual([
      ['spf', 'fail'],
      ['dkim', 'none'],
      ['dmarc', 'fail'],
      ['compauth', 'fail'],
    ]);
    expect(results[0]!.explanation).toBe(
      'SPF: 198.51.100.7 is not allowed to send for example.com; add the relay to example.com’s SPF record (e.g. include:<your relay provider’s SPF domain> or ip4:198.51.100.7).',
    );
    expect(results[1]!.explanation).toMatch(
      /^DKIM: the message is not signed; turn on DKIM signing for example\.com/,
    );
    expect(results[3]!.explanation).toMatch(/^COMPAUTH: the receiver reports “fail” \(001\); /);
  });

  it('a field the sender wrote (below the oldest Received) is not the receiver’s', () => {
    const fields = parseHeaders(
      message(`
Received: from relay.example.com (relay.example.com [203.0.113.5]) by mx.example.org with ESMTPS id 1; Tue, 3 Sep 2024 08:00:01 +0000
Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com
From: alice@example.com`),
    );
    expect(authenticationResultsOf(fields, { clientIp: null })).toBeNull();
    expect(
      authenticationResultsOf(parseHeaders(message('Authentication-Results: x; spf=pass')), {
        clientIp: null,
      }),
    ).toBeNull();
  });

  it('a relay’s older field and the final receiver’s: per method, the newest wins', () => {
    const fields = parseHeaders(
      message(`
Authentication-Results: mx.example.org; dkim=fail header.d=example.com header.s=sel1
Received: from relay.example.net (relay.example.net [198.51.100.7]) by mx.example.org with ESMTPS id 2; Tue, 3 Sep 2024 08:00:03 +0000
Authentication-Results: relay.example.net; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com
Received: from relay.example.com (relay.example.com [203.0.113.5]) by relay.example.net with ESMTPS id 1; Tue, 3 Sep 2024 08:00:01 +0000
From: alice@example.com`),
    );
    const results = authenticationResultsOf(fields, { clientIp: '198.51.100.7' })!;
    expect(results.map((r) => `${r.method}=${r.result}`)).toEqual(['dkim=fail', 'spf=pass']);
    expect(results[0]!.explanation).toBe(
      'DKIM: the signature by example.com does not verify; check that the public key at sel1._domainkey.example.com matches the relay’s signing key and that nothing rewrites the message after it is signed.',
    );
  });
});

describe('explainAuthResult: one sentence of cause and fix', () => {
  const base: AuthContext = {
    method: 'spf',
    result: 'fail',
    domain: 'example.com',
    ip: '203.0.113.5',
    selector: 'sel1',
    fromDomain: 'example.com',
    reason: null,
  };
  const explain = (over: Partial<AuthContext>) => explainAuthResult({ ...base, ...over });

  it('the example from the issue', () => {
    expect(explain({})).toBe(
      'SPF: 203.0.113.5 is not allowed to send for example.com; add the relay to example.com’s SPF record (e.g. include:<your relay provider’s SPF domain> or ip4:203.0.113.5).',
    );
    expect(explain({ ip: '2001:db8::5' })).toContain('ip6:2001:db8::5');
  });

  it('every non-pass result of SPF, DKIM and DMARC gets exactly one sentence; pass gets none', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['spf', 'softfail', /~all/],
      ['spf', 'neutral', /\?all/],
      ['spf', 'none', /publishes no SPF record.*v=spf1 ip4:203\.0\.113\.5 ~all/],
      ['spf', 'temperror', /failed temporarily/],
      ['spf', 'permerror', /invalid.*10 DNS lookups/],
      ['dkim', 'none', /not signed/],
      ['dkim', 'fail', /sel1\._domainkey\.example\.com/],
      ['dkim', 'neutral', /could not be checked/],
      ['dkim', 'temperror', /could not be fetched/],
      ['dkim', 'permerror', /no valid public key at sel1\._domainkey\.example\.com/],
      ['dkim', 'policy', /2048-bit/],
      ['dmarc', 'fail', /aligned with the From domain example\.com/],
      ['dmarc', 'none', /_dmarc\.example\.com.*v=DMARC1; p=none/],
      ['dmarc', 'temperror', /_dmarc\.example\.com failed temporarily/],
      ['dmarc', 'permerror', /v=DMARC1; p=/],
      ['iprev', 'fail', /PTR record/],
    ];
    for (const [method, result, pattern] of cases) {
      const sentence = explain({ method, result });
      expect(sentence, `${method}=${result}`).toMatch(pattern);
      expect(sentence, `${method}=${result}`).toMatch(/^[A-Za-z]+: [^]*\.$/);
      expect(sentence!.split(/\.\s+[A-Z]/), `${method}=${result}: one sentence`).toHaveLength(1);
    }
    for (const method of ['spf', 'dkim', 'dmarc', 'arc'])
      expect(explain({ method, result: 'pass' })).toBeNull();
    expect(explain({ method: 'arc', result: 'none' })).toBeNull();
    expect(explain({ method: 'bimi', result: 'skipped' })).toBeNull();
  });

  it('without a known address or domain the sentence still reads', () => {
    expect(explain({ ip: null, domain: null })).toBe(
      'SPF: the sending server is not allowed to send for the envelope sender’s domain; add the relay to the envelope sender’s domain’s SPF record (e.g. include:<your relay provider’s SPF domain>).',
    );
  });
});
