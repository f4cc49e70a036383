/**
 * The Received chain of a delivered message: each hop's sender, receiver, protocol and
 * time, oldest first, with the delay at each hop. Also picks the hop at which the message
 * entered the receiving side, whose client address and HELO name SPF is checked against.
 *
 *   Received: from mx.example.com (mx.example.com [203.0.113.5])
 *           by mail.example.org (Postfix) with ESMTPS id 4AbC;
 *           Sun, 29 Nov 2026 00:36:22 +0000 (UTC)
 */
import { isIP } from 'node:net';
import { addressScope } from '../presets/migration';
import type { Hop } from './types';

export interface ReceivedFields {
  /** The name the sender gave (HELO/EHLO), or an address literal such as "[127.0.0.1]". */
  fromName: string | null;
  /** The sender's address from the TCP-info comment (or an address literal HELO). */
  ip: string | null;
  by: string | null;
  with: string | null;
  id: string | null;
  for: string | null;
  /** "(envelope-from <a@b>)" as Dovecot, Exim and others stamp it. */
  envelopeFrom: string | null;
  /** Epoch ms of the date after the ";", or null when absent or unreadable. */
  time: number | null;
}

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

interface Token {
  word: string;
  /** Index of the word's first character in the value. */
  at: number;
  comments: string[];
}

/** Splits a Received value into words and (nested) comments, and the date after the last top-level ";". */
function tokenize(value: string): { tokens: Token[]; date: string | null } {
  const tokens: Token[] = [];
  let depth = 0;
  let word = '';
  let wordAt = 0;
  let comment = '';
  let lastSemicolon = -1;
  const endWord = (): void => {
    if (word) tokens.push({ word, at: wordAt, comments: [] });
    word = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (depth > 0) {
      if (c === '\\') {
        comment += value[++i] ?? '';
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (depth === 0) {
        tokens.at(-1)?.comments.push(comment.trim()); // a comment belongs to the word before it
        comment = '';
      } else {
        comment += c;
      }
      continue;
    }
    if (c === '(' || c === ';' || /\s/.test(c)) {
      endWord();
      if (c === ';') lastSemicolon = i;
      if (c === '(') depth = 1;
      continue;
    }
    if (!word) wordAt = i;
    word += c;
  }
  endWord();
  if (lastSemicolon < 0) return { tokens, date: null };
  return {
    tokens: tokens.filter((t) => t.at < lastSemicolon),
    date: value.slice(lastSemicolon + 1).trim() || null,
  };
}

const ADDRESS_LITERAL = /\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]/g;
const BARE_ADDRESS =
  /(?:^|[\s(])((?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?=$|[\s)])/g;

/** The last address in a TCP-info comment: "host.example. [203.0.113.5]", "(2001:db8::7)". */
function addressIn(texts: readonly string[]): string | null {
  for (const text of [...texts].reverse()) {
    const literals = [...text.matchAll(ADDRESS_LITERAL)].map((m) => m[1]!).filter((a) => isIP(a));
    if (literals.length) return literals.at(-1)!;
    const bare = [...text.matchAll(BARE_ADDRESS)].map((m) => m[1]!).filter((a) => isIP(a));
    if (bare.length) return bare.at(-1)!;
  }
  return null;
}

function parseDate(text: string | null): number | null {
  if (!text) return null;
  const withoutComments = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const time = Date.parse(withoutComments);
  return Number.isNaN(time) ? null : time;
}

/** Parses one Received field value (without the "Received:" name). */
export function parseReceived(value: string): ReceivedFields {
  const { tokens, date } = tokenize(value);
  const clauses = new Map<string, { words: string[]; comments: string[] }>();
  let current: { words: string[]; comments: string[] } | null = null;
  for (const token of tokens) {
    const keyword = token.word.toLowerCase();
    if (KEYWORDS.has(keyword) && !clauses.has(keyword)) {
      current = { words: [], comments: [...token.comments] };
      clauses.set(keyword, current);
      continue;
    }
    if (current) {
      current.words.push(token.word);
      current.comments.push(...token.comments);
    }
  }
  const first = (key: string): string | null => clauses.get(key)?.words[0] ?? null;
  const from = clauses.get('from');
  const fromName = first('from');
  let ip = from ? addressIn(from.comments) : null;
  if (!ip && fromName) {
    const literal = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(fromName)?.[1];
    if (literal && isIP(literal)) ip = literal;
  }
  const allComments = [...clauses.values()].flatMap((c) => c.comments);
  const envelope = allComments
    .map((c) => /^envelope-from\s+<?([^>\s]*)>?/i.exec(c)?.[1])
    .find((v) => v !== undefined);
  const withWords = clauses.get('with')?.words ?? [];
  return {
    fromName,
    ip,
    by: first('by'),
    with: withWords.length ? withWords.join(' ') : null,
    id: first('id'),
    for: first('for')?.replace(/^<|>$/g, '') || null,
    envelopeFrom: envelope ?? null,
    time: parseDate(date),
  };
}

function displayFrom(fields: ReceivedFields): string | null {
  if (!fields.fromName) return fields.ip;
  const bare = fields.fromName.replace(/^\[(?:IPv6:)?|\]$/gi, '');
  if (!fields.ip || bare === fields.ip) return fields.fromName;
  return `${fields.fromName} [${fields.ip}]`;
}

/**
 * Received field values in message order (newest first, as prepended in transit) → hops,
 * oldest first, each with the delay since the hop before it.
 */
export function parseReceivedChain(values: readonly string[]): Hop[] {
  const oldestFirst = [...values].reverse().map(parseReceived);
  return oldestFirst.map((fields, index) => {
    const previous = index > 0 ? oldestFirst[index - 1]!.time : null;
    return {
      from: displayFrom(fields),
      ip: fields.ip,
      by: fields.by,
      with: fields.with,
      at: fields.time === null ? null : new Date(fields.time).toISOString(),
      delayMs: fields.time !== null && previous !== null ? fields.time - previous : null,
    };
  });
}

/** A routable address (not loopback, private, shared or link-local): one receivers judge. */
export function isPublicAddress(ip: string): boolean {
  return addressScope(ip) === 'public';
}

export interface SmtpClient {
  ip: string;
  /** The HELO name, or the address literal. */
  helo: string | null;
  /** The envelope sender stamped in that hop, when it was. */
  envelopeFrom: string | null;
}

/**
 * The client at which the message entered the receiving side: the newest hop from a
 * public address (internal hops use private ones), else the newest hop with any address.
 */
export function smtpClientOf(values: readonly string[]): SmtpClient | null {
  const newestFirst = values.map(parseReceived).filter((f) => f.ip !== null);
  const entry = newestFirst.find((f) => isPublicAddress(f.ip!)) ?? newestFirst[0];
  if (!entry) return null;
  return { ip: entry.ip!, helo: entry.fromName, envelopeFrom: entry.envelopeFrom };
}
