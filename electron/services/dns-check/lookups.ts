/**
 * DNS lookups for one check: each bounded by a timeout, never throwing (the outcome says what
 * happened), and shared, so that the MX check, the SPF evaluation for several relay addresses
 * and the alignment check ask the resolver for each name and type once.
 */
import { sentence, type Sentence } from '../i18n/sentence';
import type { DnsResolver } from './types';

export type LookupFailure = 'nxdomain' | 'nodata' | 'timeout' | 'error';

export type LookupResult<T> =
  | { ok: true; value: T }
  | { ok: false; failure: LookupFailure; /** The resolver's code, e.g. ESERVFAIL. */ code: string };

export interface Lookups {
  readonly timeoutMs: number;
  mx(name: string): Promise<LookupResult<Array<{ exchange: string; priority: number }>>>;
  /** Each record's strings joined, as SPF, DMARC and DKIM read them. */
  txt(name: string): Promise<LookupResult<string[]>>;
  a(name: string): Promise<LookupResult<string[]>>;
  aaaa(name: string): Promise<LookupResult<string[]>>;
}

/** "no such name" and "no records of that type": the answers, not failures, of a lookup. */
export function isEmptyAnswer(failure: LookupFailure): boolean {
  return failure === 'nxdomain' || failure === 'nodata';
}

export function createLookups(resolver: DnsResolver, timeoutMs: number): Lookups {
  const cache = new Map<string, Promise<LookupResult<unknown>>>();
  const cached = <T>(type: string, name: string, run: () => Promise<T>): Promise<LookupResult<T>> => {
    const key = `${type} ${name.toLowerCase().replace(/\.$/, '')}`;
    let result = cache.get(key);
    if (!result) {
      result = bounded(run, timeoutMs);
      cache.set(key, result);
    }
    return result as Promise<LookupResult<T>>;
  };
  return {
    timeoutMs,
    mx: (name) => cached('MX', name, () => resolver.resolveMx(name)),
    txt: (name) =>
      cached('TXT', name, async () => (await resolver.resolveTxt(name)).map((strings) => strings.join(''))),
    a: (name) => cached('A', name, () => resolver.resolve4(name)),
    aaaa: (name) => cached('AAAA', name, () => resolver.resolve6(name)),
  };
}

async function bounded<T>(run: () => Promise<T>, timeoutMs: number): Promise<LookupResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<LookupResult<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, failure: 'timeout', code: 'ETIMEOUT' }), timeoutMs);
  });
  const lookup = (async (): Promise<LookupResult<T>> => {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const code =
        typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'ERROR';
      return { ok: false, failure: classify(code), code };
    }
  })();
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function classify(code: string): LookupFailure {
  switch (code) {
    case 'ENOTFOUND':
      return 'nxdomain';
    case 'ENODATA':
      return 'nodata';
    case 'ETIMEOUT':
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'error';
  }
}

/**
 * A few words on a failed lookup, said inside a summary: "timed out after 5000 ms",
 * "failed (ESERVFAIL)".
 */
export function describeFailure(
  result: { failure: LookupFailure; code: string },
  timeoutMs: number,
): Sentence {
  switch (result.failure) {
    case 'timeout':
      return sentence('dnsFinding.lookup.timeout', { ms: timeoutMs });
    case 'nxdomain':
      return sentence('dnsFinding.lookup.nxdomain');
    case 'nodata':
      return sentence('dnsFinding.lookup.nodata');
    default:
      return sentence('dnsFinding.lookup.error', { code: result.code });
  }
}

/** The fix for a lookup that timed out or failed: the check itself could not be made. */
export const RETRY_FIX: Sentence = sentence('dnsFinding.retryFix');
