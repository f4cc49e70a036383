/**
 * The certificate summary every list shows: the same CertificateInfo as a run's chain,
 * plus self-signed/CA, key type and size, client authentication and the expiry state.
 */
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clientCertificateWarnings,
  expiryState,
  fingerprintId,
  summarizeCertificate,
} from '../../../electron/services/tls-material/certificate-summary';
import { describeProblems } from '../../../electron/services/tls-material/fetch-chain';
import { createTranslator, say, type Language, type Sentence } from '../../../electron/services/i18n';
import { describeCertificate } from '../../../electron/services/smtp/tls-info';
import { type Ca, makeCa, makeClientCert, makeSelfSignedCert, makeServerCert } from '../../fixtures/make-pki';

let ca: Ca;
beforeAll(() => {
  ca = makeCa();
}, 60_000);

const x509 = (pem: string) => new X509Certificate(pem);

describe('summarizeCertificate', () => {
  it('matches the run report for the shared fields, and adds the rest', () => {
    const server = makeServerCert(ca, { names: ['mail.example.test', '192.0.2.7'], keyType: 'ec' });
    const cert = x509(server.certPem);
    const summary = summarizeCertificate(cert);
    expect(summary).toEqual({
      ...describeCertificate(cert.toLegacyObject()),
      selfSigned: false,
      isCA: false,
      keyType: 'EC',
      keySize: 256,
      clientAuth: false, // EKU serverAuth only
      expiry: 'ok',
    });
    expect(summary.subjectAltNames).toEqual(['DNS:mail.example.test', 'IP Address:192.0.2.7']);
    expect(summary.fingerprint256).toBe(server.fingerprint256);
    expect(summary.subject).toBe('CN=mail.example.test');
    expect(summary.issuer).toBe(`CN=${ca.name}, O=Mail Preflight Tests`);
  });

  it('knows a CA, a self-signed certificate, RSA sizes and client authentication', () => {
    expect(summarizeCertificate(x509(ca.certPem))).toMatchObject({
      isCA: true,
      selfSigned: true,
      keyType: 'RSA',
      keySize: 2048,
      clientAuth: true, // no EKU at all
    });
    const selfSigned = makeSelfSignedCert({ names: ['localhost'] });
    expect(summarizeCertificate(x509(selfSigned.certPem))).toMatchObject({ isCA: false, selfSigned: true });
    const client = makeClientCert(ca, { format: 'pem' });
    expect(summarizeCertificate(x509(client.certPem))).toMatchObject({ clientAuth: true, selfSigned: false });
  });

  it('expiry: ok, soon (within 30 days), expired, not yet valid', () => {
    const day = 24 * 3600_000;
    const from = new Date('2030-01-01T00:00:00Z');
    const to = new Date('2031-01-01T00:00:00Z');
    expect(expiryState(from, to, new Date(from.getTime() - 1))).toBe('not-yet-valid');
    expect(expiryState(from, to, new Date(to.getTime() - 31 * day))).toBe('ok');
    expect(expiryState(from, to, new Date(to.getTime() - 30 * day))).toBe('soon');
    expect(expiryState(from, to, to)).toBe('soon');
    expect(expiryState(from, to, new Date(to.getTime() + 1))).toBe('expired');
  });

  it('warnings read as sentences, most serious first', () => {
    const expired = summarizeCertificate(
      x509(makeClientCert(ca, { format: 'pem', expired: true, clientAuth: false }).certPem),
    );
    expect(clientCertificateWarnings(expired).map((warning) => say(warning))).toEqual([
      'This certificate expired on 2020-01-02; it is imported, but runs will flag it.',
      'This certificate does not allow client authentication (its extended key usage leaves it out), so servers may refuse it.',
    ]);
    const fine = summarizeCertificate(x509(makeClientCert(ca, { format: 'pem' }).certPem));
    expect(clientCertificateWarnings(fine)).toEqual([]);
  });

  it('the trust-store id is the first 16 hex digits of the SHA-256 fingerprint', () => {
    expect(fingerprintId('AB:CD:EF:01:23:45:67:89:AA:BB')).toBe('abcdef0123456789');
  });
});

describe('describeProblems', () => {
  const words = (problems: Sentence[], language: Language = 'en') =>
    problems.map((problem) => say(problem, createTranslator(language)));

  it('gives every reason its own sentence', () => {
    const expired = makeServerCert(ca, { names: ['other.example'], expired: true });
    const chain = [x509(expired.certPem), x509(ca.certPem)];
    const problems = describeProblems(chain, 'SELF_SIGNED_CERT_IN_CHAIN', 'mail.example.test');
    expect(words(problems)).toEqual([
      "The server's certificate is issued by a private CA whose root is not trusted here.",
      "The server's certificate expired on 2020-01-02.",
      "The server's certificate does not name mail.example.test (it is issued for other.example).",
    ]);
    expect(words(problems, 'ja')).toEqual([
      'サーバーの証明書は、ルート証明書がこのコンピューターで信頼されていないプライベート認証局が発行したものです。',
      'サーバーの証明書は 2020-01-02 に期限切れになりました。',
      'サーバーの証明書には mail.example.test が含まれていません（発行先：other.example）。',
    ]);
    const valid = makeServerCert(ca, { names: ['mail.example.test'] });
    expect(words(describeProblems([x509(valid.certPem)], 'SOMETHING_NEW', 'mail.example.test'))).toEqual([
      "The server's certificate is not trusted (SOMETHING_NEW).",
    ]);
  });
});
