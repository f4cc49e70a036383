/**
 * The shapes of an export: what a format is given (the subject: a profile's settings, its
 * last verdict and, only when asked for, its password) and what it gives back. Types only.
 */
import type { ProfileFields } from '../settings/profile';
import type { Verdict } from '../smtp/report';

export type { Language as ExportLang } from '../i18n';

/** Looks up an `export.*` sentence of the catalogue in the export's language. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * What every format renders from: the tested settings, never more. The connection and the
 * addresses are the profile's own fields (replyTo empty when not set); the SSL key and the
 * trusted certificates are given by name.
 */
export interface ExportSubject extends Pick<
  ProfileFields,
  'host' | 'port' | 'security' | 'anonymous' | 'username' | 'from' | 'replyTo'
> {
  /** The profile's name ("command line" for settings given as flags). */
  profileName: string;
  /** The name of the SSL key (keystore) the profile presents, or null. */
  clientKey: string | null;
  /** Names of the certificates the profile trusts beyond the system's store. */
  trustedCertificates: string[];
  /** The profile's newest run, or null when it was never run. */
  lastRun: { verdict: Verdict; code: string; startedAt: string } | null;
  /** The password, only when the caller asked for secrets (--include-secrets); else null. */
  password: string | null;
}

/** What a format module returns: the text's lines and what the target cannot express. */
export interface FormatOutput {
  lines: string[];
  /** Sentences for what the target cannot take (a client certificate, a CA, a mode). */
  notes: string[];
}

/** One target. Each lives in formats/<id>.ts and is listed once in registry.ts. */
export interface ExportFormat {
  id: string;
  /** The file the target reads (also the save dialog's suggested name). */
  fileName: string;
  /** Lines that must come before any comment (PHP's opening tag). */
  preamble?: string[];
  /** How a comment line starts in this format; null where it has none (JSON). */
  comment: '#' | '//' | null;
  /** The code view's language hint. */
  syntax: 'text' | 'json' | 'ini' | 'yaml' | 'ruby' | 'python' | 'php' | 'properties' | 'shell';
  /** Whether the target's text has a place for the password (else secrets never enter it). */
  takesPassword: boolean;
  /**
   * One sentence when the target cannot express this profile at all (a port it cannot set,
   * an anonymous connection where it requires a login); null when it can.
   */
  refuse?(subject: ExportSubject, t: Translate): string | null;
  render(subject: ExportSubject, t: Translate): FormatOutput;
}

/** A format as listed (CLI --list-formats, IPC, UI): no functions. */
export interface ExportFormatInfo {
  id: string;
  title: string;
  /** Where the text goes on the target, one sentence. */
  target: string;
  fileName: string;
  syntax: ExportFormat['syntax'];
  takesPassword: boolean;
  /** How to apply it, where a command does that (youtrack-rest: the curl call). */
  apply: string | null;
}

export type ExportResult =
  { ok: true; text: string; notes: string[]; containsSecret: boolean } | { ok: false; reason: string };
