/** The profile list with each profile's last run, reloaded after anything that changes it. */
import { useCallback, useEffect, useState } from 'react';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import { api, type Result } from '../../api';

export interface ProfilesState {
  items: ProfileListItem[];
  loaded: boolean;
  error: string | null;
  refresh(): Promise<ProfileListItem[] | null>;
}

export function useProfiles(): ProfilesState {
  const [items, setItems] = useState<ProfileListItem[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const apply = useCallback((result: Result<ProfileListItem[]>) => {
    setLoaded(true);
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    setError(null);
    setItems(result.value);
    return result.value;
  }, []);

  const refresh = useCallback(async () => apply(await api.invoke('profiles:list', undefined)), [apply]);

  useEffect(() => {
    let live = true;
    void api.invoke('profiles:list', undefined).then((result) => live && apply(result));
    return () => {
      live = false;
    };
  }, [apply]);

  return { items, loaded, error, refresh };
}
