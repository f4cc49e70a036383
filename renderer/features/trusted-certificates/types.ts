/**
 * The shapes of SSL keys and trusted certificates as the renderer receives them, taken from
 * the IPC contract's results (so they follow electron/services/tls-material/types.ts).
 */
import type { ChannelResult } from '../../../electron/ipc/contract';

/** An imported SSL key (keystore) with the profiles that use it. */
export type KeyItem = ChannelResult<'keystores:list'>[number];
/** A trusted certificate with the profiles that use it. */
export type TrustedItem = ChannelResult<'trusted:list'>[number];
export type TrustedCertificate = ChannelResult<'trusted:pin'>;
/** What the app shows about one certificate (subject, validity, fingerprint, key, …). */
export type CertificateSummary = KeyItem['certificate'];
export type KeystoreInspection = ChannelResult<'keystores:inspect'>;
export type KeystorePreview = Extract<KeystoreInspection, { kind: 'ready' }>['preview'];
/** A server's chain as fetched, waiting for the user to trust it (by token). */
export type FetchedChain = ChannelResult<'trusted:fetch'>;

/** Where "Fetch from server" connects. */
export interface FetchTarget {
  host: string;
  port: number;
  security: 'starttls' | 'tls';
}
