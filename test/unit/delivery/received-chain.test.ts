/**
 * The Received chain as hops: real headers from Postfix + Dovecot (the rig), Gmail,
 * Microsoft 365 and qmail, oldest first, with the delay at each hop and the client that
 * handed the message to the receiving side.
 */
import { describe, expect, it } from 'vitest';
import { headerValues, parseHeaders } from '../../../electron/services/delivery/message-headers';
import {
  isPublicAddress,
  parseReceived,
  parseReceivedChain,
  smtpClientOf,
} from '../../../electron/services/delivery/received-chain';

/** As Dovecot wrote it into the rig's Maildir (folded with tabs, CRLF-free). */
const RIG_MESSAGE = `Return-Path: <alice@rig.test>
Delivered-To: bob@rig.test
Received: from mail.rig.test
\tby vm with LMTP
\tid xfaOB4ZzC2tJWwAAg+zDdQ
\t(envelope-from <alice@rig.test>)
\tfor <bob@rig.test>; Sun, 29 Nov 2026 00:36:23 +0000
Received: from vm (unknown [127.0.0.1])
\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
\t key-exchange X25519 server-signature ECDSA (prime256v1) server-digest SHA256)
\t(No client certificate requested)
\tby mail.rig.test (Postfix) with ESMTPSA id 1749B21C3E7
\tfor <bob@rig.test>; Sun, 29 Nov 2026 00:36:22 +0000 (UTC)
Date: Sun, 29 Nov 2026 00:36:22 +0000
From: alice@rig.test
X-Mail-Preflight-Id: exp1

This is a test mailing
Received: from body.example (not a header [198.51.100.1])
`;

/** A message from a company relay to Gmail. */
const GMAIL_CHAIN = [
  'by 2002:a05:6a10:e08c:b0:5a1:2b3c:4d5e with SMTP id abc123csp456789pxb; Mon, 2 Sep 2024 03:04:06 -0700 (PDT)',
  'from relay.example.com (relay.example.com. [203.0.113.5]) by mx.google.com with ESMTPS id a640c23a62f3a.1.2024.09.02.03.04.05 for <bob@gmail.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Mon, 02 Sep 2024 03:04:05 -0700 (PDT)',
  'from [192.168.1.20] (client.lan [192.168.1.20]) by relay.example.com (Postfix) with ESMTPSA id 4WxYz1 for <bob@gmail.com>; Mon,  2 Sep 2024 10:04:02 +0000 (UTC)',
];

describe('parseReceivedChain', () => {
  it('the rig’s Postfix + Dovecot LMTP chain, oldest first, with the delay', () => {
    const fields = parseHeaders(RIG_MESSAGE);
    const hops = parseReceivedChain(headerValues(fields, 'received'));
    expect(hops).toEqual([
      {
        from: 'vm [127.0.0.1]',
        ip: '127.0.0.1',
        by: 'mail.rig.test',
        with: 'ESMTPSA', // not the "with cipher" inside the TLS comment
        at: '2026-11-29T00:36:22.000Z',
        delayMs: null,
      },
      {
        from: 'mail.rig.test',
        ip: null,
        by: 'vm',
        with: 'LMTP',
        at: '2026-11-29T00:36:23.000Z',
        delayMs: 1000,
      },
    ]);
  });

  it('a body line that looks like a header is not a hop', () => {
    expect(headerValues(parseHeaders(RIG_MESSAGE), 'received')).toHaveLength(2);
  });

  it('Gmail: time zones, a TLS comment after "for", an internal hop without "from"', () => {
    const hops = parseReceivedChain(GMAIL_CHAIN);
    expect(hops.map((h) => [h.from, h.by, h.with, h.at, h.delayMs])).toEqual([
      ['[192.168.1.20]', 'relay.example.com', 'ESMTPSA', '2024-09-02T10:04:02.000Z', null],
      ['relay.example.com [203.0.113.5]', 'mx.google.com', 'ESMTPS', '2024-09-02T10:04:05.000Z', 3000],
      [null, '2002:a05:6a10:e08c:b0:5a1:2b3c:4d5e', 'SMTP', '2024-09-02T10:04:06.000Z', 1000],
    ]);
  });

  it('Microsoft 365: a bare IPv6 address in the comment, a protocol of several words', () => {
    const fields = parseReceived(
      'from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:12::34) by AM0PR02MB5678.eurprd02.prod.outlook.com (2603:10a6:20b:4d0::7) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7918.24; Tue, 3 Sep 2024 08:00:01 +0000',
    );
    expect(fields).toMatchObject({
      fromName: 'AM0PR02MB1234.eurprd02.prod.outlook.com',
      ip: '2603:10a6:208:12::34',
      by: 'AM0PR02MB5678.eurprd02.prod.outlook.com',
      with: 'Microsoft SMTP Server',
      id: '15.20.7918.24',
      time: Date.parse('2024-09-03T08:00:01Z'),
    });
  });

  it('an IPv6 address literal as HELO; a qmail line with neither from nor by; no date', () => {
    expect(
      parseReceived('from [IPv6:2001:db8::1] by mx.example.org with ESMTP; Tue, 3 Sep 2024 08:00:01 +0000'),
    ).toMatchObject({
      fromName: '[IPv6:2001:db8::1]',
      ip: '2001:db8::1',
    });
    expect(parseReceived('(qmail 12345 invoked by uid 1000); 3 Sep 2024 08:00:00 -0000')).toMatchObject({
      fromName: null,
      by: null,
      time: Date.parse('2024-09-03T08:00:00Z'),
    });
    const [hop] = parseReceivedChain(['from a.example by b.example with SMTP']);
    expect(hop).toMatchObject({ from: 'a.example', at: null, delayMs: null });
  });

  it('a comment with a semicolon before the date does not cut the clauses', () => {
    expect(
      parseReceived(
        'from a.example (helo; odd [203.0.113.9]) by b.example with ESMTP id X1; Tue, 3 Sep 2024 08:00:01 +0000',
      ),
    ).toMatchObject({
      ip: '203.0.113.9',
      by: 'b.example',
      id: 'X1',
      time: Date.parse('2024-09-03T08:00:01Z'),
    });
  });
});

describe('smtpClientOf: the hop at which the message entered the receiving side', () => {
  it('the newest hop from a public address (internal hops are private)', () => {
    expect(smtpClientOf(GMAIL_CHAIN)).toEqual({
      ip: '203.0.113.5',
      helo: 'relay.example.com',
      envelopeFrom: null,
    });
  });

  it('on a private network only (the rig): the newest hop with an address, and its envelope sender', () => {
    const received = headerValues(parseHeaders(RIG_MESSAGE), 'received');
    expect(smtpClientOf(received)).toEqual({ ip: '127.0.0.1', helo: 'vm', envelopeFrom: null });
    expect(parseReceived(received[0]!).envelopeFrom).toBe('alice@rig.test');
    expect(smtpClientOf(['by x.example with LMTP; Tue, 3 Sep 2024 08:00:01 +0000'])).toBeNull();
  });

  it('isPublicAddress', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      'x',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
    for (const ip of ['203.0.113.5', '209.85.220.41', '2a00:1450:4001::1'])
      expect(isPublicAddress(ip), ip).toBe(true);
  });
});
