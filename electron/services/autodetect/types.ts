/**
 * Autodetect's public types: what the IPC contract, the CLI and the UI see. Pure types, no
 * Node: the renderer may import them.
 */
import type { Security } from '../settings/profile';

export type { Security };

export interface Candidate {
  host: string;
  port: number;
  /** For a probe that answered: the mode the port was found to speak; otherwise the mode it was tried with. */
  security: Security;
  /** preset: the address's domain is a known provider; mx: the domain's MX records point to one; probe: a server answered (or not) here. */
  source: 'preset' | 'mx' | 'probe';
  presetId?: string;
  /** Known settings (preset, mx), or a probe that answered with a working SMTP session. */
  ok: boolean;
  /** How long the probe took; null for known settings (not probed). */
  ms: number | null;
  /** One sentence: what was found here, and why this candidate won or lost. */
  reason: string;
  /** EHLO keywords of the session as it would be used (after STARTTLS or over implicit TLS). */
  capabilities?: string[];
  /** The probe's diagnosis code (OK, CONNECTION_REFUSED, GREETING_TIMEOUT, ...). */
  code?: string;
}

export interface AutodetectReport {
  /** The input as given. */
  input: string;
  /** Its domain: ASCII, lower case. */
  domain: string;
  /** Best first: known settings (preset, then MX), then probes that answered (ranked), then the ones that failed (in the order tried). */
  candidates: Candidate[];
  /** The first candidate when it is usable, else null. */
  best: Candidate | null;
  /**
   * The MX step: the exchanges found (by priority), or why there were none. null when the
   * step did not run (the domain is a bundled preset's).
   */
  mx: { hosts: string[]; error: string | null } | null;
  /** Milliseconds; mx and probes only when those steps ran. */
  timings: { total: number; mx?: number; probes?: number };
}
