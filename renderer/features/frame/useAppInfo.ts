/**
 * Loads `app:info` once at start-up (keychain availability, one-time notices, the language)
 * and speaks the language it names; `setLanguage` keeps a new choice and applies it at once.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../../electron/ipc/contract';
import type { Language } from '../../../electron/services/i18n/languages';
import { api } from '../../api';
import { applyLanguage } from '../../i18n';

export function useAppInfo(): {
  info: AppInfo | null;
  error: string | null;
  setLanguage(choice: Language | null): Promise<void>;
} {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = useCallback((next: AppInfo) => {
    void applyLanguage(next.language);
    setInfo(next);
  }, []);
  useEffect(() => {
    let live = true;
    void api.invoke('app:info', undefined).then((result) => {
      if (!live) return;
      if (result.ok) show(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [show]);
  const setLanguage = useCallback(
    async (choice: Language | null) => {
      const result = await api.invoke('app:setLanguage', { language: choice });
      if (result.ok) show(result.value);
      else setError(result.error.message);
    },
    [show],
  );
  return { info, error, setLanguage };
}
