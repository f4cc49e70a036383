/**
 * Authentication-Results (RFC 8601) as the receiving side stamped them:
 *
 *   Authentication-Results: mx.google.com;
 *          dkim=pass header.i=@example.com header.s=sel1;
 *          spf=softfail (google.com: domain of transitioning a@example.com does not
 *            designate 203.0.113.5 as permitted sender) smtp.mailfrom=a@example.com;
 *          dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=example.com
 *
 * Only fields added in transit count: a field below the oldest Received header was written
 * by the sender (or anyone before the first hop) and proves nothing.
 */
import { isIP } from 'node:net';
import type { Language } from '../i18n';
import { explainAuthResult } from './auth-explanations';
import { headerValues, type HeaderField } from './message-headers';
import type { AuthResult } from './types';

export interface ResultInfo {
  method: string;
  result: string;
  reason: string | null;
  /** ptype.property → value, e.g. "smtp.mailfrom" → "a@example.com", "header.d" → "example.com". */
  props: Record<string, string>;
  comments: string[];
}

export interface ParsedAuthenticationResults {
  authservId: string;
  results: ResultInfo[];
}

/** Splits on top-level `separator` (outside comments and quoted strings); comments are kept as "(…)". */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      current += c + (text[++i] ?? '');
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
      current += c;
      continue;
    }
    if (c === '"' && depth === 0) quoted = true;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === separator && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

/** Words of one resinfo with comments pulled out: `spf=pass (reason) smtp.mailfrom=a@b`. */
function wordsAndComments(text: string): { words: string[]; comments: string[] } {
  const words: string[] = [];
  const comments: string[] = [];
  let depth = 0;
  let quoted = false;
  let word = '';
  let comment = '';
  const endWord = (): void => {
    if (word) words.push(word);
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (depth > 0) {
      if (c === '\\') {
        comment += text[++i] ?? '';
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (depth === 0) {
        if (comment.trim()) comments.push(comment.trim());
        comment = '';
      } else {
        comment += c;
      }
      continue;
    }
    if (quoted) {
      if (c === '\\') word += text[++i] ?? '';
      else if (c === '"') quoted = false;
      else word += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      continue;
    }
    if (c === '(') {
      endWord();
      depth = 1;
      continue;
    }
    if (/\s/.test(c)) {
      // "spf = pass" is legal: keep "=" with its neighbours
      if (word.endsWith('=') || /^\s*=/.test(text.slice(i))) continue;
      endWord();
      continue;
    }
    word += c;
  }
  endWord();
  return { words, comments };
}

/** Parses one Authentication-Results field value. */
export function parseAuthenticationResults(value: string): ParsedAuthenticationResults {
  const parts = splitTopLevel(value, ';');
  // Microsoft 365 leaves out the authserv-id: its first part is already "spf=…".
  const first = wordsAndComments(parts[0] ?? '').words[0] ?? '';
  const hasId = !/^[a-z0-9-]+(?:\/[0-9]+)?=/i.test(first);
  const authservId = hasId ? first : '';
  const resinfos = hasId ? parts.slice(1) : parts;
  const results: ResultInfo[] = [];
  for (const resinfo of resinfos) {
    const { words, comments } = wordsAndComments(resinfo);
    const [first, ...rest] = words;
    const eq = first?.indexOf('=') ?? -1;
    if (!first || eq <= 0) continue; // "none" (no results) or noise
    const method = first.slice(0, eq).split('/')[0]!.toLowerCase();
    const result = first.slice(eq + 1).toLowerCase();
    let reason: string | null = null;
    const props: Record<string, string> = {};
    for (const word of rest) {
      const at = word.indexOf('=');
      if (at <= 0) continue;
      const key = word.slice(0, at).toLowerCase();
      const propValue = word.slice(at + 1);
      if (key === 'reason') reason = propValue;
      else props[key] = propValue;
    }
    results.push({ method, result, reason, props, comments });
  }
  return { authservId, results };
}

/** The domain of an address or "@domain" identity, lower-cased. */
export function domainOf(identity: string | undefined | null): string | null {
  if (!identity) return null;
  const bare = identity.replace(/^<|>$/g, '').trim();
  const at = bare.lastIndexOf('@');
  const domain = (at >= 0 ? bare.slice(at + 1) : bare).toLowerCase();
  return domain || null;
}

/**
 * The results the receiving side stamped: from the Authentication-Results fields above the
 * oldest Received field, the newest one that reports each method (a relay's own field
 * further down is older news). Null when the receiver stamped none.
 */
export function receiverResults(fields: readonly HeaderField[]): ResultInfo[] | null {
  let oldestReceived = -1;
  fields.forEach((f, i) => {
    if (f.name.toLowerCase() === 'received') oldestReceived = i;
  });
  if (oldestReceived < 0) return null; // no trace at all: nothing was stamped in transit
  const stamped = fields
    .slice(0, oldestReceived)
    .filter((f) => f.name.toLowerCase() === 'authentication-results')
    .map((f) => parseAuthenticationResults(f.value));
  const results: ResultInfo[] = [];
  const taken = new Set<string>();
  for (const field of stamped) {
    const methods = new Set(field.results.map((r) => r.method));
    for (const r of field.results) if (!taken.has(r.method)) results.push(r);
    for (const m of methods) taken.add(m);
  }
  return results.length ? results : null;
}

/** "smtp.mailfrom=a@example.com reason=\"…\" (comment)" */
function detailOf(info: ResultInfo): string {
  const parts = Object.entries(info.props).map(([k, v]) => `${k}=${v}`);
  if (info.reason) parts.push(`reason="${info.reason}"`);
  for (const c of info.comments) parts.push(`(${c})`);
  return parts.join(' ');
}

/** Gmail: "does not designate 203.0.113.5 as", Microsoft: "sender IP is 203.0.113.5", others: "client-ip=…". */
const ADDRESS_IN_COMMENT = /(?:designates?|sender IP is|client-ip=|\bip=)\s*\[?([0-9a-f:.]*[0-9a-f])\]?/i;

/** The receiver's results as AuthResults, each non-pass with its sentence of cause and fix. */
export function toAuthResults(
  results: readonly ResultInfo[],
  context: { clientIp: string | null; fromDomain: string | null; language?: Language },
): AuthResult[] {
  return results.map((info) => {
    const commentIp = info.comments
      .map((c) => ADDRESS_IN_COMMENT.exec(c)?.[1])
      .find((a): a is string => a !== undefined && isIP(a) !== 0);
    const ip = info.props['smtp.remote-ip'] ?? info.props['policy.iprev'] ?? commentIp ?? context.clientIp;
    const domain =
      info.method === 'spf'
        ? (domainOf(info.props['smtp.mailfrom']) ?? domainOf(info.props['smtp.helo']))
        : info.method === 'dkim'
          ? (domainOf(info.props['header.d']) ?? domainOf(info.props['header.i']))
          : (domainOf(info.props['header.from']) ?? context.fromDomain);
    return {
      method: info.method,
      result: info.result,
      detail: detailOf(info),
      explanation: explainAuthResult(
        {
          method: info.method,
          result: info.result,
          domain,
          ip,
          selector: info.props['header.s'] ?? null,
          fromDomain: domainOf(info.props['header.from']) ?? context.fromDomain,
          reason: info.reason ?? info.comments[0] ?? null,
        },
        context.language,
      ),
    };
  });
}

/** The domain of the (first) address in the From field. */
export function fromDomainOf(fields: readonly HeaderField[]): string | null {
  const from = headerValues(fields, 'from')[0];
  if (!from) return null;
  const angle = /<([^>]*)>/.exec(from)?.[1];
  return domainOf(angle ?? /[^\s<>",;:]+@[^\s<>",;:]+/.exec(from)?.[0] ?? null);
}

/** The receiver's results in a message's header fields, or null when it stamped none. */
export function authenticationResultsOf(
  fields: readonly HeaderField[],
  context: { clientIp: string | null; language?: Language },
): AuthResult[] | null {
  const results = receiverResults(fields);
  if (!results) return null;
  return toAuthResults(results, { ...context, fromDomain: fromDomainOf(fields) });
}
