/**
 * Test runs of saved profiles (the app) and of ad-hoc settings (the CLI): the password is
 * read from the keychain here and nowhere else, the run is recorded in the log, and the
 * recipient is remembered for next time.
 */
import type { RunProgress, RunRecord } from './smtp/report';
import type { ProfileFields } from './settings/profile-schema';
import { runTest, type RunOutcome, type RunRequest } from './smtp/run-test';
import { probe, type ProbeReport } from './smtp/probe';
import type { TlsMaterial } from './smtp/tls-options';
import type { TestLog } from './log/test-log';
import type { SecretStore } from './secrets/secret-store';
import type { ProfileService } from './profiles';
import { AppError } from './errors';
import { checkFromDomain } from './dns-check';
import { autodetect } from './autodetect';
import type { AutodetectReport } from './autodetect/types';
import type { DnsCheckReport, DnsResolver } from './dns-check/types';

export interface SendForProfileInput {
  runId: string;
  profileId: string;
  to: string;
  dryRun?: boolean | undefined;
  /** The form as it stands (unsaved); the stored profile when absent. */
  fields?: ProfileFields | undefined;
}

export interface AdHocRun {
  runId: string;
  profileId: string | null;
  fields: ProfileFields;
  password: string | null;
  to: string;
  dryRun: boolean;
  timeoutMs?: number;
  tls?: TlsMaterial;
}

export class RunService {
  private readonly profiles: ProfileService;
  private readonly secrets: SecretStore;
  private readonly log: TestLog;
  private readonly timeoutMs: number;
  private readonly resolver: DnsResolver | undefined;

  constructor(
    profiles: ProfileService,
    secrets: SecretStore,
    log: TestLog,
    options: { timeoutMs: number; resolver?: DnsResolver },
  ) {
    this.profiles = profiles;
    this.secrets = secrets;
    this.log = log;
    this.timeoutMs = options.timeoutMs;
    this.resolver = options.resolver;
  }

  /** The From domain's DNS check (see dns-check/); advice, not a verdict. */
  checkDns(input: {
    from: string;
    relayHost: string;
    dkimSelector?: string | undefined;
  }): Promise<DnsCheckReport> {
    return checkFromDomain({
      from: input.from,
      relayHost: input.relayHost,
      ...(input.dkimSelector ? { dkimSelector: input.dkimSelector } : {}),
      ...(this.resolver ? { resolver: this.resolver } : {}),
    });
  }

  async sendForProfile(
    input: SendForProfileInput,
    onProgress?: (p: RunProgress) => void,
  ): Promise<RunRecord> {
    const profile = this.profiles.get(input.profileId);
    const fields = input.fields ?? profile;
    const password = fields.anonymous ? null : await this.secrets.get('smtp-password', profile.id);
    if (!fields.anonymous && password === null) {
      throw new AppError(
        'INVALID_INPUT',
        'This profile has no password yet: set one with “Set password”, or turn on “Connect anonymously”.',
      );
    }
    const record = await this.run(
      {
        runId: input.runId,
        profileId: profile.id,
        fields,
        password,
        to: input.to,
        dryRun: input.dryRun ?? false,
      },
      onProgress,
    );
    this.profiles.rememberRecipient(profile.id, input.to);
    return record;
  }

  /** Settings proposed for an address or domain (presets, MX, probes); not recorded in the log. */
  autodetect(
    input: string,
    options: { probeTimeoutMs?: number; tls?: TlsMaterial } = {},
  ): Promise<AutodetectReport> {
    return autodetect(input, {
      ...options,
      ...(this.resolver ? { resolver: this.resolver } : {}),
    });
  }

  /** What a server offers (see smtp/probe.ts); not recorded in the test log. */
  probe(
    host: string,
    port: number | undefined,
    options: { timeoutMs?: number; tls?: TlsMaterial } = {},
  ): Promise<ProbeReport> {
    return probe(host, port, {
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      ...(options.tls ? { tls: options.tls } : {}),
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
      auth:
        fields.anonymous || input.password === null ? null : { user: fields.username, pass: input.password },
      from: fields.from,
      replyTo: fields.replyTo,
      to: input.to,
      dryRun: input.dryRun,
      timeoutMs: input.timeoutMs ?? this.timeoutMs,
      ...(input.tls ? { tls: input.tls } : {}),
    };
    const startedAt = new Date().toISOString();
    // The DNS check runs beside the SMTP session: it only reads public records.
    const dns = fields.delivery.dnsCheck
      ? this.checkDns({
          from: fields.from,
          relayHost: request.host,
          dkimSelector: fields.delivery.dkimSelector,
        })
      : Promise.resolve(null);
    const outcome: RunOutcome = await runTest(request, onProgress);
    const record: RunRecord = {
      ...outcome.report,
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
      phases: outcome.phases,
    };
    await this.log.append(record);
    return record;
  }
}
