/**
 * Runs from explicit settings: the SMTP session, what goes beside it (the From domain's DNS
 * check, the watch on the recipient's mailbox, the migration and basic-auth warnings, the
 * chain of a refused certificate) and its record in the test log; and the read-only looks at
 * a server (probe, autodetect). It needs no profile, keychain or settings file: the command
 * line's run from flags builds only this (cli/open-services.ts), since every module a run
 * loads is paid for in its start and its memory (`npm run bench`). Runs of saved profiles,
 * with their secrets, are RunService's (./runs.ts), which extends this.
 *
 * What only some runs need (the DNS check, the delivery check over IMAP, the chain of a
 * refused certificate, probing and autodetection) is imported when it is used, so a run
 * without it does not load mailauth, imapflow or node-forge.
 */
import type { RunProgress, RunRecord, RunReport, TlsInfo } from './smtp/report';
import type { ProfileFields } from './settings/profile';
import { runTest, type AccessToken, type RunOutcome, type RunRequest } from './smtp/run-test';
import type { ProbeReport } from './smtp/probe';
import { PIN_MISMATCH_ERROR, type TlsMaterial } from './smtp/tls-options';
import type { TestLog } from './log/test-log';
import { withBasicAuthRetirement } from './oauth/basic-auth-retirement';
import { say } from './i18n/translator';
import type { Language } from './i18n';
import { withPinVerdict } from './smtp/pin-verdict';
import { withDelivery } from './delivery/run-verdict';
import { fromRecordResolver } from './delivery/dns-resolver';
import { resolveMigrationWarning } from './presets/resolve';
import type { MigrationWarning } from './presets';
import type { AutodetectReport } from './autodetect/types';
import type { DnsCheckReport, DnsResolver } from './dns-check/types';

export interface AdHocRun {
  runId: string;
  profileId: string | null;
  fields: ProfileFields;
  password: string | null;
  /** For OAuth2: where the run gets its access token, in its auth phase (a sign-in's refresh, or --oauth2-token-env). */
  accessToken?: (() => Promise<AccessToken>) | null;
  to: string;
  dryRun: boolean;
  timeoutMs?: number;
  tls?: TlsMaterial;
  /** The IMAP password for the delivery check (fields.delivery), when it is enabled. */
  imapPassword?: string | null;
  /**
   * Certificates the delivery check trusts beyond the run's own (`tls.ca`: the profile's
   * trusted and pinned certificates, --ca), e.g. the IMAP server's private CA (--imap-ca).
   */
  imapCa?: string[];
  /** The language of the run's diagnosis (the UI's, or the CLI's --lang); English when unset. */
  language?: Language;
}

/**
 * The seed's migration case: a host that only answers inside a vendor's infrastructure, or a
 * private or loopback address, is named beside the verdict, once. It is a warning, never part
 * of the fix: a loopback host is right when the check runs on the mail server itself.
 */
function withMigrationWarning(report: RunReport, warning: MigrationWarning | null): RunReport {
  const message = warning && say(warning.sentence);
  if (!warning || !message || report.warnings?.includes(message)) return report;
  return {
    ...report,
    warnings: [...(report.warnings ?? []), message],
    warningSentences: [...(report.warningSentences ?? []), warning.sentence],
  };
}

/** The login a run makes: none, a password, or an access token (XOAUTH2 / OAUTHBEARER). */
function loginOf(input: AdHocRun): RunRequest['auth'] {
  const { fields } = input;
  if (fields.anonymous) return null;
  if (input.accessToken) return { user: fields.username, accessToken: input.accessToken };
  return input.password === null ? null : { user: fields.username, pass: input.password };
}

export interface RunnerOptions {
  /** SMTP timeout per step; DEFAULT_TIMEOUT_MS unless configured. */
  timeoutMs?: number;
  /** DNS for the From-domain check and the delivery check; the system's resolver unless injected. */
  resolver?: DnsResolver | undefined;
}

/** The SMTP timeout per step unless configured: 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export class Runner {
  private readonly log: TestLog;
  private readonly timeoutMs: number;
  private readonly resolver: DnsResolver | undefined;

  constructor(log: TestLog, options: RunnerOptions = {}) {
    this.log = log;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.resolver = options.resolver;
  }

  /** The From domain's DNS check (see dns-check/); advice, not a verdict. */
  async checkDns(input: {
    from: string;
    relayHost: string;
    dkimSelector?: string | undefined;
    /** The language of the findings (the window's, or the CLI's --lang); English when unset. */
    language?: Language | undefined;
  }): Promise<DnsCheckReport> {
    const { checkFromDomain } = await import('./dns-check');
    return checkFromDomain({
      from: input.from,
      relayHost: input.relayHost,
      ...(input.dkimSelector ? { dkimSelector: input.dkimSelector } : {}),
      ...(input.language ? { language: input.language } : {}),
      ...(this.resolver ? { resolver: this.resolver } : {}),
    });
  }

  /**
   * A run that refused the server's certificate never finished its handshake, so it has no
   * TLS details; a read-only second handshake fetches the chain to show what was refused.
   */
  private async chainOfRefusedCertificate(report: RunReport, request: RunRequest): Promise<TlsInfo | null> {
    const refused = report.code.startsWith('TLS_CERT_') || report.code === 'TLS_PIN_MISMATCH';
    if (!refused || request.security === 'none') return null;
    const { fetchServerChain } = await import('./tls-material/fetch-chain');
    const fetched = await fetchServerChain({
      host: request.host,
      port: request.port,
      security: request.security,
      timeoutMs: request.timeoutMs,
      ...(request.tls?.servername ? { servername: request.tls.servername } : {}),
      ...(request.tls?.ca ? { ca: request.tls.ca } : {}),
    }).catch(() => null);
    if (!fetched) return null;
    return {
      protocol: '',
      cipher: '',
      authorized: false,
      // Node's code, as a run that finished its handshake has it: the reader's sentence comes from it where it is shown.
      authorizationError:
        fetched.authorizationError ?? (report.code === 'TLS_PIN_MISMATCH' ? PIN_MISMATCH_ERROR : null),
      chain: fetched.chain.map(({ pem: _pem, ...certificate }) => certificate),
    };
  }

  /**
   * Starts watching the recipient's mailbox while the message is still being sent (login and
   * folder lookup overlap the SMTP session); the timeout counts from DATA accepted. Null when
   * the profile does not verify delivery (or for an envelope-only check).
   */
  private watchDelivery(input: AdHocRun, onProgress?: (p: RunProgress) => void) {
    const { delivery } = input.fields;
    if (!delivery.enabled || input.dryRun || !input.imapPassword) return null;
    const started = performance.now();
    let accept: (at: number) => void = () => undefined;
    let cancel: (reason: Error) => void = () => undefined;
    const acceptedAt = new Promise<number>((resolve, reject) => {
      accept = resolve;
      cancel = reject;
    });
    const imap = {
      host: delivery.host.trim(),
      port: delivery.port,
      security: delivery.security,
      user: delivery.username,
      password: input.imapPassword,
      ca: [...(input.tls?.ca ?? []), ...(input.imapCa ?? [])],
    };
    const result = import('./delivery').then(({ checkDelivery }) =>
      checkDelivery({
        imap,
        runId: input.runId,
        acceptedAt,
        timeoutMs: delivery.timeoutSeconds * 1000,
        cleanup: delivery.cleanup,
        ...(this.resolver ? { resolver: fromRecordResolver(this.resolver) } : {}),
        ...(input.language ? { language: input.language } : {}),
      }),
    );
    // Rejected only when the send failed and the watch was called off.
    const watched = result.catch(() => null);
    const progress = (state: RunProgress['state'], ms: number | null) =>
      onProgress?.({ runId: input.runId, phase: 'delivery', state, ms });
    return {
      accepted() {
        accept(Date.now());
        progress('running', null);
      },
      async finish(outcome: RunOutcome): Promise<Pick<RunOutcome, 'report' | 'phases'>> {
        if (!outcome.report.ok) {
          cancel(new Error('The message was not accepted.'));
          return outcome;
        }
        accept(Date.now()); // no-op when DATA's progress already did it
        const delivered = await watched;
        if (!delivered) return outcome;
        const totalMs = Math.round(performance.now() - started);
        const report = withDelivery(outcome.report, delivered, totalMs, input.language);
        const state = report.ok ? 'ok' : 'failed';
        const ms = report.timings.delivery ?? 0;
        progress(state, ms);
        return { report, phases: [...outcome.phases, { phase: 'delivery', state, ms }] };
      },
    };
  }

  /** Settings proposed for an address or domain (presets, MX, probes); not recorded in the log. */
  async autodetect(
    input: string,
    options: { probeTimeoutMs?: number; tls?: TlsMaterial; language?: Language } = {},
  ): Promise<AutodetectReport> {
    const { autodetect } = await import('./autodetect');
    return autodetect(input, {
      ...options,
      ...(this.resolver ? { resolver: this.resolver } : {}),
    });
  }

  /** What a server offers (see smtp/probe.ts); not recorded in the test log. */
  async probe(
    host: string,
    port: number | undefined,
    options: { timeoutMs?: number; tls?: TlsMaterial; language?: Language } = {},
  ): Promise<ProbeReport> {
    const { probe } = await import('./smtp/probe');
    return probe(host, port, {
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.language ? { language: options.language } : {}),
    });
  }

  /** Runs a test from explicit settings and records it in the log. */
  async run(input: AdHocRun, onProgress?: (p: RunProgress) => void): Promise<RunRecord> {
    const { fields } = input;
    const request: RunRequest = {
      runId: input.runId,
      profileName: fields.name,
      host: fields.host.trim(),
      port: fields.port,
      security: fields.security,
      auth: loginOf(input),
      from: fields.from,
      replyTo: fields.replyTo,
      to: input.to,
      dryRun: input.dryRun,
      timeoutMs: input.timeoutMs ?? this.timeoutMs,
      ...(input.tls ? { tls: input.tls } : {}),
      ...(fields.ehloName ? { clientName: fields.ehloName } : {}),
      ...(input.language ? { language: input.language } : {}),
    };
    const startedAt = new Date().toISOString();
    // The DNS check runs beside the SMTP session: it only reads public records.
    const dns = fields.delivery.dnsCheck
      ? this.checkDns({
          from: fields.from,
          relayHost: request.host,
          dkimSelector: fields.delivery.dkimSelector,
          language: input.language,
        })
      : Promise.resolve(null);
    const migration = resolveMigrationWarning(request.host);
    const watch = this.watchDelivery(input, onProgress);
    const outcome: RunOutcome = await runTest(request, (progress) => {
      onProgress?.(progress);
      if (progress.phase === 'data' && progress.state === 'ok') watch?.accepted();
    });
    const finished = watch ? await watch.finish(outcome) : outcome;
    const { phases } = finished;
    const warned = withBasicAuthRetirement(
      withMigrationWarning(finished.report, await migration),
      fields,
      request.host,
      { language: input.language },
    );
    const tls = warned.tls ?? (await this.chainOfRefusedCertificate(warned, request));
    const report = withPinVerdict(warned, request.host, request.tls?.pins ?? [], tls, input.language);
    const record: RunRecord = {
      ...report,
      tls,
      dns: await dns,
      id: input.runId,
      startedAt,
      profileId: input.profileId,
      profileName: fields.name,
      host: request.host,
      port: request.port,
      security: request.security,
      to: input.to,
      dryRun: input.dryRun,
      phases,
    };
    await this.log.append(record);
    return record;
  }
}
