/**
 * What the received copy of the test message tells: the Received chain as hops, the
 * authentication results (the receiver's, else Mail Preflight's own), and spam headers.
 */
import type { Language } from '../i18n';
import { authenticationResultsOf } from './authentication-results';
import { headerValues, parseHeaders } from './message-headers';
import { ownAuthentication } from './own-authentication';
import { parseReceivedChain, smtpClientOf } from './received-chain';
import { markedAsSpam, spamHeadersOf } from './spam-headers';
import type { DeliveryReport, DnsResolver } from './types';

export type ReceivedCopyFacts = Pick<
  DeliveryReport,
  'spam' | 'hops' | 'authentication' | 'authenticationSource' | 'spamHeaders'
>;

export async function analyseReceivedCopy(
  raw: Buffer,
  options: { inJunk: boolean; resolver?: DnsResolver; dnsBudgetMs?: number; language?: Language },
): Promise<ReceivedCopyFacts> {
  const fields = parseHeaders(raw);
  const received = headerValues(fields, 'received');
  const spamHeaders = spamHeadersOf(fields);
  const facts = {
    spam: options.inJunk || markedAsSpam(spamHeaders),
    hops: parseReceivedChain(received),
    spamHeaders,
  };
  const language = options.language ? { language: options.language } : {};
  const stamped = authenticationResultsOf(fields, {
    clientIp: smtpClientOf(received)?.ip ?? null,
    ...language,
  });
  if (stamped) return { ...facts, authentication: stamped, authenticationSource: 'receiver' };
  try {
    const own = await ownAuthentication(raw, fields, {
      ...language,
      ...(options.resolver ? { resolver: options.resolver } : {}),
      ...(options.dnsBudgetMs !== undefined ? { budgetMs: options.dnsBudgetMs } : {}),
    });
    return { ...facts, authentication: own, authenticationSource: own.length ? 'mail-preflight' : null };
  } catch {
    // The delivery is proven either way; an unreadable message only costs the authentication part.
    return { ...facts, authentication: [], authenticationSource: null };
  }
}
