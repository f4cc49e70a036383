/**
 * Trusted certificates against the rig's real Postfix, from a machine that does not trust
 * the rig's CA (the services in a child process, the CLI, both without NODE_EXTRA_CA_CERTS):
 * refused as untrusted, with the refused chain shown; trusted once the CA file is imported,
 * or once the chain is fetched from the server and pinned. And a pin restricts: once the
 * profile pins Postfix's certificate, a different one — even one the machine trusts —
 * fails with TLS_PIN_MISMATCH naming both fingerprints.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchServerChain } from '../../../electron/services/tls-material';
import { makeServerCert, type ServerCert } from '../../fixtures/make-pki';
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
    // Node's code (as a run that got through the handshake keeps it); its sentence is said where it is shown.
    expect(refused.tls?.authorizationError).toMatch(
      /^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/,
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

/** Postfix presents the submission port's certificate: until it is `fingerprint256` (after a reload). */
async function presents(fingerprint256: string): Promise<void> {
  for (let tries = 0; tries < 50; tries++) {
    const { chain } = await fetchServerChain({
      host: 'localhost',
      port: rig.ports.submission,
      security: 'starttls',
      timeoutMs: 3000,
    });
    if (chain[0]?.fingerprint256 === fingerprint256) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`Postfix does not present ${fingerprint256}`);
}

function reloadPostfix(): void {
  const { MAIL_CONFIG: _ignored, ...env } = process.env;
  const reload = spawnSync('postfix', ['-c', join(rig.dir, 'postfix', 'etc'), 'reload'], { env });
  if (reload.status !== 0) throw new Error(`postfix reload failed: ${String(reload.stderr)}`);
}

/**
 * Runs `check` while Postfix presents another certificate for the same names, issued by the
 * rig's own CA (so every other test, which trusts that CA, still passes), then puts the
 * original back.
 */
async function withSwappedCertificate(check: (swapped: ServerCert) => Promise<void>): Promise<void> {
  const tls = join(rig.dir, 'tls');
  const rigCa = {
    name: 'Mail Preflight Test Rig CA',
    dir: mkdtempSync(join(tmpdir(), 'rig-ca-')),
    certPath: rig.caFile,
    keyPath: join(tls, 'ca.key'),
    certPem: rig.caPem,
    keyPem: readFileSync(join(tls, 'ca.key'), 'utf8'),
    fingerprint256: new X509Certificate(rig.caPem).fingerprint256,
  };
  const swapped = makeServerCert(rigCa, { names: [rig.serverName, 'localhost'] });
  const original = {
    cert: readFileSync(join(tls, 'server.pem')),
    key: readFileSync(join(tls, 'server.key')),
  };
  try {
    writeFileSync(join(tls, 'server.key'), swapped.keyPem);
    writeFileSync(join(tls, 'server.pem'), swapped.certPem);
    reloadPostfix();
    await presents(swapped.fingerprint256);
    await check(swapped);
  } finally {
    writeFileSync(join(tls, 'server.key'), original.key);
    writeFileSync(join(tls, 'server.pem'), original.cert);
    reloadPostfix();
    await presents(rigServer.fingerprint256);
  }
}

describe('a pinned certificate is the only trust for its profile', () => {
  it('Postfix with a swapped certificate (from a CA the profile trusts) fails TLS_PIN_MISMATCH with both fingerprints', async () => {
    // A machine that does not trust the rig's CA pins the certificate Postfix presents (the
    // leaf: the server sends no root). The profile also trusts the rig's CA file, so without
    // the pin restricting it, any certificate that CA issues would pass.
    const services = untrustingServices();
    const caId = await trustFile(services, rig.caFile);
    const fetched = await services.certificates.fetchChain({
      host: 'localhost',
      port: rig.ports.submission,
      security: 'starttls',
    });
    const pinned = await services.certificates.pin(fetched.token);
    expect(pinned.certificate.fingerprint256).toBe(rigServer.fingerprint256);
    const profile = await submissionProfile(services, [caId, pinned.id]);
    const caOnly = await services.profiles.create(
      profileFields({
        name: 'Rig submission, CA only',
        host: 'localhost',
        port: rig.ports.submission,
        security: 'starttls',
        username: rig.user.username,
        from: rig.user.address,
        trustedCertificateIds: [caId],
      }),
      rig.user.password,
    );
    expect(await send(services, profile.id, rig.user.address)).toMatchObject({ code: 'OK' });

    await withSwappedCertificate(async (swapped) => {
      // The CA the profile trusts issued the new certificate: without the pin it passes.
      expect(await send(services, caOnly.id, rig.user.address)).toMatchObject({ code: 'OK' });

      const refused = await send(services, profile.id, rig.user.address);
      expect(refused).toMatchObject({ verdict: 'failed', code: 'TLS_PIN_MISMATCH', phase: 'starttls' });
      expect(refused.summary).toBe('The certificate of localhost is not the one pinned for this profile.');
      expect(refused.fix?.text).toContain(`where SHA-256 ${rigServer.fingerprint256} is pinned`);
      expect(refused.fix?.text).toContain(`now presents SHA-256 ${swapped.fingerprint256}`);
      expect(refused.tls?.chain[0]?.fingerprint256).toBe(swapped.fingerprint256);
      expect(refused.transcript.some((line) => line.line.startsWith('AUTH'))).toBe(false);
    });

    // The original certificate is back: the pinned profile sends again.
    expect(await send(services, profile.id, rig.user.address)).toMatchObject({ code: 'OK' });
  });
});
