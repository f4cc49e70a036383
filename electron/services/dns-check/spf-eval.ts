/**
 * SPF evaluation (RFC 7208 check_host) for one client address: ip4 and ip6 with CIDR, a and mx
 * (with dual CIDR), include (recursive), exists, redirect, all, with the qualifiers + - ~ ?;
 * macros in domain specs; the 10 DNS-lookup limit (include, a, mx, ptr, exists, redirect),
 * the 10 address lookups per mx, and the 2 void-lookup limit. `ptr` (deprecated, and needing a
 * reverse lookup the resolver does not offer) counts as a lookup and never matches; `exp` is
 * not fetched.
 *
 * Beside the result it tells which term decided it, in which domain's record, and why an error
 * arose, so that the finding can say what to change.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { inSubnet, ipFamily } from './domains';
import { sentence, type Sentence } from '../i18n/sentence';
import { describeFailure, isEmptyAnswer, type LookupResult, type Lookups } from './lookups';

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export interface SpfOutcome {
  result: SpfResult;
  /** The term that matched ("include:_spf.example.net", "-all"), null when none did. */
  term: string | null;
  /** The domain whose record held that term (or where the error arose). */
  domain: string;
  /** For permerror and temperror: what went wrong, a few words (said inside the finding). */
  error: Sentence | null;
  /** What kind of error: lets the finding choose its fix. */
  errorKind: 'lookup-limit' | 'void-limit' | 'syntax' | 'multiple' | 'missing-include' | 'dns' | null;
  /** For a syntax error or a missing include: the term at fault. */
  badTerm: string | null;
  /** DNS-querying terms evaluated (the limit is 10). */
  lookups: number;
  /** The terms that were present but not evaluated as written (ptr). */
  notes: string[];
}

export interface SpfRequest {
  ip: string;
  /** The envelope sender (MAIL FROM), `local@domain`. */
  sender: string;
  /** The domain whose record is evaluated first (the sender's domain). */
  domain: string;
  /** The client's HELO name, for the %{h} macro; defaults to the domain. */
  helo?: string;
  lookups: Lookups;
}

export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LIMIT = 2;
const MX_ADDRESS_LIMIT = 10;

const QUALIFIER_RESULTS: Record<string, SpfResult> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};

/** The v=spf1 records among a name's TXT records. */
export function spfRecords(txt: readonly string[]): string[] {
  return txt.filter((record) => /^v=spf1(?: |$)/i.test(record.trim()));
}

interface Context {
  request: SpfRequest;
  family: 4 | 6;
  lookups: number;
  voids: number;
  notes: string[];
}

class SpfError extends Error {
  readonly reason: Sentence;
  readonly result: 'permerror' | 'temperror';
  readonly kind: NonNullable<SpfOutcome['errorKind']>;
  readonly domain: string;
  readonly badTerm: string | null;

  constructor(
    result: 'permerror' | 'temperror',
    kind: NonNullable<SpfOutcome['errorKind']>,
    reason: Sentence,
    domain: string,
    badTerm: string | null = null,
  ) {
    super(reason.key);
    this.reason = reason;
    this.result = result;
    this.kind = kind;
    this.domain = domain;
    this.badTerm = badTerm;
  }
}

export async function evaluateSpf(request: SpfRequest): Promise<SpfOutcome> {
  const context: Context = { request, family: ipFamily(request.ip), lookups: 0, voids: 0, notes: [] };
  try {
    const decided = await checkHost(context, request.domain, 0);
    return {
      ...decided,
      error: null,
      errorKind: null,
      badTerm: null,
      lookups: context.lookups,
      notes: context.notes,
    };
  } catch (error) {
    if (!(error instanceof SpfError)) throw error;
    return {
      result: error.result,
      term: null,
      domain: error.domain,
      error: error.reason,
      errorKind: error.kind,
      badTerm: error.badTerm,
      lookups: context.lookups,
      notes: context.notes,
    };
  }
}

// ---------------------------------------------------------------------------------------
// Parsing

type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

interface Directive {
  text: string;
  qualifier: string;
  mechanism: MechanismName;
  /** The domain spec (macros not yet expanded), or the address for ip4/ip6. */
  target: string | null;
  cidr4: number;
  cidr6: number;
}

interface ParsedRecord {
  directives: Directive[];
  redirect: string | null;
}

const MECHANISMS = new Set<string>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);

function parseRecord(record: string, domain: string): ParsedRecord {
  const terms = record.trim().split(/\s+/).slice(1);
  const directives: Directive[] = [];
  let redirect: string | null = null;
  const seenModifiers = new Set<string>();
  const invalid = (term: string, why: Sentence) =>
    new SpfError('permerror', 'syntax', sentence('dnsFinding.spfError.invalid', { term, why }), domain, term);

  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      if (name === 'redirect' || name === 'exp') {
        if (seenModifiers.has(name)) throw invalid(term, sentence('dnsFinding.spfError.why.twice', { name }));
        seenModifiers.add(name);
        if (!modifier[2]) throw invalid(term, sentence('dnsFinding.spfError.why.noDomain'));
        if (name === 'redirect') redirect = modifier[2];
      }
      continue; // unknown modifiers are ignored (RFC 7208 6)
    }
    const directive = /^([+\-~?]?)([a-z][a-z0-9]*)(.*)$/i.exec(term);
    const mechanism = directive?.[2]?.toLowerCase();
    if (!directive || !mechanism || !MECHANISMS.has(mechanism))
      throw invalid(term, sentence('dnsFinding.spfError.why.unknownMechanism'));
    const qualifier = directive[1] || '+';
    const rest = directive[3] ?? '';
    const base = { text: term, qualifier, mechanism: mechanism as MechanismName, cidr4: 32, cidr6: 128 };

    switch (mechanism) {
      case 'all':
        if (rest) throw invalid(term, sentence('dnsFinding.spfError.why.allArgument'));
        directives.push({ ...base, target: null });
        break;
      case 'include':
      case 'exists':
        if (!rest.startsWith(':') || rest.length < 2)
          throw invalid(term, sentence('dnsFinding.spfError.why.needsDomain', { mechanism }));
        directives.push({ ...base, target: rest.slice(1) });
        break;
      case 'ptr':
        if (rest && (!rest.startsWith(':') || rest.length < 2))
          throw invalid(term, sentence('dnsFinding.spfError.why.badDomain'));
        directives.push({ ...base, target: rest ? rest.slice(1) : null });
        break;
      case 'a':
      case 'mx': {
        const { spec, cidr } = splitDomainSpec(rest);
        if (spec !== null && (!spec.startsWith(':') || spec.length < 2))
          throw invalid(term, sentence('dnsFinding.spfError.why.badDomain'));
        const cidrs = /^(?:\/(\d{1,2}))?(?:\/\/(\d{1,3}))?$/.exec(cidr);
        const cidr4 = cidrs?.[1] === undefined ? 32 : Number(cidrs[1]);
        const cidr6 = cidrs?.[2] === undefined ? 128 : Number(cidrs[2]);
        if (!cidrs || cidr4 > 32 || cidr6 > 128)
          throw invalid(term, sentence('dnsFinding.spfError.why.badCidr'));
        directives.push({ ...base, target: spec ? spec.slice(1) : null, cidr4, cidr6 });
        break;
      }
      case 'ip4':
      case 'ip6': {
        const match = /^:([^/]+)(?:\/(\d{1,3}))?$/.exec(rest);
        const address = match?.[1];
        const max = mechanism === 'ip4' ? 32 : 128;
        const prefix = match?.[2] === undefined ? max : Number(match[2]);
        const valid = address && (mechanism === 'ip4' ? isIPv4(address) : isIPv6(address));
        if (!valid || prefix > max) {
          throw invalid(
            term,
            sentence('dnsFinding.spfError.why.badNetwork', { family: mechanism === 'ip4' ? 'IPv4' : 'IPv6' }),
          );
        }
        directives.push({ ...base, target: address, cidr4: prefix, cidr6: prefix });
        break;
      }
    }
  }
  return { directives, redirect };
}

/** Splits `:domain/24//64` into the domain spec part and the CIDR part; '/' inside %{…} is a macro delimiter. */
function splitDomainSpec(rest: string): { spec: string | null; cidr: string } {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '{' && rest[i - 1] === '%') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === '/' && depth === 0)
      return { spec: i === 0 ? null : rest.slice(0, i), cidr: rest.slice(i) };
  }
  return { spec: rest || null, cidr: '' };
}

// ---------------------------------------------------------------------------------------
// Evaluation

type Decided = Pick<SpfOutcome, 'result' | 'term' | 'domain'>;

async function checkHost(context: Context, domain: string, depth: number): Promise<Decided> {
  if (depth > SPF_LOOKUP_LIMIT) {
    throw new SpfError('permerror', 'lookup-limit', sentence('dnsFinding.spfError.tooDeep'), domain);
  }
  if (!isDomainName(domain)) return { result: 'none', term: null, domain };
  const txt = await context.request.lookups.txt(domain);
  if (!txt.ok) {
    if (isEmptyAnswer(txt.failure)) return { result: 'none', term: null, domain };
    throw dnsError(
      context,
      txt,
      sentence('dnsFinding.spfError.lookup', { type: 'TXT', name: domain }),
      domain,
    );
  }
  const records = spfRecords(txt.value);
  if (records.length === 0) return { result: 'none', term: null, domain };
  if (records.length > 1) {
    throw new SpfError(
      'permerror',
      'multiple',
      sentence('dnsFinding.spfError.multiple', { domain, records: records.length }),
      domain,
    );
  }
  const parsed = parseRecord(records[0]!, domain);

  for (const directive of parsed.directives) {
    if (await matches(context, directive, domain, depth)) {
      return { result: QUALIFIER_RESULTS[directive.qualifier] ?? 'pass', term: directive.text, domain };
    }
  }
  if (parsed.redirect !== null) {
    countLookup(context, domain);
    const target = expandMacros(parsed.redirect, context, domain);
    const redirected = await checkHost(context, target, depth + 1);
    if (redirected.result === 'none') {
      throw new SpfError(
        'permerror',
        'missing-include',
        sentence('dnsFinding.spfError.redirectMissing', { target }),
        domain,
        `redirect=${parsed.redirect}`,
      );
    }
    return redirected;
  }
  return { result: 'neutral', term: null, domain };
}

async function matches(
  context: Context,
  directive: Directive,
  domain: string,
  depth: number,
): Promise<boolean> {
  const { ip } = context.request;
  switch (directive.mechanism) {
    case 'all':
      return true;
    case 'ip4':
      return context.family === 4 && inSubnet(ip, directive.target!, directive.cidr4);
    case 'ip6':
      return context.family === 6 && inSubnet(ip, directive.target!, directive.cidr6);
    case 'include': {
      countLookup(context, domain);
      const target = expandMacros(directive.target!, context, domain);
      const included = await checkHost(context, target, depth + 1);
      if (included.result === 'pass') return true;
      if (included.result === 'none') {
        throw new SpfError(
          'permerror',
          'missing-include',
          sentence('dnsFinding.spfError.includeMissing', { term: directive.text }),
          domain,
          directive.text,
        );
      }
      return false; // fail, softfail, neutral: no match (errors were thrown)
    }
    case 'a': {
      countLookup(context, domain);
      const target = directive.target ? expandMacros(directive.target, context, domain) : domain;
      const addresses = await addressesOf(context, target, context.family, domain);
      return addresses.some((address) => inCidr(context, ip, address, directive));
    }
    case 'mx': {
      countLookup(context, domain);
      const target = directive.target ? expandMacros(directive.target, context, domain) : domain;
      const mx = await context.request.lookups.mx(target);
      if (!mx.ok) {
        return noteEmpty(
          context,
          mx,
          sentence('dnsFinding.spfError.lookup', { type: 'MX', name: target }),
          domain,
        );
      }
      const exchanges = [...mx.value]
        .sort((x, y) => x.priority - y.priority)
        .map((record) => record.exchange)
        .filter((exchange) => exchange !== '' && exchange !== '.');
      if (exchanges.length > MX_ADDRESS_LIMIT) {
        throw new SpfError(
          'permerror',
          'lookup-limit',
          sentence('dnsFinding.spfError.tooManyMx', { term: directive.text, limit: MX_ADDRESS_LIMIT }),
          domain,
        );
      }
      for (const exchange of exchanges) {
        const addresses = await addressesOf(context, exchange, context.family, domain, false);
        if (addresses.some((address) => inCidr(context, ip, address, directive))) return true;
      }
      return false;
    }
    case 'exists': {
      countLookup(context, domain);
      const target = expandMacros(directive.target!, context, domain);
      return (await addressesOf(context, target, 4, domain)).length > 0;
    }
    case 'ptr':
      countLookup(context, domain);
      if (!context.notes.includes(directive.text)) context.notes.push(directive.text);
      return false;
  }
}

function inCidr(context: Context, ip: string, address: string, directive: Directive): boolean {
  return inSubnet(ip, address, context.family === 4 ? directive.cidr4 : directive.cidr6);
}

/** Counts a DNS-querying term; the limit is over the whole evaluation, so the error names the first record. */
function countLookup(context: Context, domain: string): void {
  context.lookups++;
  if (context.lookups > SPF_LOOKUP_LIMIT) {
    throw new SpfError(
      'permerror',
      'lookup-limit',
      domain === context.request.domain
        ? sentence('dnsFinding.spfError.tooManyLookups', { limit: SPF_LOOKUP_LIMIT })
        : sentence('dnsFinding.spfError.tooManyLookupsIn', { limit: SPF_LOOKUP_LIMIT, domain }),
      context.request.domain,
    );
  }
}

async function addressesOf(
  context: Context,
  name: string,
  family: 4 | 6,
  domain: string,
  countVoid = true,
): Promise<string[]> {
  const result =
    family === 4 ? await context.request.lookups.a(name) : await context.request.lookups.aaaa(name);
  if (result.ok) return result.value;
  if (countVoid) {
    const type = family === 4 ? 'A' : 'AAAA';
    noteEmpty(context, result, sentence('dnsFinding.spfError.lookup', { type, name }), domain);
  } else if (!isEmptyAnswer(result.failure)) {
    throw dnsError(context, result, sentence('dnsFinding.spfError.lookupAny', { name }), domain);
  }
  return [];
}

/** An empty answer counts as a void lookup (at most 2); any other failure is a temperror. */
function noteEmpty(
  context: Context,
  result: Extract<LookupResult<unknown>, { ok: false }>,
  what: Sentence,
  domain: string,
): false {
  if (!isEmptyAnswer(result.failure)) throw dnsError(context, result, what, domain);
  context.voids++;
  if (context.voids > SPF_VOID_LIMIT) {
    throw new SpfError(
      'permerror',
      'void-limit',
      sentence('dnsFinding.spfError.tooManyVoids', { limit: SPF_VOID_LIMIT, what }),
      domain,
    );
  }
  return false;
}

function dnsError(
  context: Context,
  result: Extract<LookupResult<unknown>, { ok: false }>,
  what: Sentence,
  domain: string,
): SpfError {
  const failure = describeFailure(result, context.request.lookups.timeoutMs);
  return new SpfError('temperror', 'dns', sentence('dnsFinding.spfError.dns', { what, failure }), domain);
}

function isDomainName(name: string): boolean {
  if (!name || name.length > 253) return false;
  const labels = name.replace(/\.$/, '').split('.');
  return labels.length >= 2 && labels.every((label) => label.length > 0 && label.length <= 63);
}

// ---------------------------------------------------------------------------------------
// Macros (RFC 7208 7)

function expandMacros(spec: string, context: Context, domain: string): string {
  const { sender, ip, helo } = context.request;
  const at = sender.lastIndexOf('@');
  const local = at > 0 ? sender.slice(0, at) : 'postmaster';
  const senderDomain = at >= 0 ? sender.slice(at + 1) : sender;
  const badMacro = () =>
    new SpfError('permerror', 'syntax', sentence('dnsFinding.spfError.badMacro', { spec }), domain, spec);
  const values: Record<string, string> = {
    s: sender,
    l: local,
    o: senderDomain,
    d: domain,
    i: context.family === 4 ? ip : ipv6Nibbles(ip),
    p: 'unknown',
    v: context.family === 4 ? 'in-addr' : 'ip6',
    h: helo ?? context.request.domain,
    c: ip,
    r: 'unknown',
    t: String(Math.floor(Date.now() / 1000)),
  };
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const next = spec[i + 1];
    if (next === '%') out += '%';
    else if (next === '_') out += ' ';
    else if (next === '-') out += '%20';
    else if (next === '{') {
      const close = spec.indexOf('}', i);
      const macro = close > 0 ? /^([a-z])(\d*)(r?)([.\-+,/_=]*)$/i.exec(spec.slice(i + 2, close)) : null;
      const letter = macro?.[1];
      const value = letter ? values[letter.toLowerCase()] : undefined;
      if (!macro || !letter || value === undefined) {
        throw badMacro();
      }
      const delimiters = macro[4] || '.';
      let parts = value.split(new RegExp(`[${delimiters.replace(/[-\\\]^]/g, '\\$&')}]`));
      if (macro[3]) parts = parts.reverse();
      if (macro[2]) {
        const keep = Number(macro[2]);
        if (keep === 0) throw badMacro();
        parts = parts.slice(-keep);
      }
      const expanded = parts.join('.');
      out += letter === letter.toUpperCase() ? encodeURIComponent(expanded) : expanded;
      i = close;
      continue;
    } else {
      throw new SpfError(
        'permerror',
        'syntax',
        sentence('dnsFinding.spfError.strayPercent', { spec }),
        domain,
        spec,
      );
    }
    i++;
  }
  // A name longer than 253 characters loses labels on the left (RFC 7208 7.3).
  while (out.length > 253 && out.includes('.')) out = out.slice(out.indexOf('.') + 1);
  return out;
}

function ipv6Nibbles(ip: string): string {
  const [head = '', tail] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups
    .map((group) => group.padStart(4, '0'))
    .join('')
    .split('')
    .join('.');
}
