/**
 * The SPF finding: does the envelope sender's domain publish exactly one SPF record, and does it
 * authorize the relay the profile uses (each of its addresses)? With a cause and, where it does
 * not, the mechanism to add and the record it would give.
 */
import { isIP } from 'node:net';
import { isPrivateIp, normalizeIp } from './domains';
import { sentence, type Sentence } from '../i18n/sentence';
import { findingsOf, type DraftFinding } from './draft';
import { describeFailure, isEmptyAnswer, RETRY_FIX, type Lookups } from './lookups';
import { evaluateSpf, spfRecords, SPF_LOOKUP_LIMIT, type SpfOutcome, type SpfResult } from './spf-eval';

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

const finding = findingsOf('spf');

export async function checkSpf(input: SpfCheckInput): Promise<DraftFinding> {
  const { lookups, domain } = input;

  // The record and the relay's addresses are looked up side by side.
  const [txt, relay] = await Promise.all([lookups.txt(domain), relayAddresses(input)]);
  const relayHost = relayHostName(input.relayHost);

  if (!txt.ok && !isEmptyAnswer(txt.failure)) {
    return finding(
      'warn',
      sentence('dnsFinding.spf.lookupFailed', { domain, failure: describeFailure(txt, lookups.timeoutMs) }),
      RETRY_FIX,
      null,
    );
  }
  const records = txt.ok ? spfRecords(txt.value) : [];
  if (records.length === 0) {
    const mechanism = suggestedMechanisms(relayHost, relay.ips, '').primary;
    return finding(
      'warn',
      sentence('dnsFinding.spf.none', { domain, who: relayLabel(input, relay.ips) }),
      sentence('dnsFinding.spf.noneFix', { domain, record: `v=spf1 ${mechanism} ~all` }),
      null,
    );
  }
  if (records.length > 1) {
    return finding(
      'fail',
      sentence('dnsFinding.spf.multiple', { domain, records: records.length }),
      sentence('dnsFinding.spf.multipleFix'),
      records.join('\n'),
    );
  }
  const record = records[0]!;
  if (relay.ips.length === 0) {
    return finding(
      'warn',
      sentence('dnsFinding.spf.relayUnknown', { why: relay.failure!, domain }),
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
  const passingNote =
    passing.length > 0 ? sentence('dnsFinding.spf.note.passing', { ips: passing.join(', ') }) : null;
  const ptrNote =
    outcome.notes.length > 0 && outcome.result !== 'pass'
      ? sentence('dnsFinding.spf.note.ptr', { terms: outcome.notes.join(' ') })
      : null;
  const who = relayLabel(input, failing);
  // A permerror or temperror always says what went wrong.
  const error = outcome.error!;

  switch (outcome.result) {
    case 'permerror':
      return finding(
        'fail',
        sentence('dnsFinding.spf.permerror', { domain: outcome.domain, error }),
        permerrorFix(outcome, domain),
        record,
      );
    case 'temperror':
      return finding('warn', sentence('dnsFinding.spf.temperror', { who, error }), RETRY_FIX, record);
    case 'none':
      // The top-level record exists, so "none" can only come from a target of redirect (reported as permerror).
      return finding('warn', sentence('dnsFinding.spf.noneFor', { domain, who }), null, record);
    case 'pass':
      break;
  }

  if (outcomes.every((o) => isPrivateIp(o.ip))) {
    return finding(
      'info',
      sentence('dnsFinding.spf.private', { relay: relayName(input, failing)!, domain }),
      sentence('dnsFinding.spf.privateFix', { domain }),
      record,
    );
  }

  if (outcome.result === 'pass') {
    const nearLimit =
      outcome.lookups >= SPF_LOOKUP_LIMIT - 2
        ? sentence('dnsFinding.spf.note.nearLimit', { lookups: outcome.lookups, limit: SPF_LOOKUP_LIMIT })
        : null;
    return finding(
      'pass',
      sentence('dnsFinding.spf.pass', { domain, who, notes: notes(termNote(outcome), nearLimit) }),
      null,
      record,
    );
  }

  const denying = outcome.term !== null && !/^[+\-~?]?all$/i.test(outcome.term);
  const { primary, alternative } = suggestedMechanisms(relayHost, failing, record);
  const fix = denying
    ? sentence('dnsFinding.spf.denyingFix', {
        term: outcome.term!,
        termDomain: outcome.domain,
        primary,
        domain,
      })
    : alternative
      ? sentence('dnsFinding.spf.addEitherFix', {
          primary,
          alternative,
          domain,
          record: withMechanism(record, primary),
        })
      : sentence('dnsFinding.spf.addFix', { primary, domain, record: withMechanism(record, primary) });
  const tail = notes(passingNote, ptrNote);

  switch (outcome.result) {
    case 'fail':
      return finding(
        'fail',
        sentence('dnsFinding.spf.fail', {
          domain,
          who,
          notes: notes(termNote(outcome), passingNote, ptrNote),
        }),
        fix,
        record,
      );
    case 'softfail':
      return finding(
        'warn',
        outcome.term
          ? sentence('dnsFinding.spf.softfailTerm', { domain, who, term: outcome.term, notes: tail })
          : sentence('dnsFinding.spf.softfail', { domain, who, notes: tail }),
        fix,
        record,
      );
    default:
      return finding(
        'warn',
        outcome.term
          ? sentence('dnsFinding.spf.neutralTerm', { domain, who, term: outcome.term, notes: tail })
          : sentence('dnsFinding.spf.neutral', { domain, who, notes: tail }),
        fix,
        record,
      );
  }
}

/**
 * Optional notes said inside a summary, one after the other (each begins with its own
 * separator, as its language needs); an empty string when there are none.
 */
function notes(...parts: Array<Sentence | null>): Sentence | string {
  const present = parts.filter((part): part is Sentence => part !== null);
  if (present.length === 0) return '';
  return present.reduce((first, second) => sentence('dnsFinding.spf.note.both', { first, second }));
}

function termNote(outcome: SpfOutcome): Sentence | null {
  if (!outcome.term) return null;
  return /^[+\-~?]?all$/i.test(outcome.term)
    ? sentence('dnsFinding.spf.note.matched', { term: outcome.term })
    : sentence('dnsFinding.spf.note.through', { term: outcome.term });
}

function permerrorFix(outcome: SpfOutcome, domain: string): Sentence {
  const recordDomain = outcome.domain;
  switch (outcome.errorKind) {
    case 'lookup-limit':
      return sentence('dnsFinding.spf.fix.lookupLimit', { domain, limit: SPF_LOOKUP_LIMIT });
    case 'void-limit':
      return sentence('dnsFinding.spf.fix.voidLimit', { domain: recordDomain });
    case 'missing-include':
      return sentence('dnsFinding.spf.fix.missingInclude', {
        term: outcome.badTerm ?? '',
        domain: recordDomain,
      });
    case 'multiple':
      return sentence('dnsFinding.spf.fix.multiple', { domain: recordDomain });
    default:
      return outcome.badTerm
        ? sentence('dnsFinding.spf.fix.badTerm', { term: outcome.badTerm, domain: recordDomain })
        : sentence('dnsFinding.spf.fix.record', { domain: recordDomain });
  }
}

/** The relay as a summary names it: "smtp.example.net (203.0.113.5)", "203.0.113.5"; null when unknown. */
function relayName(input: SpfCheckInput, ips: string[]): string | null {
  const host = relayHostName(input.relayHost);
  if (!host || normalizeIp(host)) return ips.length > 0 ? ips.join(', ') : null;
  return ips.length > 0 ? `${host} (${ips.join(', ')})` : host;
}

/** "the relay smtp.example.net (203.0.113.5)", said inside a summary. */
function relayLabel(input: SpfCheckInput, ips: string[]): Sentence {
  const name = relayName(input, ips);
  return name
    ? sentence('dnsFinding.spf.relay.named', { relay: name })
    : sentence('dnsFinding.spf.relay.unnamed');
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
  /** Why there are none, said at the start of a summary. */
  failure: Sentence | null;
  fix: Sentence | null;
}

async function relayAddresses(input: SpfCheckInput): Promise<RelayAddresses> {
  const given = [
    ...new Set((input.relayIps ?? []).map(normalizeIp).filter((ip): ip is string => ip !== null)),
  ];
  if (given.length > 0) return { ips: given, failure: null, fix: null };
  const host = relayHostName(input.relayHost);
  const literal = normalizeIp(host);
  if (literal) return { ips: [literal], failure: null, fix: null };
  if (!host) {
    return {
      ips: [],
      failure: sentence('dnsFinding.spf.relay.noHost'),
      fix: sentence('dnsFinding.spf.relay.noHostFix'),
    };
  }
  const [a, aaaa] = await Promise.all([input.lookups.a(host), input.lookups.aaaa(host)]);
  const ips = [...(a.ok ? a.value : []), ...(aaaa.ok ? aaaa.value : [])];
  if (ips.length > 0) return { ips, failure: null, fix: null };
  const failed = [a, aaaa].find((result) => !result.ok && !isEmptyAnswer(result.failure));
  if (failed && !failed.ok) {
    return {
      ips: [],
      failure: sentence('dnsFinding.spf.relay.lookupFailed', {
        host,
        failure: describeFailure(failed, input.lookups.timeoutMs),
      }),
      fix: RETRY_FIX,
    };
  }
  return {
    ips: [],
    failure: sentence('dnsFinding.spf.relay.noAddress', { host }),
    fix: sentence('dnsFinding.spf.relay.noAddressFix', { host }),
  };
}
