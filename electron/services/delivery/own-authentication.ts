/**
 * Mail Preflight's own SPF/DKIM/DMARC check of the received copy, for receivers that stamp
 * no Authentication-Results: mailauth verifies the DKIM signatures in the message, checks
 * SPF for the client of the hop at which the message entered the receiving side, and
 * evaluates DMARC from both. DNS is bounded (see dns-resolver.ts).
 */
import { authenticate } from 'mailauth';
import { createTranslator, type Language } from '../i18n';
import { parseAuthenticationResults, toAuthResults } from './authentication-results';
import { budgetedResolver, DNS_BUDGET_MS, systemResolver } from './dns-resolver';
import { headerValues, parseHeaders, type HeaderField } from './message-headers';
import { smtpClientOf } from './received-chain';
import type { AuthResult, DnsResolver } from './types';

/** The name Mail Preflight stamps as authserv-id in its own results. */
export const AUTHSERV_ID = 'mail-preflight';

function addressIn(value: string | undefined): string | null {
  if (!value) return null;
  const bare = value.replace(/[<>\s]/g, '');
  return bare.includes('@') ? bare : null;
}

export async function ownAuthentication(
  raw: Buffer,
  fields: readonly HeaderField[],
  options: { resolver?: DnsResolver; budgetMs?: number; language?: Language } = {},
): Promise<AuthResult[]> {
  const budgetMs = options.budgetMs ?? DNS_BUDGET_MS;
  const resolver = budgetedResolver(options.resolver ?? systemResolver(), budgetMs);
  const received = headerValues(fields, 'received');
  const client = smtpClientOf(received);
  const sender =
    addressIn(headerValues(fields, 'return-path')[0]) ?? addressIn(client?.envelopeFrom ?? undefined);
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    authenticate(raw, {
      ...(client ? { ip: client.ip } : {}),
      ...(client?.helo ? { helo: client.helo.replace(/^\[(?:IPv6:)?|\]$/gi, '') } : {}),
      ...(sender ? { sender } : {}),
      mta: AUTHSERV_ID,
      resolver,
      disableArc: true,
      disableBimi: true,
    }),
    new Promise<never>((_, reject) => {
      // mailauth's DNS is bounded already; this only guards against a bug in it.
      timer = setTimeout(
        () => reject(new Error('The authentication check did not finish')),
        budgetMs + 2_000,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  const stamped = parseHeaders(`${result.headers}\r\n\r\n`).find(
    (f) => f.name.toLowerCase() === 'authentication-results',
  );
  if (!stamped) return [];
  const fromDomain = result.dmarc ? (result.dmarc.status.header?.from ?? null) : null;
  const results = toAuthResults(parseAuthenticationResults(stamped.value).results, {
    clientIp: client?.ip ?? null,
    fromDomain,
    ...(options.language ? { language: options.language } : {}),
  });
  if (client) return results;
  // Without a client address mailauth reports SPF as a temperror, which would blame DNS.
  const t = createTranslator(options.language ?? 'en');
  return results.map((r) =>
    r.method === 'spf'
      ? {
          method: 'spf',
          result: 'none',
          detail: t('authExplanation.spf.noClientDetail'),
          explanation: t('authExplanation.spf.noClient'),
        }
      : r,
  );
}
