/**
 * From-domain DNS check: MX, SPF (does it authorize the relay the profile uses?), DMARC policy,
 * alignment of the From domain with the envelope sender, and the DKIM key of a selector. Each
 * finding has a status, one sentence of cause and one of fix, and the raw record.
 *
 * Lookups run in parallel, each bounded by `timeoutMs` (a timed-out lookup is a 'warn' finding),
 * through the system's resolver unless one is injected. No Electron: runs in the main process,
 * under the CLI and in tests. The findings are said in `options.language` (English unless given):
 * the window's language for the dialog and a run, the CLI's --lang.
 */
import { Resolver } from 'node:dns/promises';
import { DEFAULT_LANGUAGE } from '../i18n/languages';
import { createTranslator } from '../i18n/translator';
import { checkAlignment } from './alignment';
import { checkDkim } from './dkim';
import { checkDmarc } from './dmarc';
import { domainOfAddress } from './domains';
import { sayFinding } from './draft';
import { createLookups } from './lookups';
import { checkMx } from './mx';
import { checkSpf } from './spf';
import type { DnsCheckOptions, DnsCheckReport } from './types';

export type {
  CheckStatus,
  DnsCheckName,
  DnsCheckOptions,
  DnsCheckReport,
  DnsFinding,
  DnsResolver,
} from './types';

export const DEFAULT_DNS_TIMEOUT_MS = 5000;

export async function checkFromDomain(options: DnsCheckOptions): Promise<DnsCheckReport> {
  const started = performance.now();
  const domain = domainOfAddress(options.from, 'from');
  const envelopeFrom = options.envelopeFrom?.trim() ? options.envelopeFrom : options.from;
  const envelopeDomain = domainOfAddress(envelopeFrom, 'envelope');
  const sender = envelopeAddress(envelopeFrom, envelopeDomain);
  const timeoutMs =
    options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0
      ? options.timeoutMs
      : DEFAULT_DNS_TIMEOUT_MS;

  // The system's resolver, one try per lookup so that c-ares gives up when the check does.
  const ownResolver = options.resolver ? null : new Resolver({ timeout: timeoutMs, tries: 1 });
  const lookups = createLookups(options.resolver ?? ownResolver!, timeoutMs);
  try {
    const [mx, spf, dmarc, dkim] = await Promise.all([
      checkMx(lookups, domain),
      checkSpf({
        lookups,
        domain: envelopeDomain,
        sender,
        relayHost: options.relayHost,
        ...(options.relayIps ? { relayIps: options.relayIps } : {}),
      }),
      checkDmarc(lookups, domain),
      checkDkim(lookups, domain, options.dkimSelector),
    ]);
    const alignment = checkAlignment(
      domain,
      envelopeDomain,
      dmarc.info,
      dkim.info,
      options.dkimSelector?.trim(),
    );
    const t = createTranslator(options.language ?? DEFAULT_LANGUAGE);
    return {
      domain,
      findings: [mx, spf, dmarc.finding, dkim.finding, alignment].map((draft) => sayFinding(draft, t)),
      timings: { total: Math.round(performance.now() - started) },
    };
  } finally {
    ownResolver?.cancel();
  }
}

/** `local@domain` of an address given maybe as `Name <local@domain>`. */
function envelopeAddress(address: string, domain: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  const bare = (angle?.[1] ?? address).trim();
  const local = bare.slice(0, bare.lastIndexOf('@')) || 'postmaster';
  return `${local}@${domain}`;
}
