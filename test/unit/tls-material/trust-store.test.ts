/**
 * TrustStore: importing PEM (one or a bundle) and DER certificates, duplicates by
 * fingerprint, bad files (each one sentence, nothing stored), and the PEMs runs get.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { caPemsFromFile, TrustStore } from '../../../electron/services/tls-material';
import { shortFingerprint } from '../../../electron/services/tls-material/certificate-summary';
import { MESSAGES } from '../../../electron/services/tls-material/messages';
import type { ImportFile } from '../../../electron/services/tls-material/types';
import {
  type Ca,
  makeCa,
  makeSelfSignedCert,
  makeServerCert,
  type ServerCert,
} from '../../fixtures/make-pki';
import { expectAppError, jpegBytes, modes, snapshot, useDataDir } from './support';
import { say, type Sentence } from '../../../electron/services/i18n';

let ca: Ca;
let server: ServerCert;
let selfSigned: ServerCert;

beforeAll(() => {
  ca = makeCa();
  server = makeServerCert(ca, { names: ['mail.example.test'] });
  selfSigned = makeSelfSignedCert({ names: ['localhost'] });
}, 60_000);

const idOf = (pem: string) =>
  new X509Certificate(pem).fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase();
const pemFile = (name: string, text: string): ImportFile => ({ name, bytes: Buffer.from(text) });
const derOf = (pem: string) => execFileSync('openssl', ['x509', '-outform', 'DER'], { input: pem });

describe('TrustStore.importFile', () => {
  it('stores one PEM certificate under its fingerprint id, owner-only', async () => {
    const dataDir = useDataDir();
    const trust = new TrustStore(dataDir);
    const [stored, ...rest] = await trust.importFile(pemFile('company-ca.pem', ca.certPem));
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({
      id: idOf(ca.certPem),
      source: 'file',
      sourceDetail: 'company-ca.pem',
      certificate: { fingerprint256: ca.fingerprint256, isCA: true, selfSigned: true, expiry: 'ok' },
    });
    expect(stored!.certificate.subject).toContain(`CN=${ca.name}`);
    expect(modes(dataDir)).toEqual([
      'trusted/ 700',
      `trusted/${stored!.id}.json 600`,
      `trusted/${stored!.id}.pem 600`,
    ]);
    expect(await trust.list()).toEqual([stored]);
    expect(await trust.get(stored!.id)).toEqual(stored);
    expect(await trust.pems([stored!.id])).toEqual([new X509Certificate(ca.certPem).toString()]);
    // A restart reads the same.
    expect(await new TrustStore(dataDir).list()).toEqual([stored]);
  });

  it('takes every certificate of a bundle, skips those already trusted, and refuses a file of duplicates only', async () => {
    const dataDir = useDataDir();
    const trust = new TrustStore(dataDir);
    const first = await trust.importFile(pemFile('server.pem', server.certPem));
    expect(first).toHaveLength(1);

    const bundle = pemFile(
      'bundle.pem',
      `# a comment line\n${server.certPem}\n${ca.certPem}${selfSigned.certPem}`,
    );
    const added = await trust.importFile(bundle);
    expect(added.map((entry) => entry.id)).toEqual([idOf(ca.certPem), idOf(selfSigned.certPem)]);
    expect((await trust.list()).map((entry) => entry.id).sort()).toEqual(
      [idOf(server.certPem), idOf(ca.certPem), idOf(selfSigned.certPem)].sort(),
    );

    const before = snapshot(dataDir);
    await expectAppError(trust.importFile(bundle), MESSAGES.allAlreadyTrusted(3));
    await expectAppError(
      trust.importFile(pemFile('again.pem', ca.certPem)),
      MESSAGES.alreadyTrusted(shortFingerprint(ca.fingerprint256)),
    );
    expect(say(MESSAGES.alreadyTrusted(shortFingerprint(ca.fingerprint256)))).toMatch(
      /^This certificate is already trusted \(SHA-256 ([0-9A-F]{2}:){7}[0-9A-F]{2}…\)\.$/,
    );
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('reads a DER certificate, and knows it again as a duplicate of its PEM', async () => {
    const trust = new TrustStore(useDataDir());
    const [stored] = await trust.importFile({ name: 'server.cer', bytes: derOf(server.certPem) });
    expect(stored!.certificate.fingerprint256).toBe(server.fingerprint256);
    expect(stored!.certificate.subjectAltNames).toEqual(['DNS:mail.example.test']);
    await expectAppError(
      trust.importFile(pemFile('server.pem', server.certPem)),
      MESSAGES.alreadyTrusted(shortFingerprint(server.fingerprint256)),
    );
  });

  it('refuses files that are not certificates, each with one sentence, storing nothing', async () => {
    const dataDir = useDataDir();
    const trust = new TrustStore(dataDir);
    await trust.importFile(pemFile('ca.pem', ca.certPem));
    const before = snapshot(dataDir);
    const der = derOf(server.certPem);
    const cases: Array<[ImportFile, Sentence]> = [
      [{ name: 'photo.jpg', bytes: jpegBytes() }, MESSAGES.notACertificate],
      [{ name: 'empty.pem', bytes: Buffer.alloc(0) }, MESSAGES.notACertificate],
      [pemFile('key.pem', server.keyPem), MESSAGES.noCertificateInPem],
      [{ name: 'cut.cer', bytes: der.subarray(0, der.length - 40) }, MESSAGES.certificateDamaged],
      [pemFile('cut.pem', server.certPem.slice(0, server.certPem.length - 200)), MESSAGES.certificateDamaged],
      [
        pemFile('broken.pem', server.certPem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\nAAAA\n')),
        MESSAGES.certificateDamaged,
      ],
    ];
    for (const [file, message] of cases) {
      await expectAppError(trust.importFile(file), message);
      expect(snapshot(dataDir), file.name).toEqual(before);
    }
  });
});

describe('TrustStore: ids', () => {
  it('pems(), get() and delete() say NOT_FOUND for unknown ids; delete removes both files', async () => {
    const dataDir = useDataDir();
    const trust = new TrustStore(dataDir);
    const [stored] = await trust.importFile(pemFile('ca.pem', ca.certPem));
    await expectAppError(trust.pems([stored!.id, 'ffffffffffffffff']), MESSAGES.trustedNotFound, 'NOT_FOUND');
    await expectAppError(trust.get('../keystores'), MESSAGES.trustedNotFound, 'NOT_FOUND');
    await trust.delete(stored!.id);
    expect(snapshot(dataDir)).toEqual(['trusted/']);
    await expectAppError(trust.get(stored!.id), MESSAGES.trustedNotFound, 'NOT_FOUND');
    await expectAppError(trust.delete(stored!.id), MESSAGES.trustedNotFound, 'NOT_FOUND');
    expect(await trust.pems([])).toEqual([]);
  });
});

describe("caPemsFromFile (the CLI's --ca: a file used in place)", () => {
  it('gives every certificate of a bundle or a DER file as PEM, and the same sentences for bad files', () => {
    expect(caPemsFromFile(Buffer.from(server.certPem + ca.certPem)).map(idOf)).toEqual([
      idOf(server.certPem),
      idOf(ca.certPem),
    ]);
    expect(caPemsFromFile(derOf(ca.certPem))).toEqual([new X509Certificate(ca.certPem).toString()]);
    expect(() => caPemsFromFile(jpegBytes())).toThrow(say(MESSAGES.notACertificate));
  });
});
