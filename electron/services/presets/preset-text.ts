/**
 * What a person reads about a preset or a hosted relay: the data files hold ids, hosts and
 * ports only, and each sentence is a catalogue key made from them — `presets.<id>.username`,
 * `.password`, `.notes.<note id>`, `.ports.<port>`, and `hostedRelays.<id>` (without a final
 * full stop: the migration warning goes on after it). test/unit/presets checks that every key
 * these make is in the catalogues. Pure: the renderer says them with its own translator.
 */
import type { MessageKey, Sentence } from '../i18n/sentence';
import type { Preset } from './presets';
import type { HostedRelay } from './schema';

function text(key: string): Sentence {
  // The key is made from checked data; the test proves each one exists.
  return { key: key as MessageKey };
}

/** What goes into the username and password fields. */
export function presetHints(preset: Preset): { username: Sentence; password: Sentence } {
  return { username: text(`presets.${preset.id}.username`), password: text(`presets.${preset.id}.password`) };
}

export function presetNote(preset: Preset, note: Preset['notes'][number]): Sentence {
  return text(`presets.${preset.id}.notes.${note.id}`);
}

/** When to use one of the provider's other ports. */
export function presetPortNote(preset: Preset, port: number): Sentence {
  return text(`presets.${preset.id}.ports.${port}`);
}

export function hostedRelayNote(relay: HostedRelay): Sentence {
  return text(`hostedRelays.${relay.id}`);
}
