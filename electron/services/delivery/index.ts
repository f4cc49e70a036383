/**
 * Delivery proof (issue 6): find the test message in the recipient's mailbox over IMAP,
 * and read what the received copy tells (hops, authentication results, spam headers).
 */
export { checkDelivery } from './delivery-check';
export { analyseReceivedCopy, type ReceivedCopyFacts } from './received-copy';
export { parseReceivedChain } from './received-chain';
export { parseAuthenticationResults } from './authentication-results';
export { explainAuthResult } from './auth-explanations';
export { findJunkFolder, JUNK_NAMES } from './junk-folder';
export { budgetedResolver, systemResolver } from './dns-resolver';
export type {
  AuthResult,
  CheckDeliveryOptions,
  DeliveryFailure,
  DeliveryProgress,
  DeliveryReport,
  DeliveryResult,
  DnsResolver,
  Hop,
  ImapSecurity,
  ImapSettings,
  WatchMode,
} from './types';
