/** What the working pane shows. */
export type View = { kind: 'none' } | { kind: 'new' } | { kind: 'profile'; id: string } | { kind: 'log' };

export const NAV_NEW = 'new';
export const NAV_LOG = 'log';

/** The Nav's selected value for a view (profiles by id). */
export function navValue(view: View): string | undefined {
  if (view.kind === 'profile') return `profile:${view.id}`;
  if (view.kind === 'log') return NAV_LOG;
  if (view.kind === 'new') return NAV_NEW;
  return undefined;
}

export function sameView(a: View, b: View): boolean {
  return navValue(a) === navValue(b);
}
