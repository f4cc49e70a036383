/**
 * The SMTP transcript, built from nodemailer's logger and redacted as it is recorded: a
 * secret never reaches a report, the log, the CLI's output or the renderer.
 *
 * Redaction is by position in the dialogue, never by searching for a secret's text (a search
 * misses other encodings and, for a short password, tells what it is by what got masked).
 * `AUTH <MECH> <initial-response>` keeps `AUTH <MECH>` and the response becomes one fixed
 * marker whatever its length; every client line after it is the marker until the server
 * gives a final reply (2xx, 4xx, 5xx). The server's 334 challenges stay for the mechanisms
 * whose challenges carry no secret (LOGIN's prompts, CRAM-MD5's nonce, an XOAUTH2 error);
 * for any other mechanism the challenge's text is the marker too.
 */
import { format } from 'node:util';
import type { TranscriptLine } from './report';

export const REDACTED = '<redacted>';

/** Mechanisms whose 334 challenges are safe to show. */
const PUBLIC_CHALLENGES = new Set(['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER']);

export interface TimedLine extends TranscriptLine {
  /** Milliseconds since the run started. */
  ms: number;
}

type LoggerEntry = { tnx?: string };
type LogMethod = (entry: LoggerEntry, message: string, ...args: unknown[]) => void;

/** The bunyan-shaped logger nodemailer calls. */
export interface NodemailerLogger {
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
}

export class Transcript {
  readonly lines: TimedLine[] = [];
  private readonly startedAt: number;
  /** The mechanism of the AUTH exchange under way, or null outside one. */
  private mechanism: string | null = null;
  private readonly listeners: Array<(line: TimedLine) => void> = [];

  constructor(startedAt: number) {
    this.startedAt = startedAt;
  }

  onLine(listener: (line: TimedLine) => void): void {
    this.listeners.push(listener);
  }

  client(raw: string): void {
    if (this.mechanism !== null) return this.push('C', REDACTED);
    const auth = /^AUTH\s+(\S+)(\s+\S)?/i.exec(raw);
    if (!auth?.[1]) return this.push('C', raw);
    this.mechanism = auth[1].toUpperCase();
    this.push('C', auth[2] ? `AUTH ${auth[1]} ${REDACTED}` : `AUTH ${auth[1]}`);
  }

  server(raw: string): void {
    for (const line of raw.split(/\r?\n/)) {
      if (this.mechanism === null) {
        this.push('S', line);
      } else if (/^334(?:[ -]|$)/.test(line)) {
        this.push('S', PUBLIC_CHALLENGES.has(this.mechanism) ? line : `334 ${REDACTED}`);
      } else {
        if (/^[245]\d\d(?:[ -]|$)/.test(line)) this.mechanism = null;
        this.push('S', line);
      }
    }
  }

  /** The logger to give nodemailer: client and server lines go into this transcript. */
  logger(): NodemailerLogger {
    const record: LogMethod = (entry, message, ...args) => {
      const text = format(message, ...args);
      if (entry.tnx === 'client') this.client(text);
      else if (entry.tnx === 'server') this.server(text);
    };
    const ignore: LogMethod = () => undefined;
    return { trace: ignore, debug: record, info: ignore, warn: ignore, error: ignore, fatal: ignore };
  }

  /** The contract's shape: `{ dir, line }`, plus the time of each line. */
  toJSON(): TimedLine[] {
    return this.lines;
  }

  private push(dir: 'C' | 'S', line: string): void {
    const entry: TimedLine = {
      dir,
      line,
      ms: Math.round(performance.now() - this.startedAt),
    };
    this.lines.push(entry);
    for (const listener of this.listeners) listener(entry);
  }
}
