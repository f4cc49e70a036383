/**
 * A DNS server that never answers: every lookup becomes a 'warn' finding once its timeout
 * passes, and the whole check ends within the timeout plus half a second, never hanging.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkFromDomain } from '../../../electron/services/dns-check';
import { startDnsServer, type DnsServer } from '../../support/dns-server';
import { finding, RELAY, ZONE } from './zone';

let server: DnsServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('lookup timeout', () => {
  it('turns every unanswered lookup into a warning within timeout + 0.5 s', async () => {
    // The resolver itself would wait 10 s: the check's own timeout must end it.
    server = await startDnsServer({}, { silent: true, resolverTimeoutMs: 10_000 });
    const timeoutMs = 800;
    const started = performance.now();
    const report = await checkFromDomain({
      from: 'alerts@good.test',
      relayHost: RELAY,
      dkimSelector: 'sel1',
      resolver: server.resolver,
      timeoutMs,
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(timeoutMs + 500);
    for (const check of ['mx', 'spf', 'dmarc', 'dkim'] as const) {
      const result = finding(report, check);
      expect(result.status, check).toBe('warn');
      expect(result.summary, check).toContain('timed out after 800 ms');
      expect(result.fix, check).toMatch(/DNS resolver answers/);
    }
    expect(server.queries.length).toBe(0); // silent: not even recorded as answered
  });

  it('times out one lookup and answers the others', async () => {
    server = await startDnsServer({ ...ZONE, '_dmarc.good.test': { silent: true } });
    const started = performance.now();
    const report = await checkFromDomain({
      from: 'alerts@good.test',
      relayHost: RELAY,
      resolver: server.resolver,
      timeoutMs: 600,
    });
    expect(performance.now() - started).toBeLessThan(1100);
    expect(finding(report, 'dmarc')).toMatchObject({
      status: 'warn',
      summary:
        'The DMARC lookup of _dmarc.good.test timed out after 600 ms, so the DMARC policy of good.test was not read.',
      record: null,
    });
    expect(finding(report, 'mx').status).toBe('pass');
    expect(finding(report, 'spf').status).toBe('pass');
  });

  it('reports a relay lookup that times out as a warning', async () => {
    server = await startDnsServer({ ...ZONE, [RELAY]: { silent: true } });
    const report = await checkFromDomain({
      from: 'alerts@ip4.test',
      relayHost: RELAY,
      resolver: server.resolver,
      timeoutMs: 500,
    });
    expect(finding(report, 'spf')).toMatchObject({
      status: 'warn',
      summary:
        'The address lookup of the relay relay.mail.test timed out after 500 ms, so whether the SPF record of ip4.test authorizes the relay was not checked.',
    });
  });
});
