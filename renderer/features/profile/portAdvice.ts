/**
 * Port and protocol rules: which port a protocol usually uses, what to do with the port
 * when the protocol changes, and when the pair disagrees (465 with STARTTLS, 587 with SMTPS).
 */
import { SECURITY_MODES, USUAL_PORT, type Security } from '../../../electron/services/settings/profile';

/** The port after switching protocol: a usual port of another protocol follows the switch. */
export function portAfterProtocolChange(port: string, next: Security): string {
  const current = Number(port.trim());
  const usualOfOther = SECURITY_MODES.some((mode) => mode !== next && USUAL_PORT[mode] === current);
  return usualOfOther ? String(USUAL_PORT[next]) : port;
}

export type PortAdvice =
  | { kind: 'expectsImplicitTls'; port: number; suggestedPort: number }
  | { kind: 'expectsPlainStart'; port: number; suggestedSecurity: Security };

/** Why the port and the protocol disagree, if they do. */
export function portAdvice(port: string, security: Security): PortAdvice | null {
  const value = Number(port.trim());
  if (!Number.isInteger(value)) return null;
  if (value === USUAL_PORT.tls && security !== 'tls') {
    return { kind: 'expectsImplicitTls', port: value, suggestedPort: USUAL_PORT[security] };
  }
  if (security === 'tls' && (value === USUAL_PORT.starttls || value === USUAL_PORT.none)) {
    return { kind: 'expectsPlainStart', port: value, suggestedSecurity: 'starttls' };
  }
  return null;
}
