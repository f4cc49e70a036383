/**
 * The consents a run may be given (see ../consent.ts): pure zod, so the IPC contract and
 * the renderer share it like the profile schema.
 */
import { z } from 'zod';
import { hostSchema, portSchema, singleLine } from './profile-schema';
import { SECURITY_MODES, type Security } from './profile';

export const consentSchema = z.discriminatedUnion('kind', [
  /** Send the saved password (SMTP or IMAP) to this host, port, security and username. */
  z.strictObject({
    kind: z.literal('saved-secret'),
    secret: z.enum(['smtp-password', 'imap-password']),
    host: hostSchema,
    port: portSchema,
    security: z.enum(SECURITY_MODES),
    username: singleLine(320),
  }),
  /** Log in to this host over a connection without TLS. */
  z.strictObject({
    kind: z.literal('plaintext-auth'),
    service: z.enum(['smtp', 'imap']),
    host: hostSchema,
  }),
]);

export type Consent = z.infer<typeof consentSchema>;

/** Where a saved secret was saved for: what the run compares (see ../secrets/binding.ts). */
export interface SavedDestination {
  host: string;
  port: number;
  security: Security;
  username: string;
}

/**
 * A consent the run needs, with where the secret was saved for (null when that is not
 * known), so the question can name what changed. Only the consent goes back to the run.
 */
export type ConsentRequest = Consent & { savedFor?: SavedDestination | null };
