/** Locale-aware numbers, durations, times and lists for the current i18n language. */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

export function useFormat() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const formats = useMemo(
    () => ({
      integer: new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }),
      seconds: new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      list: new Intl.ListFormat(lang, { type: 'conjunction' }),
      relative: new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' }),
      dateTime: new Intl.DateTimeFormat(lang, {
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        second: '2-digit',
      }),
    }),
    [lang],
  );

  /** 412 → "412 ms"; 2412 → "2.4 s". */
  const duration = useCallback(
    (ms: number | null | undefined) => {
      if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
      if (ms < 1000) return t('units.ms', { value: formats.integer.format(Math.round(ms)) });
      return t('units.seconds', { value: formats.seconds.format(ms / 1000) });
    },
    [formats, t],
  );

  /** An ISO time → "3 min. ago". */
  const ago = useCallback(
    (iso: string, now: number = Date.now()) => {
      // Never in the future: the main process's clock may run a few ms ahead.
      let value = Math.min(0, (new Date(iso).getTime() - now) / 1000);
      if (!Number.isFinite(value)) return '';
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(value) < size) return formats.relative.format(Math.round(value), unit);
        value /= size;
      }
      return '';
    },
    [formats],
  );

  const dateTime = useCallback(
    (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : formats.dateTime.format(date);
    },
    [formats],
  );

  const count = useCallback((n: number) => formats.integer.format(n), [formats]);

  /** ['465', '587', '25'] → "465, 587, and 25". */
  const list = useCallback((items: string[]) => formats.list.format(items), [formats]);

  return { duration, ago, dateTime, count, list };
}
