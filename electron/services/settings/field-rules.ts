/**
 * What a profile's values must be, as plain functions: each rule returns the catalogue key
 * of what is wrong with a value (`validation.*`, the sentence the form shows beside the
 * field), or null when the value is good. There is one rule per field, here:
 * - the zod schemas (./profile-schema.ts) apply them to input of unknown shape (the IPC
 *   boundary, the settings file, an import, the window's form), after checking the shape;
 * - the command line applies them to the settings it builds from its flags, whose shape is
 *   already right, without loading zod: a run's start is timed and its memory weighed
 *   (`npm run bench`).
 *
 * Pure: no zod, no Node or DOM imports.
 */
import type { MessageKey } from '../i18n/sentence';
import {
  isAddressLiteral,
  isEhloDomain,
  isValidAddress,
  isValidHost,
  type DeliverySettings,
  type OAuth2Settings,
  type ProfileFields,
} from './profile';

/** The catalogue key of what is wrong with a value, or null. */
export type Problem = MessageKey | null;

/** A value's problem, placed: `['delivery', 'host']`, as zod reports an issue's path. */
export interface FieldProblem {
  path: string[];
  message: MessageKey;
}

const CR_LF = /[\r\n]/;
/** Control characters (C0 but tab, CR and LF, which have their own message; DEL). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * A single line of at most `max` characters: it never smuggles a CR or LF into an SMTP
 * command or a header, nor a control character (an escape sequence) into a terminal, a log
 * or a header.
 */
export function lineProblem(value: string, max = 998): Problem {
  if (value.length > max) return 'validation.tooLong';
  if (CR_LF.test(value)) return 'validation.noLineBreaks';
  return CONTROL.test(value) ? 'validation.noControlCharacters' : null;
}

/** A rule for one string field: a single line of at most `max` characters, then `more`. */
function line(max: number, more: (value: string) => Problem = () => null): (value: string) => Problem {
  return (value) => lineProblem(value, max) ?? more(value);
}

const URL_START = /^https?:\/\/[^\s/]+/i;
const optionalUrl = line(2000, (v) => (v === '' || URL_START.test(v) ? null : 'validation.urlInvalid'));

/** The rule of each field a person types (and of the recipient, typed for a run). */
export const RULES = {
  name: line(100, (v) => (v.trim().length > 0 ? null : 'validation.nameRequired')),
  host: line(253, (v) =>
    v.trim().length === 0
      ? 'validation.hostRequired'
      : isValidHost(v.trim())
        ? null
        : 'validation.hostInvalid',
  ),
  port: (value: number): Problem =>
    Number.isInteger(value) && value >= 1 && value <= 65535 ? null : 'validation.portRange',
  username: line(320),
  address: line(320, (v) => (isValidAddress(v) ? null : 'validation.addressInvalid')),
  /** Empty means not set (Reply-To, the last recipient). */
  optionalAddress: line(320, (v) => (v === '' || isValidAddress(v) ? null : 'validation.addressInvalid')),
  /** A domain name or an address literal; empty means automatic. */
  ehloName: line(255, (v) =>
    v === '' || isEhloDomain(v) || isAddressLiteral(v) ? null : 'validation.ehloNameInvalid',
  ),
  deliveryHost: line(253, (v) =>
    v.trim() === '' || isValidHost(v.trim()) ? null : 'validation.hostInvalid',
  ),
  /** How long the delivery check watches the mailbox, in seconds. */
  timeoutSeconds: (value: number): Problem =>
    Number.isInteger(value) && value >= 1 && value <= 600 ? null : 'validation.timeoutRange',
  dkimSelector: line(63),
  tenant: line(100),
  url: optionalUrl,
  clientId: line(300),
  scopes: line(1000),
  /** A password as the user types it: any single line (control characters too); the keychain stores it verbatim. */
  password: (value: string): Problem =>
    value.length === 0
      ? 'validation.passwordRequired'
      : value.length > 1024
        ? 'validation.tooLong'
        : CR_LF.test(value)
          ? 'validation.noLineBreaks'
          : null,
} as const;

/** The delivery check's rules that join fields: an enabled check needs its host and username. */
export function deliveryRequirements(delivery: DeliverySettings): FieldProblem[] {
  if (!delivery.enabled) return [];
  return [
    ...(delivery.host.trim() === '' ? [at(['host'], 'validation.hostRequired')] : []),
    ...(delivery.username.trim() === '' ? [at(['username'], 'validation.imapUsernameRequired')] : []),
  ];
}

/** The OAuth2 client's rules that join fields: what each provider cannot do without. */
export function oauth2Requirements(o: OAuth2Settings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (o.clientId.trim() === '') problems.push(at(['clientId'], 'validation.clientIdRequired'));
  if (o.scopes.trim() === '') problems.push(at(['scopes'], 'validation.scopesRequired'));
  if (o.provider === 'microsoft' && !/^[A-Za-z0-9.-]{1,100}$/.test(o.tenant.trim()))
    problems.push(at(['tenant'], 'validation.tenantRequired'));
  if (
    o.provider === 'custom' &&
    o.issuer === '' &&
    (o.authorizationEndpoint === '' || o.tokenEndpoint === '')
  )
    problems.push(at(['issuer'], 'validation.issuerRequired'));
  return problems;
}

/** The profile's rules that join fields: a login needs a username, OAuth2 its client. */
export function profileRequirements(
  fields: Pick<ProfileFields, 'anonymous' | 'username' | 'auth' | 'oauth2'>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!fields.anonymous && fields.username.trim() === '')
    problems.push(at(['username'], 'validation.usernameRequired'));
  if (fields.auth === 'oauth2' && fields.oauth2 === null)
    problems.push(at(['oauth2'], 'validation.oauth2Required'));
  return problems;
}

/** Which rule each field of `T` a person types is held to. */
type FieldRules<T> = { readonly [K in keyof T]?: (value: T[K]) => Problem };

/** The profile's own fields' rules; the zod schemas (profile-schema.ts) take theirs from here too. */
export const PROFILE_RULES = {
  name: RULES.name,
  host: RULES.host,
  port: RULES.port,
  username: RULES.username,
  from: RULES.address,
  replyTo: RULES.optionalAddress,
  lastRecipient: RULES.optionalAddress,
  ehloName: RULES.ehloName,
} as const satisfies FieldRules<ProfileFields>;

/** The delivery check's fields' rules. */
export const DELIVERY_RULES = {
  host: RULES.deliveryHost,
  port: RULES.port,
  username: RULES.username,
  timeoutSeconds: RULES.timeoutSeconds,
  dkimSelector: RULES.dkimSelector,
} as const satisfies FieldRules<DeliverySettings>;

/** The OAuth2 client's fields' rules. */
export const OAUTH2_RULES = {
  tenant: RULES.tenant,
  issuer: RULES.url,
  authorizationEndpoint: RULES.url,
  tokenEndpoint: RULES.url,
  deviceAuthorizationEndpoint: RULES.url,
  clientId: RULES.clientId,
  scopes: RULES.scopes,
} as const satisfies FieldRules<OAuth2Settings>;

/** Each field's problem under its rule, placed by the field's name. */
function problemsOf<T>(rules: FieldRules<T>, values: T): FieldProblem[] {
  return (Object.keys(rules) as Array<keyof T & string>).flatMap((key) =>
    placed([key], rules[key]!(values[key])),
  );
}

/**
 * Every problem of well-shaped fields, in the order the profile schema reports them (field
 * by field, then the rules that join fields). Empty: the fields are good.
 */
export function profileProblems(fields: ProfileFields): FieldProblem[] {
  const { delivery, oauth2 } = fields;
  return [
    ...problemsOf(PROFILE_RULES, fields),
    ...within(['delivery'], [...problemsOf(DELIVERY_RULES, delivery), ...deliveryRequirements(delivery)]),
    ...(oauth2
      ? within(['oauth2'], [...problemsOf(OAUTH2_RULES, oauth2), ...oauth2Requirements(oauth2)])
      : []),
    ...profileRequirements(fields),
  ];
}

function at(path: string[], message: MessageKey): FieldProblem {
  return { path, message };
}

function placed(path: string[], problem: Problem): FieldProblem[] {
  return problem ? [at(path, problem)] : [];
}

function within(parent: string[], problems: FieldProblem[]): FieldProblem[] {
  return problems.map(({ path, message }) => at([...parent, ...path], message));
}
