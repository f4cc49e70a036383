/**
 * What a server's reply says in words, whatever its status code. Servers disagree on codes
 * (Postfix refuses a relay with 454 or 554, Gmail says "log in first" with 530, Sendmail
 * with 550, Microsoft with 5.7.57) but their words are stable, so the diagnosis reads them
 * before it falls back on the status class. Every pattern is exercised by the reply corpus
 * (test/fixtures/reply-corpus.ts), where each line names its source.
 */
import type { ServerResponse } from '../smtp/report';

export type ReplyMeaning =
  | 'clientCertificate'
  | 'tlsFirst'
  | 'mailboxFull'
  | 'messageSize'
  | 'rateLimit'
  | 'clientBlocked'
  | 'recipientNotAllowed'
  | 'relay'
  | 'loginFirst'
  | 'unknownRecipient'
  | 'sender'
  | 'heloName';

const WORDS: Record<ReplyMeaning, RegExp> = {
  // "RestrictDomainsToCertificate" counts too, hence no word boundary; qmail-tls says "cert".
  clientCertificate: /certificate|\bc?cert\b/i,
  tlsFirst:
    /\bmust issue a STARTTLS\b|\bSTARTTLS (is )?(first|required)\b|\b(TLS|encryption|encrypted connection) (is )?required\b|\bsecure connection required\b/i,
  mailboxFull:
    /\bmailbox (is )?full\b|\bover ?quota\b|\bmailbox\b.{0,40}\b(full|quota)\b|\bquota\b.{0,40}\bmailbox\b|(?<!Submission)QuotaExceededException|\bout of storage\b|\bexceeded storage allocation\b/i,
  messageSize:
    /\btoo (big|large|long)\b|\bsize (limit|exceed)|\bexceeds? (the )?(fixed |maximum |message |size |allowed |permitted |file system imposed )*(size|length|limit|value|permitted)|\bmessage (size|length)\b|\bmax(imum)? (message )?size\b|\blarger than\b|\bmessage file too big\b|\bsize limits?\b/i,
  rateLimit:
    /\brate[- ]limit|\brate (exceeded|too high)|\bat a rate\b|\btoo (many|much) (messages|mail|connections|emails|recipients|requests|login attempts|concurrent)|\btoo (quickly|frequent)|\bthrottl|\bsending (quota|limit|rate)\b|\bmessage quota\b|\bdaily (user |smtp relay )?(sending|message|relay)\b|\bSubmissionQuotaExceeded|\blimit (exceeded|reached)\b|\bmaximum number of connections\b/i,
  clientBlocked:
    /\bblocked using\b|\bClient host rejected\b|\bblock ?list\b|\bblacklist|\bbanned sending ip\b|\bnot authorized to send email directly\b/i,
  recipientNotAllowed: /\bauthorized recipients\b/i,
  relay:
    /\brelay(ing)?\b.{0,20}\b(denied|not permitted|prohibited|not allowed|disallowed|refused|rejected)\b|\b(unable|not permitted|not allowed|cannot|can't|do not|don't) (to )?relay\b|\bno relaying\b|\brelay access\b/i,
  loginFirst:
    /\bauthenticat(e|ion) (is )?(first|required|needed)|\b(must|need to|please) (first )?(log ?in|authenticate)\b|\bmust issue an AUTH\b|\b(log ?in|sign in) first\b|\bnot (logged in|authenticated)\b|\bunauthenticated\b|\brequires? (an? )?(authentication|login|SMTP AUTH)|\bSMTP AUTH (is )?required\b|\bproper authentication\b|\bwithout authentication\b|\bturn on SMTP Authentication\b/i,
  unknownRecipient:
    /\b(unknown|invalid) (user|mailbox|local part)|\buser (unknown|not found|doesn't exist|does not exist)|\bno such (user|mailbox|recipient|address|account)|\bmailbox (unavailable|not found|does not exist|doesn't exist|disabled)|\brecipient (not found|unknown|does not exist)|\bRecipientNotFound\b|\bRecipNotFound\b|\bunrouteable address\b|\bnot our customer\b|\bdoes not exist\b|\b(account|mailbox) (that you tried to reach )?is (disabled|inactive)\b/i,
  sender:
    /\bsender address rejected\b|\bSendAsDenied|\bnot owned by\b|\bsend as\b|\bsender (identity|address|domain)? ?(is )?(not verified|rejected|denied|blocked|not allowed|not permitted|mismatch)|\bfrom address\b.{0,40}\b(not|does not|doesn't)\b|\bemail address is not verified\b|\bsender rejected\b|\bsender address\b.{0,40}\bnot a valid\b|\bsender address syntax\b|\bunregistered domains\b|\bbad outbound sender\b|\bsending denied\b/i,
  // The name given in HELO/EHLO (Postfix's reject_*_helo_hostname, Exim's syntax check).
  heloName:
    /\b(HELO|EHLO)\b.{0,40}\b(rejected|invalid|refused)\b|\b(invalid|bad)\b.{0,20}\b(HELO|EHLO)\b|\bneed fully-qualified hostname\b/i,
};

/**
 * Enhanced status codes (RFC 3463) read only when the words say nothing of the kind:
 * X.3.4 too big for the system, X.2.3 longer than the administrative limit, X.2.2 mailbox
 * full, X.1.1 / X.1.10 no such recipient, X.4.5 / X.5.3 too much mail.
 */
const ENHANCED: Array<[RegExp, ReplyMeaning]> = [
  [/^\d\.(3\.4|2\.3)$/, 'messageSize'],
  [/^\d\.2\.2$/, 'mailboxFull'],
  [/^\d\.1\.(1|10)$/, 'unknownRecipient'],
  [/^\d\.(4\.5|5\.3)$/, 'rateLimit'],
];

/** The meanings a reply carries (a reply may carry several: "relay ... authentication required"). */
export function meaningsOf(response: ServerResponse): Set<ReplyMeaning> {
  const found = new Set<ReplyMeaning>();
  for (const [meaning, pattern] of Object.entries(WORDS) as Array<[ReplyMeaning, RegExp]>) {
    if (pattern.test(response.text)) found.add(meaning);
  }
  const saysWhy = [...found].some((m) => m !== 'clientCertificate' && m !== 'tlsFirst');
  const enhanced = response.enhanced ?? '';
  if (!saysWhy) for (const [pattern, meaning] of ENHANCED) if (pattern.test(enhanced)) found.add(meaning);
  return found;
}
