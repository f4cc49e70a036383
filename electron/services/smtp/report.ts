/**
 * The report of one test run: the CLI's `--json` object (a public contract in DESIGN.md:
 * add fields, never rename one), the log entry's body and the IPC result of a send.
 * Types only, so that the renderer can import it.
 */
import type { DnsCheckReport } from '../dns-check/types';
import type { DeliveryReport } from '../delivery/types';
import type { Fix } from '../diagnosis/codes';
import type { Sentence } from '../i18n/sentence';

export type { Fix };

export const PHASES = [
  'dns',
  'connect',
  'tls',
  'greeting',
  'ehlo',
  'starttls',
  'auth',
  'mail',
  'rcpt',
  'data',
  'delivery',
] as const;
export type Phase = (typeof PHASES)[number];

export type Verdict = 'delivered' | 'accepted' | 'failed';

export interface ServerResponse {
  code: number;
  enhanced: string | null;
  text: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  subjectAltNames: string[];
}

export interface TlsInfo {
  protocol: string;
  cipher: string;
  authorized: boolean;
  authorizationError: string | null;
  chain: CertificateInfo[];
}

export interface TranscriptLine {
  dir: 'C' | 'S';
  line: string;
}

export type PhaseState = 'running' | 'ok' | 'failed' | 'skipped';

export interface PhaseRecord {
  phase: Phase;
  state: Exclude<PhaseState, 'running'>;
  ms: number;
}

export interface RunReport {
  ok: boolean;
  verdict: Verdict;
  /** 'OK' or a diagnosis code of DESIGN.md. */
  code: string;
  phase: Phase | null;
  summary: string;
  fix: Fix | null;
  server: {
    banner: string | null;
    capabilities: string[];
    response: ServerResponse | null;
  };
  tls: TlsInfo | null;
  timings: Partial<Record<Phase, number>> & { total: number };
  messageId: string | null;
  queueId: string | null;
  transcript: TranscriptLine[];
  /** The From domain's DNS check, when it was asked for (advice: it does not change the verdict). */
  dns?: DnsCheckReport | null;
  /** What the recipient's mailbox showed, when delivery was verified. */
  delivery?: DeliveryReport | null;
  /** Sentences worth knowing beside the verdict, e.g. a host that only works inside a vendor's cloud. */
  warnings?: string[];
  /** The same warnings as catalogue sentences, for a reader of another language (when the run made them so). */
  warningSentences?: Sentence[];
  /** A change worth making even though the run passed (a password on Microsoft 365 → OAuth2): one click in the UI. */
  advice?: Fix | null;
  /** How the run logged in, when it did: the SASL mechanism, and for OAuth2 whether the token was refreshed for it. */
  auth?: { mechanism: string; oauth2: boolean; tokenRefreshed: boolean } | null;
}

/** What the log keeps of a run: the report plus who, where and when. */
export interface RunRecord extends RunReport {
  id: string;
  startedAt: string;
  profileId: string | null;
  profileName: string;
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  to: string;
  /** True for an envelope-only check (stopped after RCPT). */
  dryRun: boolean;
  phases: PhaseRecord[];
}

/** Progress of a run as it happens (main → renderer event, CLI progress lines). */
export interface RunProgress {
  runId: string;
  phase: Phase;
  state: PhaseState;
  ms: number | null;
}
