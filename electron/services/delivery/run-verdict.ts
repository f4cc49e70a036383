/**
 * The verdict of a run whose message was also looked for in the recipient's mailbox. The
 * SMTP report says what the server did; the delivery result says what happened next:
 * delivered (Inbox), delivered to Junk (a failure worth fixing: DELIVERED_TO_SPAM), not
 * seen within the timeout (DELIVERY_NOT_CONFIRMED), or the mailbox could not be checked
 * (DELIVERY_CHECK_FAILED). The latter two keep the verdict `accepted`: the server did take
 * the message, which is all that is known.
 */
import { createTranslator, type Language, type Translate } from '../i18n';
import type { Fix, RunReport } from '../smtp/report';
import type { DeliveryReport, DeliveryResult } from './types';

const duration = (t: Translate, ms: number) =>
  ms < 1000 ? t('units.ms', { value: ms }) : t('units.seconds', { value: (ms / 1000).toFixed(1) });

/** The first failing authentication result's advice (already in the run's language), or the general one. */
function spamFix(result: Extract<DeliveryResult, { ok: true }>, t: Translate): Fix {
  const failing = result.report.authentication.find((a) => a.explanation);
  return { text: failing?.explanation ?? t('deliveryVerdict.spamFix'), settings: {} };
}

/** "Delivered to Inbox in 1.2 s (0.3 s after the server accepted it)." in the run's language. */
function deliveredSummary(t: Translate, delivery: DeliveryReport, totalMs: number): string {
  const { folder, arrivalMs, spam } = delivery;
  const times = { total: duration(t, totalMs), arrival: duration(t, arrivalMs ?? 0) };
  if (spam) return t('deliveryVerdict.deliveredJunk', times);
  if (folder === 'INBOX') return t('deliveryVerdict.deliveredInbox', times);
  if (folder === null) return t('deliveryVerdict.deliveredMailbox', times);
  return t('deliveryVerdict.deliveredFolder', { ...times, folder });
}

/** The run's report with the delivery check's verdict, its summary and fix in `language` (English when unset). */
export function withDelivery(
  report: RunReport,
  result: DeliveryResult,
  totalMs: number,
  language: Language = 'en',
): RunReport {
  const timings = { ...report.timings, total: totalMs };
  if (result.ok) {
    const t = createTranslator(language);
    const { arrivalMs, spam } = result.report;
    timings.delivery = arrivalMs ?? 0;
    const summary = deliveredSummary(t, result.report, totalMs);
    return spam
      ? {
          ...report,
          ok: false,
          verdict: 'delivered',
          code: 'DELIVERED_TO_SPAM',
          phase: 'delivery',
          summary,
          fix: spamFix(result, t),
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
