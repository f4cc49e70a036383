/**
 * Fluent themes that follow the OS colour scheme live (prefers-color-scheme), with the
 * system font for text and a system monospace face for server replies and transcripts.
 */
import { createElement, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { FluentProvider, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

const DARK_QUERY = '(prefers-color-scheme: dark)';

const fonts: Partial<Theme> = {
  fontFamilyBase:
    'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace:
    'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
};

export const lightTheme: Theme = { ...webLightTheme, ...fonts };
export const darkTheme: Theme = { ...webDarkTheme, ...fonts };

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True while the OS asks for dark colours; re-renders when that changes. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(DARK_QUERY).matches);
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  const dark = usePrefersDark();
  useEffect(() => {
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);
  return createElement(
    FluentProvider,
    { theme: dark ? darkTheme : lightTheme, style: { height: '100%' } },
    children,
  );
}
