/** Reading an SMTP reply: its code, its enhanced status code (RFC 3463) and its text. */
import type { ServerResponse } from '../smtp/report';

/** Parses the last line of a (possibly multi-line) reply; null when it is not a reply. */
export function parseResponse(raw: string | null | undefined): ServerResponse | null {
  if (!raw) return null;
  const lines = raw.trim().split(/\r?\n/);
  const match = /^(\d{3})[ -]?(.*)$/.exec(lines.at(-1) ?? '');
  if (!match) return null;
  const code = Number(match[1]);
  const rest = lines.map((l) => l.replace(/^\d{3}[ -]?/, '')).join(' ');
  const enhanced = /^([245]\.\d{1,3}\.\d{1,3})\b/.exec(rest)?.[1] ?? null;
  return { code, enhanced, text: rest.trim() };
}

/** Queue ids as common servers word them (Postfix, Exim, Gmail, SES, Microsoft). */
export function queueIdOf(text: string): string | null {
  const patterns = [
    /queued as ([0-9A-Za-z]+)/i, // Postfix, Sendmail
    /\bid=([0-9A-Za-z-]+)/i, // Exim
    /OK\s+\d+\s+(\S+)\s+-\s+gsmtp/i, // Gmail
    /^(?:250[ -])?(?:2\.\d\.\d\s+)?Ok\s+([0-9a-f-]{20,})/i, // Amazon SES
    /<([^>]+)>\s+\[(?:InternalId=\d+,\s*)?Hostname=/i, // Microsoft 365
  ];
  for (const pattern of patterns) {
    const id = pattern.exec(text)?.[1];
    if (id) return id;
  }
  return null;
}
