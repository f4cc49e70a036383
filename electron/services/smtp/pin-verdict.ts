/**
 * TLS_PIN_MISMATCH with its evidence. A run whose profile pinned a certificate and that
 * failed on the server's certificate gets a read-only second look at the chain (runs.ts);
 * when that chain holds none of the pins, the verdict is TLS_PIN_MISMATCH, whatever else
 * was wrong with the certificate, and its fix names the pinned and the presented SHA-256
 * fingerprints. The UI offers to look at the new certificate (Fetch and trust…).
 */
import { createTranslator, type Language } from '../i18n';
import type { RunReport, TlsInfo } from './report';
import { pinFingerprints } from './tls-options';

export function withPinVerdict(
  report: RunReport,
  host: string,
  pins: readonly string[],
  presented: TlsInfo | null,
  language: Language = 'en',
): RunReport {
  const leaf = presented?.chain[0];
  if (!pins.length || report.ok || !leaf) return report;
  if (!report.code.startsWith('TLS_CERT_') && report.code !== 'TLS_PIN_MISMATCH') return report;
  const pinned = pinFingerprints(pins);
  if (presented.chain.some((cert) => pinned.includes(cert.fingerprint256))) return report;
  const t = createTranslator(language);
  return {
    ...report,
    code: 'TLS_PIN_MISMATCH',
    summary: t('diagnosis.TLS_PIN_MISMATCH.fingerprints.summary', { host }),
    fix: {
      text: t('diagnosis.TLS_PIN_MISMATCH.fingerprints.fix', {
        pinned: pinned.join(', '),
        presented: leaf.fingerprint256,
      }),
      settings: {},
    },
  };
}
