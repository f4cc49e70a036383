/**
 * Exports a saved profile (or settings given as flags) in a target's format: gathers the
 * subject (its settings, the names of its SSL key and trusted certificates, its newest run
 * and, only when asked for, its password from the keychain), renders it through the
 * registry, and writes files that may hold a secret readable by their owner only.
 *
 * The password leaves the keychain only for a file written here (created 0600): a preview
 * never carries it, so it never reaches the renderer or a terminal.
 */
import { open } from 'node:fs/promises';
import { AppError } from '../errors';
import { sentence } from '../i18n/sentence';
import type { CertificateService } from '../certificates';
import type { ProfileService } from '../profiles';
import type { SecretStore } from '../secrets/secret-store';
import type { ProfileFields } from '../settings/profile';
import type { ExportFormatId } from './format-ids';
import { listFormats, renderExport } from './registry';
import type { ExportFormatInfo, ExportLang, ExportResult, ExportSubject } from './types';

export interface ExportRequest {
  format: ExportFormatId;
  lang: ExportLang;
  /** Write the password into the text (only ever for a file). */
  includeSecrets: boolean;
}

/** The subject of settings that are not (or not only) a saved profile: the CLI's flags. */
export function subjectOf(
  fields: Pick<
    ProfileFields,
    'name' | 'host' | 'port' | 'security' | 'anonymous' | 'username' | 'from' | 'replyTo'
  >,
  extra: Pick<ExportSubject, 'clientKey' | 'trustedCertificates' | 'lastRun' | 'password'>,
): ExportSubject {
  return {
    profileName: fields.name,
    host: fields.host.trim(),
    port: fields.port,
    security: fields.security,
    anonymous: fields.anonymous,
    username: fields.username,
    from: fields.from,
    replyTo: fields.replyTo,
    ...extra,
  };
}

/**
 * Writes text to a file only its owner can read (0600), also when the file existed with
 * wider permissions: the mode is set before a byte is written.
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const file = await open(path, 'w', 0o600);
  try {
    await file.chmod(0o600);
    await file.writeFile(text, 'utf8');
  } finally {
    await file.close();
  }
}

export class ExportService {
  private readonly profiles: ProfileService;
  private readonly secrets: SecretStore;
  private readonly certificates: CertificateService;

  constructor(profiles: ProfileService, secrets: SecretStore, certificates: CertificateService) {
    this.profiles = profiles;
    this.secrets = secrets;
    this.certificates = certificates;
  }

  formats(lang: ExportLang): ExportFormatInfo[] {
    return listFormats(lang);
  }

  /** A saved profile as an export's subject; its password only when `includeSecrets`. */
  async subjectForProfile(profileId: string, includeSecrets: boolean): Promise<ExportSubject> {
    const profile = (await this.profiles.listWithLastRun()).find((p) => p.id === profileId);
    if (!profile) throw new AppError('NOT_FOUND', sentence('errors.profileNotFound'));
    const names = await this.certificates.namesFor(profile);
    let password: string | null = null;
    if (includeSecrets && !profile.anonymous) {
      password = await this.secrets.get('smtp-password', profile.id);
      if (password === null) {
        throw new AppError(
          'INVALID_INPUT',
          sentence('exportDialog.noPasswordToInclude', { name: profile.name }),
        );
      }
    }
    const run = profile.lastRun;
    return subjectOf(profile, {
      clientKey: names.clientKey,
      trustedCertificates: names.trusted,
      lastRun: run ? { verdict: run.verdict, code: run.code, startedAt: run.startedAt } : null,
      password,
    });
  }

  /** The text without secrets, for the preview (it may go to the renderer). */
  async preview(profileId: string, format: ExportFormatId, lang: ExportLang): Promise<ExportResult> {
    return renderExport(format, await this.subjectForProfile(profileId, false), lang);
  }

  /** Renders and writes the export to `path` (0600); the file name and whether it holds the password. */
  async save(profileId: string, request: ExportRequest, path: string): Promise<{ containsSecret: boolean }> {
    const subject = await this.subjectForProfile(profileId, request.includeSecrets);
    const result = renderExport(request.format, subject, request.lang);
    if (!result.ok) throw new AppError('INVALID_INPUT', result.reason);
    await writePrivateFile(path, result.text);
    return { containsSecret: result.containsSecret };
  }
}
