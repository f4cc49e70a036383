/**
 * IMAP port and protocol rules for the delivery check, the counterpart of the SMTP ones in
 * profile/portAdvice.ts: the port follows a protocol switch when it was a usual IMAP port,
 * and 993 with a plain start (or 143 with IMAPS) is worth a warning before any run.
 */
import { USUAL_IMAP_PORT, type Security } from '../../../electron/services/settings/profile';

const USUAL_PORTS = new Set(Object.values(USUAL_IMAP_PORT));

/** The port after switching protocol: 993 ↔ 143 follow the switch, any other port stays. */
export function imapPortAfterProtocolChange(port: string, next: Security): string {
  const current = Number(port.trim());
  return USUAL_PORTS.has(current) ? String(USUAL_IMAP_PORT[next]) : port;
}

export type ImapPortAdvice =
  { kind: 'expectsImplicitTls'; port: number } | { kind: 'expectsPlainStart'; port: number };

/** Why the IMAP port and protocol disagree, if they do. */
export function imapPortAdvice(port: string, security: Security): ImapPortAdvice | null {
  const value = Number(port.trim());
  if (!Number.isInteger(value)) return null;
  if (value === USUAL_IMAP_PORT.tls && security !== 'tls') return { kind: 'expectsImplicitTls', port: value };
  if (value === USUAL_IMAP_PORT.starttls && security === 'tls')
    return { kind: 'expectsPlainStart', port: value };
  return null;
}
