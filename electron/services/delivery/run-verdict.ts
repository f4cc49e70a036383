/**
 * The verdict of a run whose message was also looked for in the recipient's mailbox. The
 * SMTP report says what the server did; the delivery result says what happened next:
 * delivered (Inbox), delivered to Junk (a failure worth fixing: DELIVERED_TO_SPAM), not
 * seen within the timeout (DELIVERY_NOT_CONFIRMED), or the mailbox could not be checked
 * (DELIVERY_CHECK_FAILED). The latter two keep the verdict `accepted`: the server did take
 * the message, which is all that is known.
 */
import type { Fix, RunReport } from '../smtp/report';
import type { DeliveryResult } from './types';

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** The first failing authentication result's advice, or the general one. */
function spamFix(result: Extract<DeliveryResult, { ok: true }>): Fix {
  const failing = result.report.authentication.find((a) => a.explanation);
  return {
    text:
      failing?.explanation ??
      'Check that the From domain’s SPF record allows this relay and that the relay signs with DKIM; then DMARC can pass.',
    settings: {},
  };
}

export function withDelivery(report: RunReport, result: DeliveryResult, totalMs: number): RunReport {
  const timings = { ...report.timings, total: totalMs };
  if (result.ok) {
    const { folder, arrivalMs, spam } = result.report;
    timings.delivery = arrivalMs ?? 0;
    const where = spam ? 'the Junk folder' : folder === 'INBOX' ? 'Inbox' : (folder ?? 'the mailbox');
    const summary = `Delivered to ${where} in ${seconds(totalMs)} (${seconds(arrivalMs ?? 0)} after the server accepted it).`;
    return spam
      ? {
          ...report,
          ok: false,
          verdict: 'delivered',
          code: 'DELIVERED_TO_SPAM',
          phase: 'delivery',
          summary,
          fix: spamFix(result),
          timings,
          delivery: result.report,
        }
      : {
          ...report,
          ok: true,
          verdict: 'delivered',
          code: 'OK',
          phase: null,
          summary,
          fix: null,
          timings,
          delivery: result.report,
        };
  }
  const { failure } = result;
  return {
    ...report,
    ok: false,
    verdict: 'accepted',
    code: failure.code,
    phase: 'delivery',
    summary: failure.summary,
    fix: failure.fix && { text: failure.fix.text, settings: { delivery: failure.fix.settings } },
    timings,
    delivery: result.report,
  };
}
