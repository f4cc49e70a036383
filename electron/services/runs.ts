/**
 * Test runs of saved profiles: the password is read from the keychain here and nowhere
 * else (and only for the host it was saved for, or with the user's consent), the run is
 * recorded in the log, and the recipient is remembered for next time. The run itself, and
 * runs from explicit settings (the CLI's flags), are the Runner's (./runner.ts).
 */
import type { RunProgress, RunRecord } from './smtp/report';
import type { ProfileFields } from './settings/profile';
import type { TestLog } from './log/test-log';
import type { SecretStore } from './secrets/secret-store';
import type { ProfileService } from './profiles';
import type { CertificateService } from './certificates';
import type { OAuthService } from './oauth/oauth-service';
import { AppError } from './errors';
import { sentence } from './i18n/sentence';
import type { Language } from './i18n';
import { ConsentRequiredError, type Consent } from './consent';
import { secretsForRun } from './run-secrets';
import { Runner, type RunnerOptions } from './runner';

export interface SendForProfileInput {
  runId: string;
  profileId: string;
  to: string;
  dryRun?: boolean | undefined;
  /** The form as it stands (unsaved); the stored profile when absent. */
  fields?: ProfileFields | undefined;
  /** The language of the diagnosis (the UI's); English when unset. */
  language?: Language | undefined;
  /** Passwords typed for this run only (asked again for a new destination); never saved. */
  password?: string | undefined;
  imapPassword?: string | undefined;
  /** Consents the user gave for this run, each naming its destination (see consent.ts). */
  consents?: Consent[] | undefined;
}

export class RunService extends Runner {
  private readonly profiles: ProfileService;
  private readonly secrets: SecretStore;
  private readonly certificates: CertificateService;
  private readonly oauth: OAuthService;

  constructor(
    profiles: ProfileService,
    secrets: SecretStore,
    log: TestLog,
    certificates: CertificateService,
    oauth: OAuthService,
    options: RunnerOptions = {},
  ) {
    super(log, options);
    this.profiles = profiles;
    this.secrets = secrets;
    this.certificates = certificates;
    this.oauth = oauth;
  }

  async sendForProfile(
    input: SendForProfileInput,
    onProgress?: (p: RunProgress) => void,
  ): Promise<RunRecord> {
    const profile = this.profiles.get(input.profileId);
    const fields = input.fields ?? profile;
    const oauth2 = !fields.anonymous && fields.auth === 'oauth2';
    if (oauth2) await this.oauth.assertSignedIn(profile.id, fields);
    const accessToken = oauth2 ? () => this.oauth.accessToken(profile.id, fields) : null;
    const verify = fields.delivery.enabled && !input.dryRun;
    const { password, imapPassword, missing, needed } = await secretsForRun(this.secrets, {
      profile,
      fields,
      smtpLogin: fields.anonymous ? 'none' : oauth2 ? 'oauth2' : 'password',
      verify,
      password: input.password,
      imapPassword: input.imapPassword,
      consents: input.consents,
    });
    if (missing.includes('imap-password')) {
      throw new AppError('INVALID_INPUT', sentence('errors.noImapPassword'));
    }
    if (missing.includes('smtp-password')) {
      throw new AppError('INVALID_INPUT', sentence('errors.noPassword'));
    }
    if (needed.length) throw new ConsentRequiredError(needed);
    const record = await this.run(
      {
        runId: input.runId,
        profileId: profile.id,
        fields,
        password,
        accessToken,
        to: input.to,
        dryRun: input.dryRun ?? false,
        imapPassword,
        tls: await this.certificates.materialFor(fields),
        ...(input.language ? { language: input.language } : {}),
      },
      onProgress,
    );
    this.profiles.rememberRecipient(profile.id, input.to);
    return record;
  }
}
