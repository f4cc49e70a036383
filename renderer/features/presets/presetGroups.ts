/**
 * How the preset picker groups the providers (presentation only; the facts stay in
 * presets.json). A preset missing from every group joins "your own server", before Custom,
 * which always comes last.
 */
import { PRESETS, type Preset, type PresetId } from '../../../electron/services/presets';

export type PresetGroupKey = 'personal' | 'work' | 'services' | 'own';

const GROUPS: ReadonlyArray<{ key: PresetGroupKey; ids: readonly PresetId[] }> = [
  { key: 'personal', ids: ['gmail', 'outlook-com', 'icloud', 'yahoo', 'fastmail', 'zoho'] },
  { key: 'work', ids: ['google-workspace', 'google-workspace-relay', 'microsoft-365'] },
  { key: 'services', ids: ['amazon-ses', 'sendgrid', 'mailgun', 'postmark'] },
  { key: 'own', ids: ['local-relay'] },
];

export function presetGroups(): Array<{ key: PresetGroupKey; presets: Preset[] }> {
  const listed = new Set<string>(GROUPS.flatMap((group) => group.ids));
  const byId = (id: PresetId) => PRESETS.find((preset) => preset.id === id);
  return GROUPS.map((group) => {
    const presets = group.ids.map(byId).filter((preset): preset is Preset => preset !== undefined);
    if (group.key === 'own') {
      presets.push(...PRESETS.filter((preset) => !listed.has(preset.id) && preset.id !== 'custom'));
      const custom = byId('custom');
      if (custom) presets.push(custom);
    }
    return { key: group.key, presets };
  });
}
