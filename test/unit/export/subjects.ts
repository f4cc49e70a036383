/** Export subjects for the format tests: one per security mode, each with what that mode's tests are about. */
import type { ExportSubject } from '../../../electron/services/export';
import type { Security } from '../../../electron/services/settings/profile';

/** A password that must never appear in an export made without --include-secrets. */
export const CANARY = 'canary-7f3e#;"\'\\ pässword';

const base: ExportSubject = {
  profileName: 'Production relay',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  anonymous: false,
  username: 'relay@example.com',
  from: 'noreply@example.com',
  replyTo: '',
  clientKey: null,
  trustedCertificates: [],
  lastRun: { verdict: 'accepted', code: 'OK', startedAt: '2026-12-06T09:40:12.000Z' },
  password: null,
};

/** none: an anonymous relay on port 25; starttls: a login on 587 with Reply-To and a trusted CA; tls: 465 with a client key. */
export const SUBJECTS: Record<Security, ExportSubject> = {
  none: {
    ...base,
    profileName: 'Office relay',
    host: 'relay.internal.example',
    port: 25,
    security: 'none',
    anonymous: true,
    username: '',
  },
  starttls: { ...base, replyTo: 'help@example.com', trustedCertificates: ['corp-ca.pem'] },
  tls: {
    ...base,
    port: 465,
    security: 'tls',
    clientKey: 'client.p12',
    lastRun: { verdict: 'failed', code: 'AUTH_FAILED', startedAt: '2026-12-05T18:02:00.000Z' },
  },
};

export const MODES = Object.keys(SUBJECTS) as Security[];
