/**
 * The bundled provider presets: reviewed facts kept as data in presets.json (one entry per
 * provider, each with the provider's own documentation URL). The file ships with the app and
 * test/unit/presets checks it against `presetListSchema` (and that this list equals the
 * parsed one), so it is not parsed again at every start: building the schemas and parsing
 * cost the command line about 3 MiB and tens of milliseconds (see `npm run bench`).
 *
 * Pure: no Node or DOM imports, so the renderer can list presets without a round trip.
 */
import data from './presets.json' with { type: 'json' };
import type { Preset } from './schema';

export type { Preset, PresetId, PresetSecurity, AppPasswordKind } from './schema';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Every preset, in the order the UI lists them (Custom last). */
export const PRESETS: readonly Preset[] = deepFreeze(data as Preset[]);

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** A host name in lower case without a trailing dot. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * `pattern` is a host name (matches that name only) or, with a leading dot, a suffix
 * (".google.com" matches "aspmx.l.google.com" and "google.com" itself).
 */
export function matchesHostPattern(host: string, pattern: string): boolean {
  const name = normaliseHost(host);
  if (!pattern.startsWith('.')) return name === pattern;
  return name === pattern.slice(1) || name.endsWith(pattern);
}

/** The preset for an address domain known offline (gmail.com → Gmail), if any. */
export function presetForDomain(domain: string): Preset | undefined {
  const name = normaliseHost(domain);
  return PRESETS.find((preset) => preset.domains?.includes(name));
}

/** The presets whose MX patterns match an MX host (aspmx.l.google.com → Google Workspace, its relay). */
export function presetsForMx(exchange: string): Preset[] {
  return PRESETS.filter((preset) =>
    preset.mxPatterns.some((pattern) => matchesHostPattern(exchange, pattern)),
  );
}

/**
 * The host to connect to: the template filled with a region for SES (the first listed
 * region when none is given), the host as is otherwise.
 */
export function presetHost(preset: Preset, region?: string): string {
  if (!preset.host.includes('{region}')) return preset.host;
  const chosen = region ?? preset.regions?.[0];
  if (!chosen) throw new Error(`${preset.id} needs a region`);
  return preset.host.replace('{region}', chosen);
}
