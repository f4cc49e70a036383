/**
 * The test log, page by page: `log:list` with offset/limit, loading only the pages the
 * visible rows need, so thousands of entries scroll without fetching them all. Pages are
 * kept per filter; a new filter starts from an empty set.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogSummary } from '../../../electron/ipc/contract';
import type { Verdict } from '../../../electron/services/smtp/report';
import { api } from '../../api';

export const PAGE_SIZE = 200;

export interface LogFilter {
  profileId?: string;
  verdict?: Verdict;
}

interface Loaded {
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, LogSummary[]>;
  error: string | null;
  /** Log lines of another shape, skipped by the main process. */
  skipped?: number;
}

export function useLogPages(filter: LogFilter) {
  const { profileId, verdict } = filter;
  const key = `${profileId ?? '*'}|${verdict ?? '*'}`;
  const [loaded, setLoaded] = useState<Loaded>({ key, total: null, pages: new Map(), error: null });
  const requested = useRef({ key, pages: new Set<number>() });
  const current: Loaded = loaded.key === key ? loaded : { key, total: null, pages: new Map(), error: null };

  const loadPage = useCallback(
    (page: number) => {
      if (requested.current.key !== key) requested.current = { key, pages: new Set() };
      const pages = requested.current.pages;
      if (pages.has(page)) return;
      pages.add(page);
      void api
        .invoke('log:list', {
          ...(profileId ? { profileId } : {}),
          ...(verdict ? { verdict } : {}),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        })
        .then((result) => {
          if (!result.ok) pages.delete(page);
          setLoaded((prev) => {
            const base: Loaded =
              prev.key === key ? prev : { key, total: null, pages: new Map(), error: null };
            if (!result.ok) return { ...base, error: result.error.message };
            return {
              key,
              total: result.value.total,
              pages: new Map(base.pages).set(page, result.value.items),
              error: null,
              skipped: result.value.skipped,
            };
          });
        });
    },
    [key, profileId, verdict],
  );

  useEffect(() => {
    loadPage(0);
  }, [loadPage]);

  const total = current.total;
  /** Makes sure the rows first..last are loaded (or loading). */
  const ensureRows = useCallback(
    (first: number, last: number) => {
      if (total === null) return;
      const lastRow = Math.min(last, total - 1);
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(lastRow / PAGE_SIZE); page++)
        loadPage(page);
    },
    [loadPage, total],
  );

  const pages = current.pages;
  const rowAt = useCallback(
    (index: number): LogSummary | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  );

  return { total, rowAt, ensureRows, error: current.error, skipped: current.skipped ?? 0 };
}
