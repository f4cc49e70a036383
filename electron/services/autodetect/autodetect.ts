/**
 * Autodetect: from an address or a domain to proposed SMTP settings, fastest first.
 *
 * 1. Bundled presets by the domain (gmail.com → Gmail): offline and instant; when one
 *    matches, nothing else runs (unless `probeWhenKnown`).
 * 2. The domain's MX records mapped to a provider by the presets' MX patterns
 *    (aspmx.l.google.com → Google Workspace, *.mail.protection.outlook.com → Microsoft 365);
 *    when one matches, no probe runs (unless `probeWhenKnown`).
 * 3. Probing candidate hosts (smtp.<d>, mail.<d>, <d>) × ports (465 TLS, 587, 25, 2525 with
 *    STARTTLS) in parallel, the starts staggered, each probe a greeting and EHLO (and
 *    STARTTLS) with no login and no mail: `probePort` of the SMTP runner.
 *
 * Every candidate is kept with a sentence saying why it won or lost. Ranking: known settings
 * first (they carry the provider's knowledge: app passwords, tenant switches), then probes
 * that answered (TLS with a login best), then the ones that failed, in the order tried.
 */
import { resolveMx as systemResolveMx } from 'node:dns/promises';
import { AppError } from '../errors';
import { createTranslator, saySeconds, type Language, type Translate } from '../i18n';
import { sentence } from '../i18n/sentence';
import { toAsciiDomain } from '../dns-check/domains';
import { presetById, presetForDomain, presetHost, presetsForMx, type Preset } from '../presets/presets';
import { authOf, probePort, sayLogin, type PortProbe } from '../smtp/probe';
import type { TlsMaterial } from '../smtp/tls-options';
import type { AutodetectReport, Candidate, Security } from './types';

export type { AutodetectReport, Candidate } from './types';

/** What autodetect needs of a resolver: a node:dns/promises Resolver fits. */
export interface MxResolver {
  resolveMx(name: string): Promise<Array<{ exchange: string; priority: number }>>;
}

export interface CandidatePort {
  port: number;
  security: Security;
}

export interface AutodetectOptions {
  /** For the MX lookup; the system's DNS servers by default. */
  resolver?: MxResolver;
  /** The hosts to probe; default smtp.<d>, mail.<d>, <d>. */
  candidateHosts?: (domain: string) => string[];
  /** The ports to probe, each with the mode tried first; default 465 tls, 587, 25, 2525 starttls. */
  candidatePorts?: CandidatePort[];
  /** Per probe (and for the MX lookup); default 3000. */
  probeTimeoutMs?: number;
  /** Delay between the starts of two probes; default 50. */
  staggerMs?: number;
  /** Aborting rejects the call with the signal's reason; probes already started end on their own timeout. */
  signal?: AbortSignal;
  /** Extra trusted certificates (and client certificate) for the probes' TLS. */
  tls?: TlsMaterial;
  /** Probe even when a preset or the MX records already name the provider. Default false. */
  probeWhenKnown?: boolean;
  /** The language of the reasons (and of the probes' diagnoses); English when unset. */
  language?: Language;
}

export const DEFAULT_CANDIDATE_PORTS: readonly CandidatePort[] = [
  { port: 465, security: 'tls' },
  { port: 587, security: 'starttls' },
  { port: 25, security: 'starttls' },
  { port: 2525, security: 'starttls' },
];

export const defaultCandidateHosts = (domain: string): string[] => [
  `smtp.${domain}`,
  `mail.${domain}`,
  domain,
];

const DEFAULT_PROBE_TIMEOUT_MS = 3000;
const DEFAULT_STAGGER_MS = 50;
/** A probe gets this much beyond its timeout before it is reported as timed out: its own timeouts, which say more, fire first. */
const DEADLINE_SLACK_MS = 250;

/**
 * The domain of an address (`user@example.com`, `Name <user@example.com>`) or the domain
 * itself, ASCII and lower case. Throws INVALID_INPUT when there is none.
 */
export function domainOfInput(input: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(input);
  const bare = (angle?.[1] ?? input).trim();
  const domain = toAsciiDomain(bare.slice(bare.lastIndexOf('@') + 1));
  if (!domain) {
    throw new AppError('INVALID_INPUT', sentence('errors.notAddressOrDomain', { input }));
  }
  return domain;
}

export async function autodetect(input: string, options: AutodetectOptions = {}): Promise<AutodetectReport> {
  const started = performance.now();
  const { signal } = options;
  signal?.throwIfAborted();
  const domain = domainOfInput(input);
  const timeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const t = createTranslator(options.language ?? 'en');
  const known: Candidate[] = [];
  const timings: AutodetectReport['timings'] = { total: 0 };
  const report = (probes: Candidate[], mx: AutodetectReport['mx']): AutodetectReport => {
    const candidates = [...known, ...probes];
    const first = candidates[0];
    timings.total = Math.round(performance.now() - started);
    return { input, domain, candidates, best: first?.ok ? first : null, mx, timings };
  };

  // 1. Bundled presets by the address's domain: offline.
  const byDomain = presetForDomain(domain);
  if (byDomain) {
    known.push(
      knownCandidate(
        byDomain,
        'preset',
        presetHost(byDomain),
        t('autodetect.reason.preset', { domain, name: byDomain.name }),
      ),
    );
    if (!options.probeWhenKnown) return report([], null);
  }

  // 2. The domain's MX records, mapped to a provider.
  const mxStarted = performance.now();
  const mx = await lookupMx(options.resolver ?? { resolveMx: systemResolveMx }, domain, timeoutMs, signal, t);
  timings.mx = Math.round(performance.now() - mxStarted);
  if (!byDomain) {
    for (const exchange of mx.hosts) {
      for (const preset of presetsForMx(exchange)) {
        if (known.some((candidate) => candidate.presetId === preset.id)) continue;
        const first = known.length === 0;
        known.push(
          knownCandidate(
            preset,
            'mx',
            preset.mxHost ?? presetHost(preset),
            t(first ? 'autodetect.reason.mxFirst' : 'autodetect.reason.mxOther', {
              domain,
              exchange,
              name: preset.name,
            }),
          ),
        );
      }
    }
  }
  if (known.length > 0 && !options.probeWhenKnown) return report([], mx);

  // 3. Probe candidate hosts × ports, in parallel, staggered.
  const probesStarted = performance.now();
  const hosts = [...new Set((options.candidateHosts ?? defaultCandidateHosts)(domain))];
  const ports = options.candidatePorts ?? DEFAULT_CANDIDATE_PORTS;
  const matrix = hosts.flatMap((host) => ports.map((port) => ({ host, ...port })));
  const stagger = options.staggerMs ?? DEFAULT_STAGGER_MS;
  const probes = await untilAborted(
    Promise.all(
      matrix.map(async (entry, index) => {
        await delay(index * stagger);
        signal?.throwIfAborted();
        return probeCandidate(entry.host, entry.port, entry.security, timeoutMs, options);
      }),
    ),
    signal,
  );
  timings.probes = Math.round(performance.now() - probesStarted);
  return report(rankProbes(probes, known[0] ?? null, timeoutMs, t), mx);
}

// ---------------------------------------------------------------------------------------
// Known settings

function knownCandidate(preset: Preset, source: 'preset' | 'mx', host: string, reason: string): Candidate {
  return {
    host,
    port: preset.port,
    security: preset.security,
    source,
    presetId: preset.id,
    ok: true,
    ms: null,
    reason,
  };
}

async function lookupMx(
  resolver: MxResolver,
  domain: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  t: Translate,
): Promise<{ hosts: string[]; error: string | null }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const records = await untilAborted(
      Promise.race([
        resolver.resolveMx(domain),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
            timeoutMs,
          );
        }),
      ]),
      signal,
    );
    const hosts = [...records]
      .sort((a, b) => a.priority - b.priority)
      .map((record) => record.exchange.toLowerCase().replace(/\.$/, ''))
      .filter((host) => host !== ''); // a null MX (RFC 7505) names no host
    return { hosts, error: hosts.length === 0 ? t('autodetect.reason.mxNone', { domain }) : null };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOTFOUND'
        ? t('autodetect.reason.mxNotFound', { domain })
        : code === 'ENODATA'
          ? t('autodetect.reason.mxNoData', { domain })
          : code === 'ETIMEOUT'
            ? t('autodetect.reason.mxTimeout', { domain, seconds: saySeconds(t, timeoutMs) })
            : t('autodetect.reason.mxFailed', { domain, code: typeof code === 'string' ? code : 'error' });
    return { hosts: [], error: why };
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------
// Probes

interface Probed {
  host: string;
  port: number;
  /** The mode the candidate was tried with first. */
  tried: Security;
  /** null: the probe did not finish within its deadline. */
  probe: Pick<PortProbe, 'security' | 'capabilities' | 'code' | 'summary' | 'tls'> | null;
  ms: number;
}

/**
 * One candidate, bounded by `timeoutMs` (plus a little slack), tried first in the mode it
 * declares; `probePort` moves to the mode the server turns out to speak.
 */
async function probeCandidate(
  host: string,
  port: number,
  security: Security,
  timeoutMs: number,
  { tls, language }: Pick<AutodetectOptions, 'tls' | 'language'>,
): Promise<Probed> {
  const started = performance.now();
  const options = { timeoutMs, ...(tls ? { tls } : {}), ...(language ? { language } : {}) };
  const run = (): Promise<Probed['probe']> => probePort(host, port, { ...options, security });
  let timer: NodeJS.Timeout | undefined;
  const probe = await Promise.race([
    run(),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs + DEADLINE_SLACK_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  return { host, port, tried: security, probe, ms: Math.round(performance.now() - started) };
}

function works(probed: Probed): boolean {
  return probed.probe?.code === 'OK' && probed.probe.security !== null;
}

/** Lower is better: TLS (either kind) with a login, TLS without, plain with, plain without; then the order tried. */
function score(probed: Probed): number {
  // A login over plain text ranks below TLS without one: the password would cross the network in the clear.
  const probe = probed.probe!;
  return (probe.security === 'none' ? 2 : 0) + (authOf(probe.capabilities) ? 0 : 1);
}

function rankProbes(
  probes: Probed[],
  knownBest: Candidate | null,
  timeoutMs: number,
  t: Translate,
): Candidate[] {
  const working = probes
    .map((probed, order) => ({ probed, order }))
    .filter(({ probed }) => works(probed))
    .sort((a, b) => score(a.probed) - score(b.probed) || a.order - b.order)
    .map(({ probed }) => probed);
  const failed = probes.filter((probed) => !works(probed));
  const winner = knownBest ? null : (working[0] ?? null);
  return [
    ...working.map((probed) => workingCandidate(probed, winner, knownBest, t)),
    ...failed.map((probed) => failedCandidate(probed, timeoutMs, t)),
  ];
}

/** Why a candidate that answered won or lost, after what it offers ("found"). */
function verdictKey(probed: Probed, winner: Probed | null, knownBest: Candidate | null) {
  const { security, capabilities } = probed.probe!;
  const auth = authOf(capabilities);
  if (probed === winner) {
    if (security === 'none') return auth ? 'chosenNoTls' : 'chosenNoTlsNoLogin';
    return auth ? 'chosen' : 'chosenNoLogin';
  }
  if (knownBest) return 'knownFirst';
  if (winner && security === 'none' && winner.probe!.security !== 'none') return 'noTls';
  if (winner && !auth && authOf(winner.probe!.capabilities)) return 'noLogin';
  return winner ? 'order' : 'orderAnother';
}

function workingCandidate(
  probed: Probed,
  winner: Probed | null,
  knownBest: Candidate | null,
  t: Translate,
): Candidate {
  const probe = probed.probe!;
  const security = probe.security!;
  const words = { where: `${probed.host}:${probed.port}`, login: sayLogin(probe.capabilities, t) };
  const found =
    probe.tls && security !== 'none'
      ? t(`autodetect.reason.answeredOver.${security}`, { ...words, protocol: probe.tls.protocol })
      : t(`autodetect.reason.answered.${security}`, words);
  const name = presetById(knownBest?.presetId ?? '')?.name ?? t('autodetect.reason.provider');
  return {
    host: probed.host,
    port: probed.port,
    security,
    source: 'probe',
    ok: true,
    ms: probed.ms,
    reason: t(`autodetect.reason.${verdictKey(probed, winner, knownBest)}`, {
      found,
      name,
      winner: winner ? `${winner.host}:${winner.port}` : '',
    }),
    capabilities: probe.capabilities,
    code: probe.code,
  };
}

/** Why a candidate did not answer as an SMTP server, by its probe's diagnosis. */
function failedReason(probed: Probed, timeoutMs: number, t: Translate): string {
  const where = `${probed.host}:${probed.port}`;
  const probe = probed.probe;
  const after = { where, seconds: saySeconds(t, timeoutMs) };
  if (!probe) return t('autodetect.reason.timedOut', after);
  switch (probe.code) {
    case 'CONNECTION_REFUSED':
      return t('autodetect.reason.refused', { where });
    case 'CONNECTION_TIMEOUT':
      return t('autodetect.reason.connectTimeout', after);
    case 'GREETING_TIMEOUT':
      return t('autodetect.reason.greetingTimeout', after);
    case 'DNS_NOT_FOUND':
      return t('autodetect.reason.dnsNotFound', { host: probed.host, port: probed.port });
    case 'NETWORK_UNREACHABLE':
      return t('autodetect.reason.unreachable', { where });
    case 'RESPONSE_TIMEOUT':
      return probed.tried === 'tls' && probe.security === null
        ? t('autodetect.reason.tlsNoAnswer', after)
        : t('autodetect.reason.stopped', after);
    default:
      return t('autodetect.reason.failed', {
        where,
        summary: lowerFirst(probe.summary).replace(/[.。]$/, ''),
        code: probe.code,
      });
  }
}

function failedCandidate(probed: Probed, timeoutMs: number, t: Translate): Candidate {
  const probe = probed.probe;
  return {
    host: probed.host,
    port: probed.port,
    security: probe?.security ?? probed.tried,
    source: 'probe',
    ok: false,
    ms: probed.ms,
    reason: failedReason(probed, timeoutMs, t),
    ...(probe && probe.capabilities.length > 0 ? { capabilities: probe.capabilities } : {}),
    code: probe?.code ?? 'CONNECTION_TIMEOUT',
  };
}

// ---------------------------------------------------------------------------------------

/** "The certificate of …" reads on after a colon as "the certificate of …"; names and codes keep their case. */
function lowerFirst(sentence: string): string {
  return /^(The|There|Port|Nothing) /.test(sentence)
    ? sentence[0]!.toLowerCase() + sentence.slice(1)
    : sentence;
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** The promise, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort!));
}
