/**
 * The consents a run may be given (see ../consent.ts): pure zod, so the IPC contract and
 * the renderer share it like the profile schema.
 */
import { z } from 'zod';
import { hostSchema, portSchema, SECURITY_MODES, singleLine } from './profile-schema';

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

/** A consent the run needs, with the host the secret was saved for (to show beside it). */
export type ConsentRequest = Consent & { savedForHost?: string | null };
