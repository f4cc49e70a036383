/**
 * DKIM key records: keys generated with node:crypto, served by a DNS server on loopback.
 */
import { describe, expect, it } from 'vitest';
import { checkWith, finding, RSA_2048, useZoneServer } from './zone';

const { server } = useZoneServer();

async function dkim(selector?: string) {
  return finding(
    await checkWith(server(), {
      from: 'alerts@good.test',
      ...(selector === undefined ? {} : { dkimSelector: selector }),
    }),
    'dkim',
  );
}

describe('DKIM', () => {
  it('passes a valid 2048-bit RSA key (a record longer than one TXT string)', async () => {
    expect(await dkim('sel1')).toEqual({
      check: 'dkim',
      status: 'pass',
      summary: 'The DKIM key at sel1._domainkey.good.test is a valid 2048-bit RSA public key.',
      fix: null,
      record: `v=DKIM1; k=rsa; p=${RSA_2048}`,
    });
  });

  it('passes a PKCS#1 RSA key and an Ed25519 key', async () => {
    expect((await dkim('pkcs1')).summary).toMatch(/valid 2048-bit RSA/);
    const ed = await dkim('ed');
    expect(ed.status).toBe('pass');
    expect(ed.summary).toMatch(/valid Ed25519 public key/);
  });

  it('warns on a 1024-bit key and on testing mode, fails a 512-bit key', async () => {
    expect(await dkim('weak')).toMatchObject({
      status: 'warn',
      summary: expect.stringMatching(/1024-bit .* weak/),
    });
    expect(await dkim('testing')).toMatchObject({
      status: 'warn',
      summary: expect.stringMatching(/testing mode \(t=y\)/),
    });
    expect(await dkim('tiny')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/512-bit RSA key/),
    });
  });

  it('fails a revoked key (empty p=)', async () => {
    const revoked = await dkim('revoked');
    expect(revoked.status).toBe('fail');
    expect(revoked.summary).toBe(
      'The DKIM key at revoked._domainkey.good.test is revoked (empty p=), so signatures with selector revoked fail.',
    );
    expect(revoked.record).toBe('v=DKIM1; k=rsa; p=');
  });

  it('fails a missing record', async () => {
    const missing = await dkim('nosuch');
    expect(missing.status).toBe('fail');
    expect(missing.summary).toMatch(/no DKIM key record at nosuch._domainkey.good.test/);
    expect(missing.fix).toBe(
      "Publish the relay's DKIM public key as a TXT record at nosuch._domainkey.good.test.",
    );
  });

  it.each([
    ['garbage', /does not hold a DER-encoded RSA public key/],
    ['notbase64', /p= is not base64/],
    ['mismatch', /not a 32-byte Ed25519 key/],
    ['badversion', /v=DKIM2 must be v=DKIM1/],
    ['notdkim', /is not a DKIM key record/],
    ['twice', /publishes 2 DKIM key records/],
    ['bad selector!', /is not a valid DKIM selector/],
  ])('fails %s', async (selector, summary) => {
    const result = await dkim(selector);
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(summary);
    expect(result.fix).not.toBeNull();
  });

  it('is informational without a selector', async () => {
    const none = await dkim();
    expect(none.status).toBe('info');
    expect(none.record).toBeNull();
  });
});
