/**
 * The SPF finding: does the envelope sender's domain publish exactly one SPF record, and does it
 * authorize the relay the profile uses (each of its addresses)? With a cause and, where it does
 * not, the mechanism to add and the record it would give.
 */
import { isIP } from 'node:net';
import { isPrivateIp, normalizeIp } from './domains';
import { describeFailure, isEmptyAnswer, RETRY_FIX, type Lookups } from './lookups';
import { evaluateSpf, spfRecords, SPF_LOOKUP_LIMIT, type SpfOutcome, type SpfResult } from './spf-eval';
import type { CheckStatus, DnsFinding } from './types';

export interface SpfCheckInput {
  lookups: Lookups;
  /** The envelope sender's domain: the one receivers check SPF for. */
  domain: string;
  /** The envelope sender address. */
  sender: string;
  relayHost: string;
  relayIps?: string[];
}

/** The SPF include that covers a hosted relay's outbound servers, by relay host name. */
const PROVIDER_INCLUDES: Array<[RegExp, string]> = [
  [/(?:^|\.)(?:gmail|googlemail|google)\.com$/, '_spf.google.com'],
  [/(?:^|\.)(?:office365|outlook)\.com$/, 'spf.protection.outlook.com'],
  [/(?:^|\.)sendgrid\.net$/, 'sendgrid.net'],
  [/(?:^|\.)mailgun\.org$/, 'mailgun.org'],
  [/^email-smtp\.[a-z0-9-]+\.amazonaws\.com$/, 'amazonses.com'],
  [/(?:^|\.)postmarkapp\.com$/, 'spf.mtasv.net'],
  [/(?:^|\.)zoho\.com$/, 'zoho.com'],
  [/(?:^|\.)zoho\.eu$/, 'zoho.eu'],
  [/(?:^|\.)fastmail\.com$/, 'spf.messagingengine.com'],
];

const SEVERITY: Record<SpfResult, number> = {
  pass: 0,
  none: 1,
  neutral: 2,
  softfail: 3,
  fail: 4,
  temperror: 5,
  permerror: 6,
};

export async function checkSpf(input: SpfCheckInput): Promise<DnsFinding> {
  const { lookups, domain } = input;
  const finding = (
    status: CheckStatus,
    summary: string,
    fix: string | null,
    record: string | null,
  ): DnsFinding => ({
    check: 'spf',
    status,
    summary,
    fix,
    record,
  });

  // The record and the relay's addresses are looked up side by side.
  const [txt, relay] = await Promise.all([lookups.txt(domain), relayAddresses(input)]);
  const relayHost = relayHostName(input.relayHost);

  if (!txt.ok && !isEmptyAnswer(txt.failure)) {
    return finding(
      'warn',
      `The SPF lookup of ${domain} ${describeFailure(txt, lookups.timeoutMs)}, so SPF was not checked.`,
      RETRY_FIX,
      null,
    );
  }
  const records = txt.ok ? spfRecords(txt.value) : [];
  if (records.length === 0) {
    const mechanism = suggestedMechanisms(relayHost, relay.ips, '').primary;
    return finding(
      'warn',
      `${domain} publishes no SPF record, so receivers cannot tell whether ${relayLabel(input, relay.ips)} may send for it, and DMARC cannot pass through SPF.`,
      `Publish a TXT record at ${domain}: "v=spf1 ${mechanism} ~all".`,
      null,
    );
  }
  if (records.length > 1) {
    return finding(
      'fail',
      `${domain} publishes ${records.length} SPF records, which receivers treat as a permanent error (permerror): SPF fails for every sender.`,
      `Merge them into one TXT record that starts with v=spf1 and delete the others.`,
      records.join('\n'),
    );
  }
  const record = records[0]!;
  if (relay.ips.length === 0) {
    return finding(
      'warn',
      `${relay.failure}, so whether the SPF record of ${domain} authorizes the relay was not checked.`,
      relay.fix,
      record,
    );
  }

  const outcomes = await Promise.all(
    relay.ips.map(async (ip) => ({
      ip,
      outcome: await evaluateSpf({
        ip,
        sender: input.sender,
        domain,
        lookups,
        ...(relayHost && !isIP(relayHost) ? { helo: relayHost } : {}),
      }),
    })),
  );
  const worst = outcomes.reduce((a, b) => (SEVERITY[b.outcome.result] > SEVERITY[a.outcome.result] ? b : a));
  const { outcome } = worst;
  const failing = outcomes.filter((o) => o.outcome.result === outcome.result).map((o) => o.ip);
  const passing = outcomes.filter((o) => o.outcome.result === 'pass').map((o) => o.ip);
  const passingNote = passing.length > 0 ? ` (${passing.join(', ')} passes)` : '';
  const ptrNote =
    outcome.notes.length > 0 && outcome.result !== 'pass'
      ? `; its ${outcome.notes.join(' ')} was not evaluated (ptr is deprecated and many receivers ignore it)`
      : '';
  const who = relayLabel(input, failing);

  switch (outcome.result) {
    case 'permerror':
      return finding(
        'fail',
        `The SPF record of ${outcome.domain} is a permanent error (permerror): ${outcome.error}; receivers fail SPF for every sender.`,
        permerrorFix(outcome, domain),
        record,
      );
    case 'temperror':
      return finding('warn', `SPF could not be evaluated for ${who}: ${outcome.error}.`, RETRY_FIX, record);
    case 'none':
      // The top-level record exists, so "none" can only come from a target of redirect (reported as permerror).
      return finding('warn', `${domain} has no usable SPF record for ${who}.`, null, record);
    case 'pass':
      break;
  }

  if (outcomes.every((o) => isPrivateIp(o.ip))) {
    return finding(
      'info',
      `${capitalize(who)} is reached at a private address, so receivers will check SPF for the public address it sends from, which this check cannot see; the SPF record of ${domain} is valid.`,
      `Make sure the SPF record of ${domain} authorizes the public address your relay sends mail from.`,
      record,
    );
  }

  if (outcome.result === 'pass') {
    const nearLimit =
      outcome.lookups >= SPF_LOOKUP_LIMIT - 2
        ? `, but it already needs ${outcome.lookups} of the ${SPF_LOOKUP_LIMIT} DNS lookups SPF allows`
        : '';
    return finding(
      'pass',
      `The SPF record of ${domain} authorizes ${who}${termNote(outcome)}${nearLimit}.`,
      null,
      record,
    );
  }

  const denying = outcome.term !== null && !/^[+\-~?]?all$/i.test(outcome.term);
  const { primary, alternative } = suggestedMechanisms(relayHost, failing, record);
  const suggested = withMechanism(record, primary);
  const fix = denying
    ? `Remove "${outcome.term}" from the SPF record of ${outcome.domain} (it matches the relay), and add ${primary} to the SPF record of ${domain}.`
    : `Add ${primary}${alternative ? ` (or ${alternative})` : ''} to the SPF record of ${domain}: "${suggested}".`;

  switch (outcome.result) {
    case 'fail':
      return finding(
        'fail',
        `The SPF record of ${domain} does not allow ${who} to send for it${termNote(outcome)}${passingNote}${ptrNote}; receivers will reject or junk its mail.`,
        fix,
        record,
      );
    case 'softfail':
      return finding(
        'warn',
        `The SPF record of ${domain} does not authorize ${who} (softfail${outcome.term ? `, "${outcome.term}" matched` : ''})${passingNote}${ptrNote}; receivers will likely junk its mail.`,
        fix,
        record,
      );
    default:
      return finding(
        'warn',
        `The SPF record of ${domain} says nothing about ${who} (neutral${outcome.term ? `, "${outcome.term}" matched` : ''})${passingNote}${ptrNote}, so SPF gives it no credit and DMARC cannot pass through SPF.`,
        fix,
        record,
      );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function termNote(outcome: SpfOutcome): string {
  if (!outcome.term) return '';
  return /^[+\-~?]?all$/i.test(outcome.term) ? ` ("${outcome.term}" matched)` : ` through "${outcome.term}"`;
}

function permerrorFix(outcome: SpfOutcome, domain: string): string {
  switch (outcome.errorKind) {
    case 'lookup-limit':
      return `Bring the SPF record of ${domain} within ${SPF_LOOKUP_LIMIT} DNS lookups: drop includes of services you no longer use, or replace them with their ip4/ip6 ranges.`;
    case 'void-limit':
      return `Remove the mechanisms of the SPF record of ${outcome.domain} that name domains without records.`;
    case 'missing-include':
      return `Remove "${outcome.badTerm ?? ''}" from the SPF record of ${outcome.domain}, or correct its domain.`;
    case 'multiple':
      return `Merge the SPF records of ${outcome.domain} into one TXT record that starts with v=spf1 and delete the others.`;
    default:
      return outcome.badTerm
        ? `Correct or remove "${outcome.badTerm}" in the SPF record of ${outcome.domain}.`
        : `Correct the SPF record of ${outcome.domain}.`;
  }
}

/** The relay as a summary names it: "the relay smtp.example.net (203.0.113.5)". */
function relayLabel(input: SpfCheckInput, ips: string[]): string {
  const host = relayHostName(input.relayHost);
  if (!host || normalizeIp(host)) return ips.length > 0 ? `the relay ${ips.join(', ')}` : 'the relay';
  return ips.length > 0 ? `the relay ${host} (${ips.join(', ')})` : `the relay ${host}`;
}

function relayHostName(host: string): string {
  return host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * What to add so that the relay passes: the provider's include when the relay is a known hosted
 * one, else `a:<relay host>`; the relay's addresses as the alternative.
 */
function suggestedMechanisms(
  relayHost: string,
  ips: string[],
  record: string,
): { primary: string; alternative: string | null } {
  const ipTerms = ips.map((ip) => (isIP(ip) === 4 ? `ip4:${ip}` : `ip6:${ip}`)).join(' ');
  const provider = PROVIDER_INCLUDES.find(([pattern]) => pattern.test(relayHost))?.[1];
  const hasProvider =
    provider !== undefined && new RegExp(`(^|\\s)[+]?include:${provider}(\\s|$)`, 'i').test(record);
  if (provider && !hasProvider) return { primary: `include:${provider}`, alternative: null };
  if (relayHost && !isIP(relayHost) && relayHost.includes('.') && !/(^|\s)[+]?a:/.test(record)) {
    return { primary: `a:${relayHost}`, alternative: ipTerms || null };
  }
  return { primary: ipTerms || `a:${relayHost}`, alternative: null };
}

/** The record with `mechanism` inserted before its final all or redirect (or at its end). */
function withMechanism(record: string, mechanism: string): string {
  const terms = record.trim().split(/\s+/);
  const at = terms.findIndex((term, i) => i > 0 && (/^[+\-~?]?all$/i.test(term) || /^redirect=/i.test(term)));
  terms.splice(at < 0 ? terms.length : at, 0, mechanism);
  return terms.join(' ');
}

interface RelayAddresses {
  ips: string[];
  /** Why there are none, as the start of a sentence. */
  failure: string;
  fix: string | null;
}

async function relayAddresses(input: SpfCheckInput): Promise<RelayAddresses> {
  const given = [
    ...new Set((input.relayIps ?? []).map(normalizeIp).filter((ip): ip is string => ip !== null)),
  ];
  if (given.length > 0) return { ips: given, failure: '', fix: null };
  const host = relayHostName(input.relayHost);
  const literal = normalizeIp(host);
  if (literal) return { ips: [literal], failure: '', fix: null };
  if (!host) {
    return { ips: [], failure: 'No relay host was given', fix: 'Enter the server address of the relay.' };
  }
  const [a, aaaa] = await Promise.all([input.lookups.a(host), input.lookups.aaaa(host)]);
  const ips = [...(a.ok ? a.value : []), ...(aaaa.ok ? aaaa.value : [])];
  if (ips.length > 0) return { ips, failure: '', fix: null };
  const failed = [a, aaaa].find((result) => !result.ok && !isEmptyAnswer(result.failure));
  if (failed && !failed.ok) {
    return {
      ips: [],
      failure: `The address lookup of the relay ${host} ${describeFailure(failed, input.lookups.timeoutMs)}`,
      fix: RETRY_FIX,
    };
  }
  return {
    ips: [],
    failure: `The relay ${host} has no address in DNS`,
    fix: `Check the server address of the profile: ${host} does not resolve.`,
  };
}
