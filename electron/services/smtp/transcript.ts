/**
 * The SMTP transcript, built from nodemailer's logger and redacted as it is recorded: a
 * secret never reaches a report, the log, the CLI's output or the renderer.
 *
 * Redaction has two layers. The AUTH exchange is masked by shape: the mechanism stays
 * visible, every client line after it is replaced until the server stops sending 334
 * challenges. Then every line is scrubbed of the known secrets in clear and in base64
 * (AUTH PLAIN and LOGIN carry base64), whatever command they turned up in.
 */
import { format } from 'node:util';
import type { TranscriptLine } from './report';

export const REDACTED = '<redacted>';

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

/** Every form in which a secret could cross the wire: itself and its base64 spellings. */
export function secretForms(secrets: readonly string[], usernames: readonly string[] = []): string[] {
  const forms = new Set<string>();
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  for (const secret of secrets.filter((s) => s.length > 0)) {
    forms.add(secret);
    forms.add(b64(secret));
    for (const user of usernames) forms.add(b64(`\u0000${user}\u0000${secret}`));
    forms.add(b64(`\u0000\u0000${secret}`));
  }
  // Longest first, so a base64 form is replaced whole before a shorter form inside it.
  return [...forms].sort((a, b) => b.length - a.length);
}

export function scrub(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) out = out.split(form).join(REDACTED);
  return out;
}

export class Transcript {
  readonly lines: TimedLine[] = [];
  private readonly startedAt: number;
  private forms: string[];
  private inAuth = false;
  private readonly listeners: Array<(line: TimedLine) => void> = [];

  constructor(startedAt: number, secrets: readonly string[], usernames: readonly string[] = []) {
    this.startedAt = startedAt;
    this.forms = secretForms(secrets, usernames);
  }

  /** Secrets learnt during the run (an access token fetched in the auth phase): scrubbed from then on. */
  addSecrets(secrets: readonly string[], usernames: readonly string[] = []): void {
    this.forms = [...new Set([...this.forms, ...secretForms(secrets, usernames)])].sort(
      (a, b) => b.length - a.length,
    );
  }

  onLine(listener: (line: TimedLine) => void): void {
    this.listeners.push(listener);
  }

  /** Scrubs any text (an error message, a server reply) with the same secrets. */
  scrub(text: string): string {
    return scrub(text, this.forms);
  }

  client(raw: string): void {
    let line = raw;
    const auth = /^AUTH\s+(\S+)/i.exec(raw);
    if (auth) {
      this.inAuth = true;
      line = raw.trim().includes(' ', 5) ? `AUTH ${auth[1]} ${REDACTED}` : `AUTH ${auth[1]}`;
    } else if (this.inAuth) {
      line = REDACTED;
    }
    this.push('C', line);
  }

  server(raw: string): void {
    for (const line of raw.split(/\r?\n/)) {
      if (this.inAuth && !/^334[ -]/.test(line)) this.inAuth = false;
      this.push('S', line);
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
      line: this.scrub(line),
      ms: Math.round(performance.now() - this.startedAt),
    };
    this.lines.push(entry);
    for (const listener of this.listeners) listener(entry);
  }
}
