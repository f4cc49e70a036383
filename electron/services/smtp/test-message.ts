/**
 * The test message: it says what it is, which profile and host sent it and when, in the
 * run's language, and it carries a unique id header so that a delivery check can find
 * exactly this message.
 */
import { hostname } from 'node:os';
import type { Translate } from '../i18n';

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

/** "Label:" and its value, the values lined up after the longest label. */
function table(rows: ReadonlyArray<readonly [label: string, value: string]>): string[] {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
}

/**
 * Composes the message in the words of `t` (the run's language); nodemailer's composer
 * loads here, for a run whose connection opened (runTest composes while the server answers).
 */
export async function composeTestMessage(input: TestMessageInput, t: Translate): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const text = [
    t('testMessage.intro'),
    '',
    t('testMessage.noAction'),
    '',
    ...table([
      [t('testMessage.profile'), input.profileName],
      [t('testMessage.server'), `${input.host}:${input.port}`],
      [t('testMessage.sentFrom'), hostname()],
      [t('testMessage.sentAt'), input.sentAt.toISOString()],
      [t('testMessage.runId'), input.runId],
    ]),
  ].join('\n');
  const composer = new MailComposer({
    from: input.from,
    to: input.to,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    subject: t('testMessage.subject', { profile: input.profileName }),
    text,
    messageId: messageIdFor(input.runId, input.from),
    date: input.sentAt,
    headers: { [RUN_ID_HEADER]: input.runId, 'Auto-Submitted': 'auto-generated' },
  });
  return composer.compile().build();
}
