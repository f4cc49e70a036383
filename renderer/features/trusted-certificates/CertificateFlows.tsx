/**
 * What the certificate screens share with the rest of the working pane:
 * - the lists of SSL keys and trusted certificates (each reloads when either page, a picker
 *   or the fetch dialog changed it);
 * - "Fetch from server" as one dialog, opened from the Trusted certificates page, from a
 *   profile's Trusted certificates field or from a failed run ("Fetch and trust…"), with a
 *   callback for the certificate it pinned;
 * - links to the SSL keys and Trusted certificates pages (through the frame's navigation,
 *   which asks first when the profile has unsaved changes).
 * The provider wraps the working pane's content in App.tsx.
 */
import {
  Suspense,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import { api } from '../../api';
import { lazyNamed } from '../../shared/lazyNamed';
import type { FetchTarget, KeyItem, TrustedCertificate, TrustedItem } from './types';

/** Opened on demand (see shared/lazyNamed.ts). */
const FetchCertificateDialog = lazyNamed(() => import('./FetchCertificateDialog'), 'FetchCertificateDialog');
export type CertificatePage = 'ssl-keys' | 'trusted';

export interface FetchRequest {
  /** Where to connect; missing parts come from the last profile shown. */
  target?: Partial<FetchTarget>;
  /** Fetch at once (the target is complete and the user asked for this server). */
  autoFetch?: boolean;
  /** After the user trusted the certificate (the dialog has closed). */
  onPinned?(certificate: TrustedCertificate): void;
}

interface Flows {
  /** Bumped when keys or trusted certificates change; lists reload on it. */
  version: { keys: number; trusted: number };
  changed(kind: 'keys' | 'trusted'): void;
  openFetch(request?: FetchRequest): void;
  goTo(page: CertificatePage): void;
}

const FlowsContext = createContext<Flows>({
  version: { keys: 0, trusted: 0 },
  changed: () => undefined,
  openFetch: () => undefined,
  goTo: () => undefined,
});

export function useCertificateFlows(): Flows {
  return useContext(FlowsContext);
}

/** Where a profile connects, as a fetch target (SMTP without TLS has nothing to fetch). */
function targetOf(profile: ProfileListItem | undefined): Partial<FetchTarget> {
  if (!profile) return {};
  return {
    host: profile.host,
    port: profile.port,
    ...(profile.security !== 'none' ? { security: profile.security } : {}),
  };
}

export function CertificateFlowsProvider({
  profile,
  onGoTo,
  children,
}: {
  /** The profile in the pane, if any: "Fetch from server" starts from the last one shown. */
  profile: ProfileListItem | undefined;
  onGoTo(page: CertificatePage): void;
  children: ReactNode;
}) {
  const [version, setVersion] = useState({ keys: 0, trusted: 0 });
  const [lastProfile, setLastProfile] = useState(profile);
  const [fetching, setFetching] = useState<(FetchRequest & { key: number }) | null>(null);
  if (profile && profile !== lastProfile) setLastProfile(profile);

  const changed = useCallback(
    (kind: 'keys' | 'trusted') => setVersion((current) => ({ ...current, [kind]: current[kind] + 1 })),
    [],
  );
  const openFetch = useCallback((request: FetchRequest = {}) => {
    setFetching({ ...request, key: Date.now() });
  }, []);

  const value = useMemo<Flows>(
    () => ({ version, changed, openFetch, goTo: onGoTo }),
    [version, changed, openFetch, onGoTo],
  );
  const initial = fetching ? { ...targetOf(lastProfile), ...fetching.target } : {};

  return (
    <FlowsContext.Provider value={value}>
      {children}
      {fetching && (
        <Suspense fallback={null}>
          <FetchCertificateDialog
            key={fetching.key}
            initial={initial}
            autoFetch={fetching.autoFetch ?? false}
            onClose={() => setFetching(null)}
            onPinned={(certificate) => {
              setFetching(null);
              changed('trusted');
              fetching.onPinned?.(certificate);
            }}
          />
        </Suspense>
      )}
    </FlowsContext.Provider>
  );
}

interface ListState<T> {
  items: T[] | null;
  error: string | null;
}

function useList<T>(
  load: () => Promise<{ ok: true; value: T[] } | { ok: false; error: { message: string } }>,
  version: number,
) {
  const [state, setState] = useState<ListState<T>>({ items: null, error: null });
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      setState(result.ok ? { items: result.value, error: null } : { items: [], error: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [load, version]);
  return state;
}

const loadKeys = () => api.invoke('keystores:list', undefined);
const loadTrusted = () => api.invoke('trusted:list', undefined);

/** The imported SSL keys, newest list (null while loading). */
export function useKeyList(): ListState<KeyItem> {
  return useList(loadKeys, useCertificateFlows().version.keys);
}

/** The trusted certificates, newest list (null while loading). */
export function useTrustedList(): ListState<TrustedItem> {
  return useList(loadTrusted, useCertificateFlows().version.trusted);
}
