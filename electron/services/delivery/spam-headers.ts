/**
 * What spam filters stamped on the received copy: SpamAssassin (X-Spam-*), Rspamd
 * (X-Rspamd-*, X-Spamd-*), Microsoft 365 (X-MS-Exchange-Organization-SCL, X-Forefront-
 * Antispam-Report, X-Microsoft-Antispam), Proofpoint, Barracuda, Mimecast, Yandex.
 */
import type { HeaderField } from './message-headers';

const SPAM_HEADER =
  /^(?:x-spam(?:-.+)?|x-spamd-.+|x-rspamd-.+|x-ham-report|x-ms-exchange-organization-scl|x-forefront-antispam-report|x-microsoft-antispam(?:-.+)?|x-proofpoint-spam-.+|x-barracuda-spam-.+|x-mimecast-spam-.+|x-yandex-spam)$/i;

/** The spam-related fields, name as written → value (several fields of one name are joined with "; "). */
export function spamHeadersOf(fields: readonly HeaderField[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const { name, value } of fields) {
    if (!SPAM_HEADER.test(name)) continue;
    const key = Object.keys(found).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    found[key] = found[key] === undefined ? value : `${found[key]}; ${value}`;
  }
  return found;
}

/** Does a spam header mark the message as spam? */
export function markedAsSpam(headers: Record<string, string>): boolean {
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if ((key === 'x-spam-flag' || key === 'x-spam') && /^\s*(yes|true)\b/i.test(value)) return true;
    if (key === 'x-spam-status' && /^\s*yes\b/i.test(value)) return true;
    if (key === 'x-ms-exchange-organization-scl' && Number.parseInt(value, 10) >= 5) return true;
  }
  return false;
}
