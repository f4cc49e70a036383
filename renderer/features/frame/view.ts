/** What the working pane shows. */
import type { NewProfileStart } from '../presets/presetSetup';

export type View =
  | { kind: 'none' }
  | { kind: 'new'; start: NewProfileStart }
  | { kind: 'profile'; id: string }
  | { kind: 'log' }
  | { kind: 'ssl-keys' }
  | { kind: 'trusted' };

export const NAV_NEW = 'new';
export const NAV_LOG = 'log';
export const NAV_SSL_KEYS = 'ssl-keys';
export const NAV_TRUSTED = 'trusted';

/** The Nav's selected value for a view (profiles by id). */
export function navValue(view: View): string | undefined {
  if (view.kind === 'profile') return `profile:${view.id}`;
  if (view.kind === 'log') return NAV_LOG;
  if (view.kind === 'ssl-keys') return NAV_SSL_KEYS;
  if (view.kind === 'trusted') return NAV_TRUSTED;
  if (view.kind === 'new') return NAV_NEW;
  return undefined;
}

/** The same pane: a new profile started again (from a preset) is another one. */
export function sameView(a: View, b: View): boolean {
  if (a.kind === 'new' && b.kind === 'new') return a.start.nonce === b.start.nonce;
  return navValue(a) === navValue(b);
}
