/**
 * From a provider preset (electron/services/presets: reviewed data, pure) to the profile
 * form: the fields a new profile starts with, which preset a profile's settings belong to,
 * and the SES region in a host. The preset data itself is never copied here.
 */
import {
  PRESETS,
  normaliseHost,
  presetById,
  type Preset,
  type PresetId,
} from '../../../electron/services/presets';
import type { ProfileFields, Security } from '../../../electron/services/settings/profile';

/** How a new profile starts: a preset, and what autodetect found (if it was used). */
export interface NewProfileStart {
  /** Tells two starts apart: choosing a provider again starts over. */
  nonce: number;
  presetId: PresetId;
  /** A candidate from autodetect: where to connect, instead of the preset's defaults. */
  server?: { host: string; port: number; security: Security };
  /** The address autodetect was asked about: it becomes the username and the From address. */
  address?: string;
}

let lastNonce = 0;

export function newProfileStart(
  presetId: PresetId,
  extra: Omit<NewProfileStart, 'nonce' | 'presetId'> = {},
): NewProfileStart {
  lastNonce += 1;
  return { nonce: lastNonce, presetId, ...extra };
}

/** The presets whose app passwords the Gmail guide walks through. */
export type GooglePresetId = 'gmail' | 'google-workspace';

export function isGoogleAccountPreset(id: string | undefined): id is GooglePresetId {
  return id === 'gmail' || id === 'google-workspace';
}

/** The form's first values for a new profile started from `start`. */
export function startFields(start: NewProfileStart): Partial<ProfileFields> {
  const preset = presetById(start.presetId) ?? presetById('custom');
  if (!preset) return {};
  const address = start.address?.includes('@') ? start.address : undefined;
  return {
    // Custom: named after the server autodetect found, if any; the user names it otherwise.
    name: preset.id === 'custom' ? (start.server?.host ?? '') : preset.name,
    // SES: the host follows the region the user picks (the Region field asks first).
    host: start.server?.host ?? (preset.regions ? '' : preset.host),
    port: start.server?.port ?? preset.port,
    security: start.server?.security ?? preset.security,
    anonymous: preset.anonymous,
    username: preset.fixedUsername ?? (address && !preset.anonymous ? address : ''),
    from: address ?? '',
    // The provider the profile is made for (its guide and notes); Custom is none.
    presetId: preset.id === 'custom' ? null : preset.id,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The region in a host made from the preset's template (SES), if it is one of its regions. */
export function regionOfHost(preset: Preset, host: string): string | undefined {
  if (!preset.regions) return undefined;
  const [before = '', after = ''] = preset.host.split('{region}');
  const match = new RegExp(`^${escapeRegExp(before)}([a-z0-9-]+)${escapeRegExp(after)}$`).exec(
    normaliseHost(host),
  );
  const region = match?.[1];
  return region && preset.regions.includes(region) ? region : undefined;
}

function servesHost(preset: Preset, host: string): boolean {
  if (preset.regions) return regionOfHost(preset, host) !== undefined;
  return normaliseHost(preset.host) === host || preset.mxHost === host;
}

function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at > 0 ? normaliseHost(address.slice(at + 1)) || undefined : undefined;
}

/**
 * The preset a server address belongs to (smtp.office365.com → Microsoft 365). smtp.gmail.com
 * is Gmail's and Google Workspace's: a gmail.com address decides for Gmail, another domain
 * for Workspace. localhost (the local relay) and Custom are never guessed from a host.
 */
export function presetForServer(values: {
  host: string;
  username: string;
  from: string;
}): PresetId | undefined {
  const host = normaliseHost(values.host);
  if (!host) return undefined;
  const matches = PRESETS.filter(
    (preset) => preset.id !== 'custom' && preset.id !== 'local-relay' && servesHost(preset, host),
  );
  if (matches.length <= 1) return matches[0]?.id;
  const domain = domainOf(values.username) ?? domainOf(values.from);
  if (!domain) return matches[0]?.id;
  return (
    matches.find((preset) => preset.domains?.includes(domain)) ??
    matches.find((preset) => !preset.domains) ??
    matches[0]
  )?.id;
}

/**
 * The preset the form is about: the one the profile was started from (or the guide chose),
 * unless the server address now belongs to another provider; otherwise the one the server
 * address names. Undefined for Custom and for servers no preset knows.
 */
export function effectivePreset(
  chosen: PresetId | undefined,
  values: { host: string; username: string; from: string },
): Preset | undefined {
  const chosenPreset = chosen && chosen !== 'custom' ? presetById(chosen) : undefined;
  if (chosenPreset && (!values.host.trim() || servesHost(chosenPreset, normaliseHost(values.host)))) {
    return chosenPreset;
  }
  const detected = presetForServer(values);
  const preset = detected ? presetById(detected) : chosenPreset;
  return preset?.id === 'custom' ? undefined : preset;
}
