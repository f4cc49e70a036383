/**
 * MX, DMARC and alignment findings against a DNS server on loopback.
 */
import { describe, expect, it } from 'vitest';
import { checkWith, finding, useZoneServer } from './zone';

const { server } = useZoneServer();

describe('MX', () => {
  it('passes with the MX hosts in priority order', async () => {
    const mx = finding(await checkWith(server(), { from: 'alerts@good.test' }), 'mx');
    expect(mx).toEqual({
      check: 'mx',
      status: 'pass',
      summary: 'good.test receives mail through 2 MX hosts: mx1.good.test, mx2.good.test.',
      fix: null,
      record: '10 mx1.good.test\n20 mx2.good.test',
    });
  });

  it('warns when there is no MX record', async () => {
    const mx = finding(await checkWith(server(), { from: 'alerts@nomx.test' }), 'mx');
    expect(mx.status).toBe('warn');
    expect(mx.summary).toBe(
      'nomx.test has no MX record; replies to the From address may not be deliverable.',
    );
    expect(mx.fix).toMatch(/^Add an MX record for nomx.test/);
  });

  it('fails on a null MX', async () => {
    const mx = finding(await checkWith(server(), { from: 'alerts@nullmx.test' }), 'mx');
    expect(mx.status).toBe('fail');
    expect(mx.summary).toMatch(/null MX \("0 \."\)/);
    expect(mx.record).toBe('0 .');
  });

  it('fails when the domain does not exist', async () => {
    const mx = finding(await checkWith(server(), { from: 'alerts@nxdomain.test' }), 'mx');
    expect(mx.status).toBe('fail');
    expect(mx.summary).toMatch(/does not exist in DNS \(NXDOMAIN\)/);
  });
});

describe('DMARC', () => {
  it('reads a reject policy into the summary', async () => {
    const dmarc = finding(await checkWith(server(), { from: 'alerts@good.test' }), 'dmarc');
    expect(dmarc.status).toBe('pass');
    expect(dmarc.summary).toBe(
      'The DMARC policy of good.test is reject: receivers refuse mail that passes neither aligned SPF nor aligned DKIM.',
    );
    expect(dmarc.record).toBe('v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@good.test');
  });

  it('reports p=none as monitoring only, with the way to enforce', async () => {
    const dmarc = finding(await checkWith(server(), { from: 'alerts@none-policy.test' }), 'dmarc');
    expect(dmarc.status).toBe('info');
    expect(dmarc.summary).toMatch(/is none: receivers only report/);
    expect(dmarc.fix).toMatch(/p=quarantine, then p=reject/);
  });

  it('mentions a partial quarantine', async () => {
    const dmarc = finding(await checkWith(server(), { from: 'alerts@quarantine.test' }), 'dmarc');
    expect(dmarc.status).toBe('pass');
    expect(dmarc.summary).toMatch(/is quarantine: .* in spam for 50% of failing mail\.$/);
  });

  it('warns when there is none, with a record to publish', async () => {
    const dmarc = finding(await checkWith(server(), { from: 'alerts@ip4.test' }), 'dmarc');
    expect(dmarc.status).toBe('warn');
    expect(dmarc.record).toBeNull();
    expect(dmarc.fix).toBe(
      'Publish a TXT record at _dmarc.ip4.test: "v=DMARC1; p=none; rua=mailto:dmarc-reports@ip4.test".',
    );
  });

  it("applies the organizational domain's sp= to a subdomain", async () => {
    const dmarc = finding(await checkWith(server(), { from: 'alerts@news.good.test' }), 'dmarc');
    expect(dmarc.status).toBe('pass');
    expect(dmarc.summary).toMatch(
      /^The DMARC policy of news.good.test is quarantine \(from the record of its organizational domain good.test\)/,
    );
  });

  it('fails on an invalid policy and on two records', async () => {
    const bad = finding(await checkWith(server(), { from: 'alerts@badpolicy.test' }), 'dmarc');
    expect(bad.status).toBe('fail');
    expect(bad.summary).toContain('an invalid policy "p=maybe"');
    const two = finding(await checkWith(server(), { from: 'alerts@twodmarc.test' }), 'dmarc');
    expect(two.status).toBe('fail');
    expect(two.summary).toMatch(/publishes 2 DMARC records/);
  });
});

describe('alignment', () => {
  it('passes when the envelope sender is the From address (the default)', async () => {
    const alignment = finding(await checkWith(server(), { from: 'alerts@good.test' }), 'alignment');
    expect(alignment.status).toBe('pass');
    expect(alignment.record).toBeNull();
  });

  it('passes on relaxed alignment (same organizational domain)', async () => {
    const report = await checkWith(server(), {
      from: 'alerts@good.test',
      envelopeFrom: 'bounce@bounces.good.test',
    });
    const alignment = finding(report, 'alignment');
    expect(alignment.status).toBe('pass');
    expect(alignment.summary).toMatch(/shares the organizational domain good.test .*relaxed alignment/);
  });

  it('fails when misaligned under p=reject without a DKIM key', async () => {
    const report = await checkWith(server(), {
      from: 'alerts@good.test',
      envelopeFrom: 'bounce@mailer.example',
    });
    const alignment = finding(report, 'alignment');
    expect(alignment.status).toBe('fail');
    expect(alignment.summary).toBe(
      'The envelope sender domain mailer.example is not aligned with the From domain good.test, so an SPF pass does not count: DMARC fails unless the relay signs with DKIM for that domain, and receivers then refuse the mail (p=reject).',
    );
    expect(alignment.fix).toBe(
      'Send with an envelope sender (MAIL FROM) at good.test, or have the relay sign with DKIM for good.test.',
    );
    // SPF itself passes for the envelope domain: alignment is what fails.
    expect(finding(report, 'spf').status).toBe('pass');
  });

  it('warns when misaligned but a valid DKIM key can carry DMARC', async () => {
    const report = await checkWith(server(), {
      from: 'alerts@good.test',
      envelopeFrom: 'bounce@mailer.example',
      dkimSelector: 'sel1',
    });
    const alignment = finding(report, 'alignment');
    expect(alignment.status).toBe('warn');
    expect(alignment.summary).toMatch(
      /passes only if the relay signs with DKIM for good.test \(selector sel1\)/,
    );
  });

  it('fails strict alignment (aspf=s) for a subdomain envelope', async () => {
    const report = await checkWith(server(), {
      from: 'alerts@strict.test',
      envelopeFrom: 'bounce@b.strict.test',
    });
    const alignment = finding(report, 'alignment');
    expect(alignment.status).toBe('fail');
    expect(alignment.summary).toMatch(/strict SPF alignment \(aspf=s\)/);
  });

  it('warns under p=none and informs without DMARC', async () => {
    const none = await checkWith(server(), {
      from: 'alerts@none-policy.test',
      envelopeFrom: 'b@mailer.example',
    });
    expect(finding(none, 'alignment').status).toBe('warn');
    const without = await checkWith(server(), { from: 'alerts@ip4.test', envelopeFrom: 'b@mailer.example' });
    expect(finding(without, 'alignment').status).toBe('info');
  });
});

describe('the report', () => {
  it('lists the five findings in order, for the From domain, with a total time', async () => {
    const report = await checkWith(server(), { from: 'Alerts <Alerts@GOOD.test>', dkimSelector: 'sel1' });
    expect(report.domain).toBe('good.test');
    expect(report.findings.map((f) => f.check)).toEqual(['mx', 'spf', 'dmarc', 'dkim', 'alignment']);
    expect(report.findings.map((f) => f.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(report.timings.total).toBeGreaterThanOrEqual(0);
  });

  it('rejects a From address without a domain', async () => {
    await expect(checkWith(server(), { from: 'not-an-address' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'The From address "not-an-address" has no valid domain.',
    });
  });
});
