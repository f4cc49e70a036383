/**
 * The one IPC contract: every channel's name, the zod schema of its input and the type of
 * its result, and every main → renderer event. Main validates inputs against these
 * schemas (register.ts, invoke.ts), the preload bridge exposes exactly these names, and the
 * renderer's client (renderer/api.ts) is typed from them. Adding a channel is one entry
 * here plus its handler in handlers.ts.
 *
 * This file imports only zod and types, so the renderer and the preload can bundle it.
 */
import { z } from 'zod';
import {
  passwordSchema,
  profileFieldsSchema,
  profileIdSchema,
  addressSchema,
  hostSchema,
  portSchema,
  singleLine,
} from '../services/settings/profile-schema';
import { type Profile } from '../services/settings/profile';
import type { RunProgress, RunRecord } from '../services/smtp/report';
import type { ProbeReport } from '../services/smtp/probe';
import type { DnsCheckReport } from '../services/dns-check/types';
import type { AutodetectReport } from '../services/autodetect/types';
import type { ChosenFiles } from '../services/chosen-files';
import { EXPORT_FORMAT_IDS } from '../services/export/format-ids';
import type { ExportFormatInfo, ExportResult } from '../services/export/types';
import type { ImportOutcome } from '../services/profile-transfer';
import type { UsedBy } from '../services/certificates';
import type {
  FetchedChain,
  KeystoreInfo,
  KeystoreInspection,
  TrustedCertificate,
} from '../services/tls-material/types';
import type { AppErrorCode } from '../services/errors';
import { consentSchema, type ConsentRequest } from '../services/settings/consent-schema';
import type { AppInfo } from '../services/services';
import { LANGUAGES } from '../services/i18n/languages';
import type { ProfileListItem } from '../services/profiles';
import type { LogPage } from '../services/log/types';

export type { AppInfo, ProfileListItem, LogPage };
export type { ExportFormatInfo, ExportResult };
export type { ExportFormatId } from '../services/export/format-ids';
export type { Sentence } from '../services/i18n/sentence';
export type { Consent, ConsentRequest, SavedDestination } from '../services/settings/consent-schema';
export type { LogSummary } from '../services/log/types';

/** A phantom marker that carries a result type without a runtime value. */
const returns = <T>() => undefined as unknown as T;

/** Ids of stored keystores and trusted certificates. */
const storeIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'validation.idInvalid' });

const keystoreImportInput = z.strictObject({
  token: z.uuid({ message: 'validation.idInvalid' }),
  passphrase: z.string().max(1024, { message: 'validation.tooLong' }).optional(),
  alias: singleLine(200).optional(),
});

const exportInput = z.strictObject({
  profileId: profileIdSchema,
  format: z.enum(EXPORT_FORMAT_IDS, { message: 'validation.invalid' }),
  lang: z.enum(LANGUAGES),
});

const verdictSchema = z.enum(['delivered', 'accepted', 'failed']);

export const contract = {
  /** Version, data folder, keychain availability and start-up notices (settings reset). */
  'app:info': { input: z.undefined(), result: returns<AppInfo>() },
  /** Keeps the language chosen in the app (null: follow the OS); answers with the new AppInfo. */
  'app:setLanguage': {
    input: z.strictObject({ language: z.enum(LANGUAGES, { message: 'validation.invalid' }).nullable() }),
    result: returns<AppInfo>(),
  },

  'profiles:list': { input: z.undefined(), result: returns<ProfileListItem[]>() },
  'profiles:create': {
    input: z.strictObject({ fields: profileFieldsSchema, password: passwordSchema.optional() }),
    result: returns<Profile>(),
  },
  'profiles:update': {
    input: z.strictObject({ id: profileIdSchema, fields: profileFieldsSchema }),
    result: returns<Profile>(),
  },
  /** The password is write-only: it goes to the keychain and never comes back. */
  'profiles:setPassword': {
    input: z.strictObject({ id: profileIdSchema, password: passwordSchema }),
    result: returns<Profile>(),
  },
  /** The delivery check's IMAP password: write-only, to the keychain. */
  'profiles:setImapPassword': {
    input: z.strictObject({ id: profileIdSchema, password: passwordSchema }),
    result: returns<Profile>(),
  },
  'profiles:delete': { input: z.strictObject({ id: profileIdSchema }), result: returns<null>() },
  /** Saves profiles (all, or those given) as a JSON file without secrets, to a file chosen in main. */
  'profiles:exportFile': {
    input: z.strictObject({ ids: z.array(profileIdSchema).max(1000).optional() }),
    result: returns<{ fileName: string } | null>(),
  },
  /** Imports a profiles file chosen with files:choose ('profiles'): all of it or nothing. */
  'profiles:importFile': {
    input: z.strictObject({
      token: z.uuid({ message: 'validation.idInvalid' }),
      onConflict: z.enum(['refuse', 'replace', 'keep-both']),
    }),
    result: returns<ImportOutcome>(),
  },

  /** The export formats (targets), with their titles in the given language. */
  'exports:formats': {
    input: z.strictObject({ lang: z.enum(LANGUAGES) }),
    result: returns<ExportFormatInfo[]>(),
  },
  /** A profile in a target's format, with placeholders: never the password (the text reaches the renderer). */
  'exports:preview': { input: exportInput, result: returns<ExportResult>() },
  /**
   * Saves the export to a file chosen in main (created 0600). With includeSecrets the password
   * goes from the keychain into that file, and only there. Null when the dialog was cancelled.
   */
  'exports:save': {
    input: exportInput.extend({ includeSecrets: z.boolean() }),
    result: returns<{ fileName: string; containsSecret: boolean } | null>(),
  },

  /**
   * OAuth2 sign-in of a saved profile in the system browser (PKCE, loopback redirect); the
   * refresh token goes to the keychain. Resolves when the browser came back (or timed out).
   */
  'oauth:signIn': { input: z.strictObject({ id: profileIdSchema }), result: returns<Profile>() },
  /** Sign out: the refresh token leaves the keychain. */
  'oauth:signOut': { input: z.strictObject({ id: profileIdSchema }), result: returns<Profile>() },
  /** The OAuth2 client secret (write-only, to the keychain); null removes it. */
  'oauth:setClientSecret': {
    input: z.strictObject({ id: profileIdSchema, secret: passwordSchema.nullable() }),
    result: returns<Profile>(),
  },

  /**
   * Sends a test message (or, with dryRun, stops after RCPT). `fields` tests the form as
   * it stands, unsaved. The saved password is used only for the host, port, security and
   * username it was saved for: for other values the call fails with CONSENT_REQUIRED and
   * `consents` naming what to ask, and is made again with the password typed for this run
   * (`password`, `imapPassword`, never saved) or with the consents the user gave. Progress
   * arrives as `run:progress` events carrying the caller's runId.
   */
  'runs:send': {
    input: z.strictObject({
      runId: z.uuid({ message: 'validation.idInvalid' }),
      profileId: profileIdSchema,
      to: addressSchema,
      dryRun: z.boolean().optional(),
      fields: profileFieldsSchema.optional(),
      password: passwordSchema.optional(),
      imapPassword: passwordSchema.optional(),
      consents: z.array(consentSchema).max(4).optional(),
    }),
    result: returns<RunRecord>(),
  },

  /** "Check server": what the server offers on a port, or on each usual port; no login, no mail. */
  'servers:probe': {
    input: z.strictObject({ host: hostSchema, port: portSchema.optional() }),
    result: returns<ProbeReport>(),
  },

  /** Proposed settings for an address or a domain: bundled presets, then MX, then parallel probes. */
  'servers:autodetect': {
    input: z.strictObject({
      input: singleLine(320).refine((v) => v.trim().length > 0, { message: 'validation.addressOrDomain' }),
    }),
    result: returns<AutodetectReport>(),
  },

  /** The From domain's MX, SPF (for the relay), DMARC, alignment and DKIM records. */
  'dns:check': {
    input: z.strictObject({
      from: addressSchema,
      relayHost: hostSchema,
      dkimSelector: z
        .string()
        .regex(/^[A-Za-z0-9._-]{0,63}$/, { message: 'validation.selectorInvalid' })
        .optional(),
    }),
    result: returns<DnsCheckReport>(),
  },

  /** Opens the OS file dialog in main; the renderer gets a token and the names, never the bytes. */
  'files:choose': {
    input: z.strictObject({ purpose: z.enum(['keystore', 'certificate', 'profiles']) }),
    result: returns<ChosenFiles | null>(),
  },

  /** SSL keys: keystores holding the client's key pair and certificates. */
  'keystores:list': { input: z.undefined(), result: returns<Array<KeystoreInfo & UsedBy>>() },
  'keystores:inspect': { input: keystoreImportInput, result: returns<KeystoreInspection>() },
  /** The passphrase goes to the keychain; the key stays in its file, encrypted as it came. */
  'keystores:import': { input: keystoreImportInput, result: returns<KeystoreInfo>() },
  'keystores:delete': { input: z.strictObject({ id: storeIdSchema }), result: returns<null>() },

  /** Trusted certificates: imported from files or fetched from a server and pinned. */
  'trusted:list': { input: z.undefined(), result: returns<Array<TrustedCertificate & UsedBy>>() },
  'trusted:import': { input: z.strictObject({ token: z.uuid() }), result: returns<TrustedCertificate[]>() },
  'trusted:fetch': {
    input: z.strictObject({ host: hostSchema, port: portSchema, security: z.enum(['starttls', 'tls']) }),
    result: returns<FetchedChain & { token: string }>(),
  },
  'trusted:pin': { input: z.strictObject({ token: z.uuid() }), result: returns<TrustedCertificate>() },
  'trusted:delete': { input: z.strictObject({ id: storeIdSchema }), result: returns<null>() },

  'log:list': {
    input: z.strictObject({
      profileId: profileIdSchema.optional(),
      verdict: verdictSchema.optional(),
      offset: z.number().int().min(0).max(1_000_000),
      limit: z.number().int().min(1).max(1000),
    }),
    result: returns<LogPage>(),
  },
  'log:get': {
    input: z.strictObject({
      id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'validation.idInvalid' }),
    }),
    result: returns<RunRecord>(),
  },
} as const;

export const events = {
  'run:progress': returns<RunProgress>(),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends Channel> = Contract[C]['result'];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E];

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Error codes of the IPC boundary (not the diagnosis codes of a run): the services' own. */
export type IpcErrorCode = AppErrorCode;

export interface IpcError {
  code: IpcErrorCode;
  /** One sentence for the user, in the app's language. */
  message: string;
  /**
   * Set instead of a phrased message by the preload, which has no catalogue: the renderer
   * phrases this key (see renderer/api.ts).
   */
  messageKey?: 'errors.noSuchCommand' | 'errors.bridgeFailed';
  /** Per field i18n keys, for inline validation: `{ port: 'validation.portRange' }`. */
  fields?: Record<string, string>;
  /** With CONSENT_REQUIRED: what the user is asked before the call is made again. */
  consents?: ConsentRequest[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The bridge the preload exposes as `window.mailPreflight` (and the browser harness fakes). */
export interface Bridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
