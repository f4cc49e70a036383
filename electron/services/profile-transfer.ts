/**
 * Profiles move between workstations as a JSON file without secrets: the settings of each
 * profile, its SSL key and trusted certificates by name (ids are local to a data folder),
 * never a password. Import checks the whole file first and imports nothing when anything
 * is wrong, saying each problem in one sentence; a profile whose name exists already is
 * only replaced, or added under a new name, when the caller says so.
 */
import { z } from 'zod';
import type { CertificateService } from './certificates';
import { sentence, type Sentence } from './i18n/sentence';
import { issueSentences } from './messages';
import type { ProfileService } from './profiles';
import { profileFieldsSchema } from './settings/profile-schema';
import { emptyProfileFields, type Profile, type ProfileFields } from './settings/profile';

/** The file's marker and version: `{ "mailPreflightProfiles": 1, ... }`. */
const FILE_VERSION = 1;

/** What the file holds per profile: the fields, with names where the app keeps ids. */
type PortableProfile = Omit<ProfileFields, 'clientKeyId' | 'trustedCertificateIds'> & {
  clientKey: string | null;
  trustedCertificates: string[];
};

const PORTABLE_KEYS = new Set([
  ...Object.keys(emptyProfileFields()).filter((k) => k !== 'clientKeyId' && k !== 'trustedCertificateIds'),
  'clientKey',
  'trustedCertificates',
]);

const portableExtras = z.strictObject({
  clientKey: z.string().max(300).nullable().default(null),
  trustedCertificates: z.array(z.string().max(300)).max(100).default([]),
});

export type ConflictChoice = 'refuse' | 'replace' | 'keep-both';

/** Problems and warnings are sentences (`profileTransfer.problem.*`), said in the reader's language where they are shown. */
export type ImportOutcome =
  | { ok: false; problems: Sentence[]; conflicts: string[] }
  | { ok: true; imported: string[]; replaced: string[]; warnings: Sentence[] };

interface Parsed {
  fields: ProfileFields;
  clientKey: string | null;
  trustedCertificates: string[];
}

/** "Profile 2 (“Relay”)", or "Profile 2" when the entry has no name. */
function label(index: number, name: unknown): Sentence {
  return typeof name === 'string' && name.trim()
    ? sentence('profileTransfer.problem.profileNamed', { number: index + 1, name })
    : sentence('profileTransfer.problem.profileNumbered', { number: index + 1 });
}

/**
 * Reads and checks the file: every profile valid, no secret, no name twice. `file` is the
 * file's name as the reader knows it (the sentences name it).
 */
export function parseProfilesFile(text: string, file: string): { profiles: Parsed[]; problems: Sentence[] } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { profiles: [], problems: [sentence('profileTransfer.problem.notJson', { file })] };
  }
  const root = document as { mailPreflightProfiles?: unknown; profiles?: unknown } | null;
  if (
    typeof root !== 'object' ||
    root === null ||
    root.mailPreflightProfiles !== FILE_VERSION ||
    !Array.isArray(root.profiles)
  ) {
    return {
      profiles: [],
      problems: [sentence('profileTransfer.problem.notProfilesFile', { file, version: FILE_VERSION })],
    };
  }
  const problems: Sentence[] = [];
  const profiles: Parsed[] = [];
  const seen = new Set<string>();
  root.profiles.forEach((entry: unknown, index) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const profile = label(index, record['name']);
    const fields = Object.keys(record).filter((key) => !PORTABLE_KEYS.has(key));
    if (fields.length) {
      const secret = fields.some((k) => /password|secret|token/i.test(k));
      problems.push(
        sentence(secret ? 'profileTransfer.problem.secret' : 'profileTransfer.problem.unknownField', {
          profile,
          fields,
        }),
      );
      return;
    }
    const { clientKey, trustedCertificates, ...rest } = record;
    const extras = portableExtras.safeParse({ clientKey, trustedCertificates });
    const parsed = profileFieldsSchema.safeParse({
      ...emptyProfileFields(),
      ...rest,
      clientKeyId: null,
      trustedCertificateIds: [],
    });
    if (!parsed.success || !extras.success) {
      const issues = [...(parsed.error?.issues ?? []), ...(extras.error?.issues ?? [])];
      problems.push(sentence('profileTransfer.problem.invalid', { profile, reason: issueSentences(issues) }));
      return;
    }
    const key = parsed.data.name.trim().toLowerCase();
    if (seen.has(key)) {
      problems.push(sentence('profileTransfer.problem.nameTwice', { profile }));
      return;
    }
    seen.add(key);
    profiles.push({ fields: parsed.data, ...extras.data });
  });
  return { profiles, problems };
}

export class ProfileTransfer {
  private readonly profiles: ProfileService;
  private readonly certificates: CertificateService;

  constructor(profiles: ProfileService, certificates: CertificateService) {
    this.profiles = profiles;
    this.certificates = certificates;
  }

  /** The profiles (all, or those with the given ids) as the file's JSON text. */
  async exportFile(ids?: string[]): Promise<string> {
    const chosen = this.profiles.all().filter((p) => !ids || ids.includes(p.id));
    const portable = await Promise.all(chosen.map((p) => this.portable(p)));
    return JSON.stringify({ mailPreflightProfiles: FILE_VERSION, profiles: portable }, null, 2) + '\n';
  }

  /** Checks the whole file (`file` names it in the sentences), then imports all of it or nothing. */
  async importFile(text: string, file: string, onConflict: ConflictChoice): Promise<ImportOutcome> {
    const { profiles, problems } = parseProfilesFile(text, file);
    const existing = this.profiles.all();
    const byName = (name: string) =>
      existing.find((p) => p.name.trim().toLowerCase() === name.trim().toLowerCase());
    const conflicts = profiles.map((p) => p.fields.name).filter((name) => byName(name));
    if (onConflict === 'refuse') {
      for (const name of conflicts) problems.push(sentence('profileTransfer.problem.exists', { name }));
    }
    if (profiles.length === 0 && problems.length === 0) {
      problems.push(sentence('profileTransfer.problem.empty', { file }));
    }
    if (problems.length) return { ok: false, problems, conflicts: onConflict === 'refuse' ? conflicts : [] };

    const keystores = await this.certificates.listKeystores();
    const trusted = await this.certificates.listTrusted();
    const imported: string[] = [];
    const replaced: string[] = [];
    const warnings: Sentence[] = [];
    for (const profile of profiles) {
      const clientKeyId = profile.clientKey
        ? (keystores.find((k) => k.name === profile.clientKey)?.id ?? null)
        : null;
      if (profile.clientKey && !clientKeyId) {
        warnings.push(
          sentence('profileTransfer.problem.missingKey', {
            key: profile.clientKey,
            name: profile.fields.name,
          }),
        );
      }
      const trustedCertificateIds = profile.trustedCertificates.flatMap((name) => {
        const found = trusted.find((c) => c.sourceDetail === name);
        if (!found)
          warnings.push(
            sentence('profileTransfer.problem.missingCertificate', {
              certificate: name,
              name: profile.fields.name,
            }),
          );
        return found ? [found.id] : [];
      });
      let fields: ProfileFields = { ...profile.fields, clientKeyId, trustedCertificateIds };
      const clash = byName(fields.name);
      if (clash && onConflict === 'replace') {
        this.profiles.update(clash.id, fields);
        replaced.push(fields.name);
        continue;
      }
      if (clash) fields = { ...fields, name: this.freeName(fields.name) };
      await this.profiles.create(fields);
      imported.push(fields.name);
    }
    return { ok: true, imported, replaced, warnings };
  }

  private async portable(profile: Profile): Promise<PortableProfile> {
    const names = await this.certificates.namesFor(profile);
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(emptyProfileFields()) as Array<keyof ProfileFields>) {
      if (key !== 'clientKeyId' && key !== 'trustedCertificateIds') fields[key] = profile[key];
    }
    return {
      ...(fields as Omit<PortableProfile, 'clientKey' | 'trustedCertificates'>),
      clientKey: names.clientKey,
      trustedCertificates: names.trusted,
    };
  }

  /** "Relay (2)", "Relay (3)", …: the first name no profile has. */
  private freeName(name: string): string {
    const taken = new Set(this.profiles.all().map((p) => p.name.trim().toLowerCase()));
    for (let n = 2; ; n++) {
      const candidate = `${name} (${n})`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }
}
