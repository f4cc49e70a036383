/**
 * The test message: it says what it is, which profile and host sent it and when, and it
 * carries a unique id header so that a delivery check can find exactly this message.
 */
import { hostname } from 'node:os';

export const RUN_ID_HEADER = 'X-Mail-Preflight-Id';

export interface TestMessageInput {
  runId: string;
  profileName: string;
  host: string;
  port: number;
  from: string;
  replyTo: string;
  to: string;
  sentAt: Date;
}

export function messageIdFor(runId: string, from: string): string {
  const domain = from.slice(from.lastIndexOf('@') + 1) || 'mail-preflight.invalid';
  return `<mail-preflight.${runId}@${domain}>`;
}

/** Composes the message; nodemailer's composer loads here, for a run that got as far as sending. */
export async function composeTestMessage(input: TestMessageInput): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const when = input.sentAt.toISOString();
  const text = [
    'This is a test message from Mail Preflight.',
    '',
    'It was sent to check outgoing mail settings; no action is needed.',
    '',
    `Profile:   ${input.profileName}`,
    `Server:    ${input.host}:${input.port}`,
    `Sent from: ${hostname()}`,
    `Sent at:   ${when}`,
    `Run id:    ${input.runId}`,
  ].join('\n');
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    subject: `Mail Preflight test message (${input.profileName})`,
    text,
    messageId: messageIdFor(input.runId, input.from),
    date: input.sentAt,
    headers: { [RUN_ID_HEADER]: input.runId, 'Auto-Submitted': 'auto-generated' },
  });
  return composer.compile().build();
}
