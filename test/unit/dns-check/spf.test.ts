/**
 * SPF: the evaluation itself (which term decides, the lookup limits) and the finding the check
 * makes of it, against a DNS server on loopback.
 */
import { describe, expect, it } from 'vitest';
import { createLookups } from '../../../electron/services/dns-check/lookups';
import { evaluateSpf } from '../../../electron/services/dns-check/spf-eval';
import { say } from '../../../electron/services/i18n';
import { checkWith, finding, RELAY_IP, RELAY_IP6, useZoneServer } from './zone';

const { server } = useZoneServer();

function evaluate(domain: string, ip = RELAY_IP) {
  return evaluateSpf({
    ip,
    sender: `alerts@${domain}`,
    domain,
    lookups: createLookups(server().resolver, 3000),
  });
}

describe('SPF evaluation', () => {
  it.each([
    ['ip4.test', RELAY_IP, 'pass', 'ip4:203.0.113.5'],
    ['include.test', RELAY_IP, 'pass', 'include:_spf.provider.test'],
    ['a.test', RELAY_IP, 'pass', 'a:relay.mail.test'],
    ['mx.test', RELAY_IP, 'pass', 'mx'],
    ['cidr.test', '203.0.113.14', 'pass', 'a:relay.mail.test/28'],
    ['cidr.test', '203.0.113.17', 'fail', '-all'],
    ['ip6.test', RELAY_IP6, 'pass', 'ip6:2001:db8::/32'],
    ['ip6.test', RELAY_IP, 'fail', '-all'],
    ['redirect.test', RELAY_IP, 'pass', 'ip4:203.0.113.0/28'],
    ['redirect.test', '192.0.2.1', 'softfail', '~all'],
    ['macro.test', RELAY_IP, 'pass', 'exists:%{i}._spf.macro.test'],
    ['macro.test', '203.0.113.6', 'fail', '-all'],
    ['fail.test', RELAY_IP, 'fail', '-all'],
    ['soft.test', RELAY_IP, 'softfail', '~all'],
    ['neutral.test', RELAY_IP, 'neutral', null],
    ['deny.test', RELAY_IP, 'fail', `-ip4:${RELAY_IP}`],
    ['deny.test', '192.0.2.1', 'pass', '+all'],
    ['ptr.test', RELAY_IP, 'fail', '-all'],
    ['nospf.test', RELAY_IP, 'none', null],
    ['nxdomain.test', RELAY_IP, 'none', null],
  ])('%s for %s: %s through %s', async (domain, ip, result, term) => {
    const outcome = await evaluate(domain, ip);
    expect({ result: outcome.result, term: outcome.term, error: outcome.error }).toEqual({
      result,
      term,
      error: null,
    });
  });

  it('matches IPv4-mapped IPv6 addresses as IPv4', async () => {
    const report = await checkWith(server(), { from: 'a@ip4.test', relayIps: [`::ffff:${RELAY_IP}`] });
    expect(finding(report, 'spf').status).toBe('pass');
  });

  it.each([
    ['many.test', 'lookup-limit', /more than 10 DNS lookups/],
    ['loop.test', 'lookup-limit', /more than 10 DNS lookups/],
    ['void.test', 'void-limit', /more than 2 of its lookups found nothing/],
    ['multi.test', 'multiple', /publishes 2 SPF records/],
    ['syntax.test', 'syntax', /"ip4:300.1.1.1" is not valid SPF/],
    ['unknown.test', 'syntax', /"foo:bar" is not valid SPF/],
    ['dangling.test', 'missing-include', /include:nothing-here.test names a domain with no SPF record/],
  ])('%s is a permerror (%s)', async (domain, kind, message) => {
    const outcome = await evaluate(domain);
    expect(outcome.result).toBe('permerror');
    expect(outcome.errorKind).toBe(kind);
    expect(outcome.error && say(outcome.error)).toMatch(message);
  });

  it('counts the DNS lookups: ten includes are allowed, the eleventh is not', async () => {
    const outcome = await evaluate('many.test');
    expect(outcome.lookups).toBe(11);
    const within = await evaluate('include.test');
    expect(within.lookups).toBe(1);
  });
});

describe('SPF finding', () => {
  it('passes via ip4, naming the relay and the term', async () => {
    const spf = finding(await checkWith(server(), { from: 'alerts@ip4.test' }), 'spf');
    expect(spf).toEqual({
      check: 'spf',
      status: 'pass',
      summary:
        'The SPF record of ip4.test authorizes the relay relay.mail.test (203.0.113.5) through "ip4:203.0.113.5".',
      fix: null,
      record: 'v=spf1 ip4:203.0.113.5 -all',
    });
  });

  it('passes via include and via a', async () => {
    const include = finding(await checkWith(server(), { from: 'a@include.test' }), 'spf');
    expect(include.status).toBe('pass');
    expect(include.summary).toContain('through "include:_spf.provider.test"');
    const a = finding(await checkWith(server(), { from: 'a@a.test' }), 'spf');
    expect(a.status).toBe('pass');
    expect(a.summary).toContain('through "a:relay.mail.test"');
  });

  it('fails with -all and proposes the mechanism to add and the resulting record', async () => {
    const spf = finding(await checkWith(server(), { from: 'a@fail.test' }), 'spf');
    expect(spf.status).toBe('fail');
    expect(spf.summary).toBe(
      'The SPF record of fail.test does not allow the relay relay.mail.test (203.0.113.5) to send for it ("-all" matched); receivers will reject or junk its mail.',
    );
    expect(spf.fix).toBe(
      'Add a:relay.mail.test (or ip4:203.0.113.5) to the SPF record of fail.test: "v=spf1 ip4:198.51.100.1 a:relay.mail.test -all".',
    );
    expect(spf.record).toBe('v=spf1 ip4:198.51.100.1 -all');
  });

  it('warns on softfail (~all) and on neutral', async () => {
    const soft = finding(await checkWith(server(), { from: 'a@soft.test' }), 'spf');
    expect(soft.status).toBe('warn');
    expect(soft.summary).toMatch(/softfail, "~all" matched/);
    expect(soft.fix).toContain('"v=spf1 ip4:198.51.100.1 a:relay.mail.test ~all"');
    const neutral = finding(await checkWith(server(), { from: 'a@neutral.test' }), 'spf');
    expect(neutral.status).toBe('warn');
    expect(neutral.summary).toMatch(
      /says nothing about the relay relay.mail.test \(203.0.113.5\) \(neutral\)/,
    );
  });

  it('fails on multiple SPF records (permerror), showing them all', async () => {
    const spf = finding(await checkWith(server(), { from: 'a@multi.test' }), 'spf');
    expect(spf.status).toBe('fail');
    expect(spf.summary).toMatch(/publishes 2 SPF records.*permerror/);
    expect(spf.fix).toMatch(/^Merge them into one TXT record/);
    expect(spf.record?.split('\n')).toHaveLength(2);
  });

  it('fails when the record needs more than 10 DNS lookups', async () => {
    const spf = finding(await checkWith(server(), { from: 'a@many.test' }), 'spf');
    expect(spf.status).toBe('fail');
    expect(spf.summary).toMatch(
      /^The SPF record of many.test is a permanent error \(permerror\): evaluating it needs more than 10 DNS lookups/,
    );
    expect(spf.fix).toMatch(/within 10 DNS lookups/);
  });

  it.each([
    ['syntax.test', 'Correct or remove "ip4:300.1.1.1" in the SPF record of syntax.test.'],
    [
      'dangling.test',
      'Remove "include:nothing-here.test" from the SPF record of dangling.test, or correct its domain.',
    ],
    ['badmacro.test', 'Correct or remove "%{z}.example.test" in the SPF record of badmacro.test.'],
    [
      'badredirect.test',
      'Remove "redirect=nothing-here.test" from the SPF record of badredirect.test, or correct its domain.',
    ],
    ['void.test', 'Remove the mechanisms of the SPF record of void.test that name domains without records.'],
  ])('fails on a broken record (%s), naming the term to fix', async (domain, fix) => {
    const spf = finding(await checkWith(server(), { from: `a@${domain}` }), 'spf');
    expect(spf.status).toBe('fail');
    expect(spf.summary).toMatch(/permanent error \(permerror\)/);
    expect(spf.fix).toBe(fix);
  });

  it('warns when there is no SPF record, with a record to publish', async () => {
    const spf = finding(await checkWith(server(), { from: 'a@nospf.test' }), 'spf');
    expect(spf.status).toBe('warn');
    expect(spf.record).toBeNull();
    expect(spf.fix).toBe('Publish a TXT record at nospf.test: "v=spf1 a:relay.mail.test ~all".');
  });

  it('says which address of a dual-stack relay is not authorized', async () => {
    const spf = finding(
      await checkWith(server(), { from: 'a@v4only.test', relayHost: 'dual.mail.test' }),
      'spf',
    );
    expect(spf.status).toBe('fail');
    expect(spf.summary).toContain('the relay dual.mail.test (2001:db8::5)');
    expect(spf.summary).toContain('(203.0.113.5 passes)');
    expect(spf.fix).toContain('ip6:2001:db8::5');
  });

  it('evaluates the addresses given instead of resolving the relay', async () => {
    const spf = finding(await checkWith(server(), { from: 'a@ip6.test', relayIps: [RELAY_IP6] }), 'spf');
    expect(spf.status).toBe('pass');
    expect(spf.summary).toContain('(2001:db8::5)');
  });

  it("suggests a hosted relay's include", async () => {
    const spf = finding(
      await checkWith(server(), {
        from: 'a@gmail-user.test',
        relayHost: 'smtp.gmail.com',
        relayIps: ['192.0.2.77'],
      }),
      'spf',
    );
    expect(spf.status).toBe('fail');
    expect(spf.fix).toBe(
      'Add include:_spf.google.com to the SPF record of gmail-user.test: "v=spf1 ip4:198.51.100.1 include:_spf.google.com -all".',
    );
  });

  it('asks to remove a term that denies the relay', async () => {
    const spf = finding(await checkWith(server(), { from: 'a@deny.test' }), 'spf');
    expect(spf.status).toBe('fail');
    expect(spf.fix).toMatch(/^Remove "-ip4:203.0.113.5" from the SPF record of deny.test/);
  });

  it('does not judge a relay reached at a private address', async () => {
    const spf = finding(await checkWith(server(), { from: 'a@fail.test', relayIps: ['127.0.0.1'] }), 'spf');
    expect(spf.status).toBe('info');
    expect(spf.summary).toMatch(/private address/);
  });

  it('checks the envelope sender domain, which receivers check', async () => {
    const report = await checkWith(server(), { from: 'a@fail.test', envelopeFrom: 'bounce@ip4.test' });
    expect(finding(report, 'spf').status).toBe('pass');
    expect(finding(report, 'spf').summary).toContain('SPF record of ip4.test');
  });

  it('warns when the relay host does not resolve', async () => {
    const spf = finding(
      await checkWith(server(), { from: 'a@ip4.test', relayHost: 'nowhere.mail.test' }),
      'spf',
    );
    expect(spf.status).toBe('warn');
    expect(spf.summary).toBe(
      'The relay nowhere.mail.test has no address in DNS, so whether the SPF record of ip4.test authorizes the relay was not checked.',
    );
    expect(spf.record).toBe('v=spf1 ip4:203.0.113.5 -all');
  });

  it('looks up each name and type once per check, however many addresses are evaluated', async () => {
    const before = server().queries.length;
    await checkWith(server(), { from: 'a@include.test', relayHost: 'dual.mail.test' });
    const asked = server()
      .queries.slice(before)
      .map((q) => `${q.type} ${q.name}`);
    expect(asked.filter((q) => q === 'TXT _spf.provider.test')).toHaveLength(1);
    expect(new Set(asked).size).toBe(asked.length);
  });
});
