/**
 * React.lazy for a named export, for what the first screen does not show: the other screens
 * (test log, SSL keys, trusted certificates) and the dialogs and guides opened on demand.
 * Each becomes its own script chunk, fetched from the app's own origin when first rendered
 * (the CSP's `script-src 'self'` allows it), so the window starts with less script to load.
 * Render it inside a <Suspense> boundary.
 *
 *   const TestLogScreen = lazyNamed(() => import('../features/log/TestLogScreen'), 'TestLogScreen');
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// `any` props as in React.lazy's own signature: a component type is not assignable otherwise.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyNamed<K extends string, C extends ComponentType<any>>(
  load: () => Promise<Record<K, C>>,
  name: K,
): LazyExoticComponent<C> {
  return lazy(async () => ({ default: (await load())[name] }));
}
