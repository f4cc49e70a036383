/**
 * An IMAP client logged in as the rig's user over Dovecot's cleartext port: what a test
 * uses to look into the mailbox the way a mail client would (real IMAP, not the Maildir).
 */
import { ImapFlow } from 'imapflow';

export interface RigImapTarget {
  host: string;
  ports: { imap: number };
  user: { username: string; password: string };
}

export function rigImapClient(rig: RigImapTarget): ImapFlow {
  return new ImapFlow({
    host: rig.host,
    port: rig.ports.imap,
    secure: false,
    doSTARTTLS: false,
    auth: { user: rig.user.username, pass: rig.user.password },
    logger: false,
  });
}
