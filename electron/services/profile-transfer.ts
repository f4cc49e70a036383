/**
 * Profiles move between workstations as a JSON file without secrets: the settings of each
 * profile, its SSL key and trusted certificates by name (ids are local to a data folder),
 * never a password. Import checks the whole file first and imports nothing when anything
 * is wrong, saying each problem in one sentence; a profile whose name exists already is
 * only replaced, or added under a new name, when the caller says so.
 */
import { z } from 'zod';
import type { CertificateService } from './certificates';
import { describeIssues } from './messages';
import type { ProfileService } from './profiles';
import {
  emptyProfileFields,
  profileFieldsSchema,
  type Profile,
  type ProfileFields,
} from './settings/profile-schema';

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

export type ImportOutcome =
  | { ok: false; problems: string[]; conflicts: string[] }
  | { ok: true; imported: string[]; replaced: string[]; warnings: string[] };

interface Parsed {
  fields: ProfileFields;
  clientKey: string | null;
  trustedCertificates: string[];
}

function label(index: number, name: unknown): string {
  return typeof name === 'string' && name.trim()
    ? `Profile ${index + 1} (“${name}”)`
    : `Profile ${index + 1}`;
}

/** Reads and checks the file: every profile valid, no secret, no name twice. */
export function parseProfilesFile(text: string): { profiles: Parsed[]; problems: string[] } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { profiles: [], problems: ['The file is not JSON, so it is not a Mail Preflight profiles file.'] };
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
      problems: [
        `This is not a Mail Preflight profiles file: it needs "mailPreflightProfiles": ${FILE_VERSION} and a "profiles" list.`,
      ],
    };
  }
  const problems: string[] = [];
  const profiles: Parsed[] = [];
  const seen = new Set<string>();
  root.profiles.forEach((entry: unknown, index) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const name = label(index, record['name']);
    const unknown = Object.keys(record).filter((key) => !PORTABLE_KEYS.has(key));
    if (unknown.length) {
      problems.push(
        unknown.some((k) => /password|secret|token/i.test(k))
          ? `${name} holds “${unknown.join('”, “')}”: a profiles file never carries secrets; remove it.`
          : `${name} has “${unknown.join('”, “')}”, which a profile does not have.`,
      );
      return;
    }
    const { clientKey, trustedCertificates, ...rest } = record;
    const extras = portableExtras.safeParse({ clientKey, trustedCertificates });
    const fields = profileFieldsSchema.safeParse({
      ...emptyProfileFields(),
      ...rest,
      clientKeyId: null,
      trustedCertificateIds: [],
    });
    if (!fields.success || !extras.success) {
      const issues = [...(fields.error?.issues ?? []), ...(extras.error?.issues ?? [])];
      problems.push(`${name}: ${describeIssues(issues)}`);
      return;
    }
    const key = fields.data.name.trim().toLowerCase();
    if (seen.has(key)) {
      problems.push(`${name}: the file has another profile with this name.`);
      return;
    }
    seen.add(key);
    profiles.push({ fields: fields.data, ...extras.data });
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

  /** Checks the whole file, then imports all of it or nothing. */
  async importFile(text: string, onConflict: ConflictChoice): Promise<ImportOutcome> {
    const { profiles, problems } = parseProfilesFile(text);
    const existing = this.profiles.all();
    const byName = (name: string) =>
      existing.find((p) => p.name.trim().toLowerCase() === name.trim().toLowerCase());
    const conflicts = profiles.map((p) => p.fields.name).filter((name) => byName(name));
    if (onConflict === 'refuse') {
      for (const name of conflicts) {
        problems.push(
          `A profile named “${name}” exists already: replace it, or keep both (the imported one gets a new name).`,
        );
      }
    }
    if (profiles.length === 0 && problems.length === 0) problems.push('The file holds no profiles.');
    if (problems.length) return { ok: false, problems, conflicts: onConflict === 'refuse' ? conflicts : [] };

    const keystores = await this.certificates.listKeystores();
    const trusted = await this.certificates.listTrusted();
    const imported: string[] = [];
    const replaced: string[] = [];
    const warnings: string[] = [];
    for (const profile of profiles) {
      const clientKeyId = profile.clientKey
        ? (keystores.find((k) => k.name === profile.clientKey)?.id ?? null)
        : null;
      if (profile.clientKey && !clientKeyId) {
        warnings.push(
          `The SSL key “${profile.clientKey}” is not on this workstation: import it under SSL keys and choose it in “${profile.fields.name}”.`,
        );
      }
      const trustedCertificateIds = profile.trustedCertificates.flatMap((name) => {
        const found = trusted.find((c) => c.sourceDetail === name);
        if (!found)
          warnings.push(
            `The trusted certificate “${name}” is not on this workstation: import it for “${profile.fields.name}”.`,
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
