/**
 * The delivery check's public shapes: the IMAP settings it logs in with, what it reports
 * about the received copy, and how it fails. Types only (the renderer may import them).
 */
import type { DiagnosisCode, Fix } from '../diagnosis/codes';
import type { Language } from '../i18n/languages';

export type ImapSecurity = 'none' | 'starttls' | 'tls';

export interface ImapSettings {
  host: string;
  port: number;
  /** 'tls' = implicit TLS (993), 'starttls' = required upgrade (143), 'none' = cleartext. */
  security: ImapSecurity;
  user: string;
  password: string;
  /** Extra trusted certificates (PEM), beyond the system store and NODE_EXTRA_CA_CERTS. */
  ca?: string[];
  /** The name to verify and send as SNI when it differs from `host`. */
  servername?: string;
}

/** One Received header: who handed the message to whom, how and when. */
export interface Hop {
  /** The sending side as it named itself (HELO), with its address: "mx.example.com [203.0.113.5]". */
  from: string | null;
  /** The address of the sending side (from the TCP-info comment), when stamped. */
  ip: string | null;
  /** The receiving host. */
  by: string | null;
  /** Protocol: SMTP, ESMTPS, ESMTPSA, LMTP, ... */
  with: string | null;
  /** When the receiving host stamped it (ISO 8601). */
  at: string | null;
  /** Time since the previous (older) hop; headers have whole seconds, so this is coarse. */
  delayMs: number | null;
}

export interface AuthResult {
  method: 'spf' | 'dkim' | 'dmarc' | (string & {});
  /** pass, fail, softfail, none, neutral, temperror, permerror, policy, ... */
  result: string;
  /** What the result is about, e.g. "smtp.mailfrom=example.com" or "header.d=example.com (s=sel1)". */
  detail: string;
  /** One sentence of cause and fix when the result is not pass; null for pass. */
  explanation: string | null;
}

export type WatchMode = 'idle' | 'poll';

export interface DeliveryReport {
  found: boolean;
  /** 'INBOX' or the junk folder's path. */
  folder: string | null;
  /** Found in the junk folder, or a spam header says so (X-Spam-Flag: YES, X-Spam-Status: Yes, ...). */
  spam: boolean;
  /** From `acceptedAt` to when the watcher saw the message (an upper bound when it was already there). */
  arrivalMs: number | null;
  /** Received chain, oldest first. */
  hops: Hop[];
  /** Authentication-Results stamped by the receiver; where none, Mail Preflight's own check. */
  authentication: AuthResult[];
  authenticationSource: 'receiver' | 'mail-preflight' | null;
  /** X-Spam-*, X-Rspamd-*, ... as found (header name as written → unfolded value). */
  spamHeaders: Record<string, string>;
  /** The message was deleted after it was found (cleanup). */
  deleted: boolean;
  /**
   * Cleanup was asked for, but the server lacks UIDPLUS: deleting one message there means a
   * plain EXPUNGE, which also removes every message the user had marked \Deleted. So the
   * test message was flagged \Seen and left in its folder.
   */
  leftSeen: boolean;
  /** Why cleanup was asked for but did not happen; null otherwise. */
  cleanupError: string | null;
  /** How the mailbox was watched: IMAP IDLE (server push) or polling every second. */
  watch: WatchMode | null;
  /** The junk folder that was watched besides INBOX (null when the mailbox has none). */
  junkFolder: string | null;
}

export interface DeliveryFailure {
  code: 'DELIVERY_CHECK_FAILED' | 'DELIVERY_NOT_CONFIRMED';
  /** For DELIVERY_CHECK_FAILED: what went wrong with IMAP, in the SMTP diagnosis vocabulary. */
  cause: DiagnosisCode | null;
  /** One sentence. */
  summary: string;
  /** `settings` are ImapSettings fields (e.g. { security: 'tls', port: 993 }). */
  fix: Fix | null;
  /** The IMAP server's answer, e.g. "NO [AUTHENTICATIONFAILED] Authentication failed." */
  imapResponse: string | null;
}

export type DeliveryProgress =
  | { state: 'connecting' }
  | { state: 'watching'; folder: string; watch: WatchMode }
  | { state: 'found'; folder: string };

/**
 * A DNS lookup as mailauth calls it: TXT answers as string[][] (chunks), others as string[].
 * Rejects with an error whose `code` is ENOTFOUND/ENODATA for "no such record".
 */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

export interface CheckDeliveryOptions {
  imap: ImapSettings;
  /** The value of the message's X-Mail-Preflight-Id header. */
  runId: string;
  /**
   * Epoch milliseconds (Date.now()) when the SMTP server accepted DATA. May be a promise,
   * so that the watch (login, folder lookup) starts while the message is still being
   * sent; the timeout counts from the moment it resolves. If it rejects (the send failed),
   * checkDelivery rejects with the same reason; it must settle one way or the other.
   */
  acceptedAt: number | PromiseLike<number>;
  /** How long after acceptedAt to wait for the message (the app's default is 120 000). */
  timeoutMs: number;
  /** Delete the message once found. */
  cleanup: boolean;
  onProgress?: (event: DeliveryProgress) => void;
  /** Aborting rejects checkDelivery with the signal's reason (connections are closed first). */
  signal?: AbortSignal;
  /** Each IMAP connect step (TCP/TLS, greeting) and the login: default 10 000 ms. */
  connectTimeoutMs?: number;
  /** 'auto' (default) uses IDLE where the server offers it; 'poll' polls every second regardless. */
  watch?: 'auto' | 'poll';
  /**
   * DNS for Mail Preflight's own SPF/DKIM/DMARC check of the received copy. Default: the
   * system's resolver, each query bounded to 2 s and all of them to 5 s.
   */
  resolver?: DnsResolver;
  /** The language of the failures' summaries and fixes and of the authentication explanations; English when unset. */
  language?: Language;
}

export type DeliveryResult =
  | { ok: true; report: DeliveryReport }
  | { ok: false; failure: DeliveryFailure; report: DeliveryReport | null };
