/**
 * Trusted certificates against the rig's real Postfix, from a machine that does not trust
 * the rig's CA (the services in a child process, the CLI, both without NODE_EXTRA_CA_CERTS):
 * refused as untrusted, with the refused chain shown; trusted once the CA file is imported,
 * or once the chain is fetched from the server and pinned.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRig } from '../../rig/inject';
import { profileFields } from '../../support/temp-services';
import { runCli, send, servicesChild, servicesForTest, trustFile, type AnyServices } from './support';
import { say } from '../../../electron/services/i18n';

const rig = getRig();
/** The certificate Postfix presents (rig.ts writes it next to the CA). */
const rigServer = new X509Certificate(readFileSync(join(rig.dir, 'tls', 'server.pem')));

/** The services over a fresh data folder, in a process that does not trust the rig's CA. */
function untrustingServices(): AnyServices {
  return servicesChild(servicesForTest().dataDir).services;
}

/** alice's profile on the submission port (STARTTLS), by the name in the certificate. */
const submissionProfile = (services: AnyServices, trustedCertificateIds: string[] = []) =>
  services.profiles.create(
    profileFields({
      name: 'Rig submission',
      host: 'localhost',
      port: rig.ports.submission,
      security: 'starttls',
      username: rig.user.username,
      from: rig.user.address,
      trustedCertificateIds,
    }),
    rig.user.password,
  );

describe("the rig's Postfix, on a machine that does not trust its CA", () => {
  it('is refused as untrusted, showing the refused chain, until its CA file is imported', async () => {
    const services = untrustingServices();
    const profile = await submissionProfile(services);

    const refused = await send(services, profile.id, rig.user.address);
    expect(refused).toMatchObject({ verdict: 'failed', code: 'TLS_CERT_UNTRUSTED', phase: 'starttls' });
    expect(refused.fix?.text).toMatch(/import its certificate under Trusted certificates/);
    expect(refused.tls).toMatchObject({ authorized: false });
    expect(refused.tls?.authorizationError).toMatch(
      /^The server's certificate .*(private CA|unknown issuer)/,
    );
    expect(refused.tls?.chain[0]).toMatchObject({ fingerprint256: rigServer.fingerprint256 });
    expect(refused.tls?.chain[0]?.subject).toContain('mail.rig.test');
    expect(refused.tls?.chain[0]?.issuer).toContain('Mail Preflight Test Rig CA');
    // The log entry shows the same handshake details.
    expect((await services.log.get(refused.id)).tls).toEqual(refused.tls);

    const caId = await trustFile(services, rig.caFile);
    await services.profiles.update(profile.id, { ...profile, trustedCertificateIds: [caId] });
    const trusted = await send(services, profile.id, rig.user.address);
    expect(trusted).toMatchObject({ verdict: 'accepted', code: 'OK' });
    expect(trusted.tls).toMatchObject({ authorized: true, authorizationError: null });
    expect(trusted.tls?.chain[0]?.fingerprint256).toBe(rigServer.fingerprint256);
  });

  it('is trusted once its chain is fetched from the server and pinned', async () => {
    const services = untrustingServices();
    const fetched = await services.certificates.fetchChain({
      host: 'localhost',
      port: rig.ports.submission,
      security: 'starttls',
    });
    expect(fetched).toMatchObject({ host: 'localhost', port: rig.ports.submission, authorized: false });
    expect(fetched.problems.map((problem) => say(problem)).join(' ')).toMatch(
      /^The server's certificate .*(private CA|unknown issuer)/,
    );
    expect(fetched.chain[0]).toMatchObject({ fingerprint256: rigServer.fingerprint256 });
    expect(fetched.chain[0]?.subjectAltNames).toEqual(
      expect.arrayContaining(['DNS:mail.rig.test', 'DNS:localhost']),
    );

    const pinned = await services.certificates.pin(fetched.token);
    expect(pinned).toMatchObject({ source: 'server', sourceDetail: `localhost:${rig.ports.submission}` });
    expect((await services.certificates.listTrusted()).map((t) => t.id)).toEqual([pinned.id]);

    const profile = await submissionProfile(services, [pinned.id]);
    const record = await send(services, profile.id, rig.user.address);
    expect(record).toMatchObject({ verdict: 'accepted', code: 'OK', tls: { authorized: true } });
  });

  it('mail-preflight test passes with --ca <rig CA> and fails TLS_CERT_UNTRUSTED (exit 1) without it', async () => {
    const temp = servicesForTest();
    const args = [
      'test',
      '--host',
      'localhost',
      '--port',
      String(rig.ports.submission),
      '--security',
      'starttls',
      '--user',
      rig.user.username,
      '--password-env',
      'SMTP_PW',
      '--from',
      rig.user.address,
      '--to',
      rig.user.address,
      '--json',
    ];
    const env = { SMTP_PW: rig.user.password };
    const without = await runCli(args, temp.dataDir, env);
    expect(without.status).toBe(1);
    const refused = JSON.parse(without.stdout);
    expect(refused).toMatchObject({
      ok: false,
      code: 'TLS_CERT_UNTRUSTED',
      phase: 'starttls',
      tls: { authorized: false },
    });
    expect(refused.tls.chain[0].fingerprint256).toBe(rigServer.fingerprint256);

    const withCa = await runCli([...args, '--ca', rig.caFile], temp.dataDir, env);
    expect(withCa.stderr).toBe('');
    expect(withCa.status).toBe(0);
    expect(JSON.parse(withCa.stdout)).toMatchObject({
      ok: true,
      verdict: 'accepted',
      tls: { authorized: true },
    });
  });
});
