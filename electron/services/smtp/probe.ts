/**
 * What a server offers, without logging in or sending: the banner, the EHLO keywords before
 * and after STARTTLS, and the TLS handshake. Given no port, the usual submission and relay
 * ports are probed in parallel and the best working one is proposed as settings.
 *
 * A port is first tried the way its number suggests (465 implicit TLS, others plain with
 * STARTTLS when offered); the diagnosis then says whether another mode fits better
 * (IMPLICIT_TLS_EXPECTED, PLAINTEXT_PORT, STARTTLS_NOT_OFFERED), and each mode is tried once.
 */
import { randomUUID } from 'node:crypto';
import { createTranslator, type Language, type Translate } from '../i18n';
import { PROTOCOL_NAME, type Security } from '../settings/profile';
import type { Fix, RunReport, TlsInfo } from './report';
import { runTest, type RunOutcome } from './run-test';
import type { TlsMaterial } from './tls-options';

export const PROBE_PORTS = [465, 587, 25, 2525] as const;

export interface PortProbe {
  port: number;
  /** The mode the port speaks, or null when no SMTP server answered there. */
  security: Security | null;
  banner: string | null;
  /** EHLO keywords in plain text (before STARTTLS), when the port greets in plain text. */
  capabilitiesBeforeTls: string[] | null;
  /** EHLO keywords of the session as it would be used (after STARTTLS or over implicit TLS). */
  capabilities: string[];
  tls: TlsInfo | null;
  /** The diagnosis: OK, or why this port does not work. */
  code: string;
  summary: string;
  ms: number;
  transcript: RunReport['transcript'];
}

export interface ProbeReport {
  ok: boolean;
  code: string;
  summary: string;
  /** The settings to use: the best port that answered, and how it speaks. */
  fix: Fix | null;
  host: string;
  ports: PortProbe[];
  timings: { total: number };
}

export interface ProbeOptions {
  timeoutMs: number;
  tls?: TlsMaterial;
  /** The mode to try first; by default what the port number suggests (465: TLS). */
  security?: Security;
  /** The language of the summaries and the diagnosis; English when unset. */
  language?: Language;
}

const FIRST_TRY: (port: number) => Security = (port) => (port === 465 ? 'tls' : 'starttls');

/** The mode the diagnosis of a failed try points to, if any. */
const RETRY_AS: Record<string, Security> = {
  IMPLICIT_TLS_EXPECTED: 'tls',
  PLAINTEXT_PORT: 'starttls',
  STARTTLS_NOT_OFFERED: 'none',
};

function attempt(host: string, port: number, security: Security, options: ProbeOptions): Promise<RunOutcome> {
  return runTest({
    runId: randomUUID(),
    profileName: 'probe',
    host,
    port,
    security,
    auth: null,
    from: '',
    replyTo: '',
    to: '',
    dryRun: false,
    probe: true,
    timeoutMs: options.timeoutMs,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.language ? { language: options.language } : {}),
  });
}

export async function probePort(host: string, port: number, options: ProbeOptions): Promise<PortProbe> {
  const started = performance.now();
  let security = options.security ?? FIRST_TRY(port);
  let outcome = await attempt(host, port, security, options);
  // Follow what each diagnosis points to (tls → starttls → none), each mode once.
  const tried = new Set<Security>([security]);
  for (
    let next = RETRY_AS[outcome.report.code];
    !outcome.report.ok && next && !tried.has(next);
    next = RETRY_AS[outcome.report.code]
  ) {
    security = next;
    tried.add(next);
    outcome = await attempt(host, port, security, options);
  }
  const { report } = outcome;
  // A certificate that fails verification still proves the port speaks TLS.
  const greeted = report.server.banner !== null || report.code.startsWith('TLS_CERT_');
  return {
    port,
    security: greeted ? security : null,
    banner: report.server.banner,
    capabilitiesBeforeTls:
      security === 'starttls'
        ? (outcome.ehlo[0] ?? null)
        : security === 'none'
          ? report.server.capabilities
          : null,
    capabilities: report.server.capabilities,
    tls: report.tls,
    code: report.code,
    summary: report.ok ? describePort(host, port, security, report, options.language) : report.summary,
    ms: Math.round(performance.now() - started),
    transcript: report.transcript,
  };
}

/** The EHLO keyword that offers a login ("AUTH PLAIN LOGIN"), or null when none does. */
export function authOf(capabilities: string[]): string | null {
  return capabilities.find((c) => /^AUTH\b/i.test(c)) ?? null;
}

/** "offers AUTH PLAIN LOGIN", or that no login is offered: the login words of a summary. */
export function sayLogin(capabilities: string[], t: Translate): string {
  const auth = authOf(capabilities);
  return auth ? t('probe.summary.offers', { auth }) : t('probe.summary.offersNoLogin');
}

/** "mail.example.com:587 speaks SMTP with STARTTLS over TLSv1.3 and offers AUTH PLAIN LOGIN." */
function describePort(
  host: string,
  port: number,
  security: Security,
  report: RunReport,
  language: Language = 'en',
): string {
  const t = createTranslator(language);
  const words = { host, port, login: sayLogin(report.server.capabilities, t) };
  return report.tls && security !== 'none'
    ? t(`probe.summary.speaksOver.${security}`, { ...words, protocol: report.tls.protocol })
    : t(`probe.summary.speaks.${security}`, words);
}

/** Best first: implicit TLS or STARTTLS with a login, then any TLS, then whatever answered. */
function rank(probe: PortProbe): number {
  if (probe.code !== 'OK' || !probe.security) return Number.POSITIVE_INFINITY;
  const login = authOf(probe.capabilities) !== null;
  const order = [465, 587, 2525, 25].indexOf(probe.port);
  return (probe.security === 'none' ? 20 : 0) + (login ? 0 : 10) + (order === -1 ? 4 : order);
}

export async function probe(
  host: string,
  port: number | undefined,
  options: ProbeOptions,
): Promise<ProbeReport> {
  const started = performance.now();
  const ports = await Promise.all((port ? [port] : PROBE_PORTS).map((p) => probePort(host, p, options)));
  const best = [...ports].sort((a, b) => rank(a) - rank(b))[0];
  const total = Math.round(performance.now() - started);
  const t = createTranslator(options.language ?? 'en');
  if (!best || rank(best) === Number.POSITIVE_INFINITY) {
    const only = ports.length === 1 ? ports[0] : undefined;
    return {
      ok: false,
      code: only?.code ?? 'CONNECTION_REFUSED',
      summary: only?.summary ?? t('probe.proposal.noServer', { host, ports: PROBE_PORTS.join(', ') }),
      fix: null,
      host,
      ports,
      timings: { total },
    };
  }
  return {
    ok: true,
    code: 'OK',
    summary: best.summary,
    fix: {
      text: t('probe.summary.use', { port: best.port, protocol: PROTOCOL_NAME[best.security!] }),
      settings: { port: best.port, security: best.security },
    },
    host,
    ports,
    timings: { total },
  };
}
