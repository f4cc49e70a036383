/** Loads `app:info` once at start-up: keychain availability and one-time notices. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../electron/ipc/contract';
import { api } from '../../api';

export function useAppInfo(): { info: AppInfo | null; error: string | null } {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.invoke('app:info', undefined).then((result) => {
      if (!live) return;
      if (result.ok) setInfo(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, []);
  return { info, error };
}
