/**
 * Which preset a saved profile was started from, kept in the renderer's local storage (a
 * preset id is no secret) until the profile store has a field for it. Without it a Gmail
 * profile pointed at another host (a test server, a local relay in front of Gmail) would
 * lose its guide.
 */
import { presetById, type PresetId } from '../../../electron/services/presets';

const KEY = 'mail-preflight.profile-presets';

function read(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** When local storage is unavailable, the choice lasts for this session. */
const session: Record<string, string> = {};

function write(all: Record<string, string>): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage full or unavailable: the session copy still holds it.
  }
}

export function rememberPreset(profileId: string, presetId: PresetId): void {
  session[profileId] = presetId;
  write({ ...read(), [profileId]: presetId });
}

export function recallPreset(profileId: string): PresetId | undefined {
  const id = read()[profileId] ?? session[profileId];
  return id ? presetById(id)?.id : undefined;
}

export function forgetPreset(profileId: string): void {
  delete session[profileId];
  const { [profileId]: _gone, ...rest } = read();
  write(rest);
}
