/**
 * The profile form's state: values as typed, which fields were touched, errors from the
 * shared zod schema (shown once a field was left or Save was pressed) and from a refused
 * save (`error.fields`), and whether the form differs from the saved profile.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  AUTH_METHODS,
  SECURITY_MODES,
  defaultOAuth2Settings,
  type AuthMethod,
  type OAuth2Settings,
  type OAuthProvider,
  emptyProfileFields,
  pickProfileFields,
  type DeliverySettings,
  type ProfileFields,
  type Security,
} from '../../../electron/services/settings/profile';
import type * as ProfileSchemas from '../../../electron/services/settings/profile-schema';
import type { ProfileListItem } from '../../../electron/ipc/contract';

type Schemas = typeof ProfileSchemas;
let schemas: Schemas | undefined;

/**
 * The profile's zod schemas load with the form's first check (an edit, a new or broken
 * profile, Save pressed), not with the first screen: a sound saved profile is shown as it was
 * checked when it was saved (npm run bench: the first screen's script).
 */
function loadSchemas(): Promise<Schemas> {
  return import('../../../electron/services/settings/profile-schema').then((module) => (schemas = module));
}

/** The editable fields; the port stays text while typed. */
export interface FormValues {
  name: string;
  host: string;
  port: string;
  security: Security;
  anonymous: boolean;
  username: string;
  /** The SSL key (id of an imported keystore); '' for none. */
  clientKeyId: string;
  trustedCertificateIds: string[];
  from: string;
  replyTo: string;
  /** Delivery check: the recipient's IMAP mailbox (port and seconds stay text while typed). */
  deliveryEnabled: boolean;
  deliveryHost: string;
  deliveryPort: string;
  deliverySecurity: Security;
  deliveryUsername: string;
  deliveryTimeout: string;
  deliveryCleanup: boolean;
  /** The From domain's DNS check with each run, and the DKIM selector it looks up. */
  deliveryDnsCheck: boolean;
  dkimSelector: string;
  /** The name given in EHLO; '' for the automatic one. */
  ehloName: string;
  /** How the profile logs in; for OAuth2 the client registration (the mailbox is `username`). */
  auth: AuthMethod;
  oauthProvider: OAuthProvider;
  oauthTenant: string;
  oauthIssuer: string;
  oauthAuthorizationEndpoint: string;
  oauthTokenEndpoint: string;
  oauthDeviceEndpoint: string;
  oauthClientId: string;
  oauthScopes: string;
}

export type FieldName = keyof FormValues;
export const FIELD_ORDER: FieldName[] = [
  'name',
  'host',
  'port',
  'security',
  'anonymous',
  'auth',
  'username',
  'oauthProvider',
  'oauthTenant',
  'oauthIssuer',
  'oauthAuthorizationEndpoint',
  'oauthTokenEndpoint',
  'oauthDeviceEndpoint',
  'oauthClientId',
  'oauthScopes',
  'clientKeyId',
  'trustedCertificateIds',
  'from',
  'replyTo',
  'deliveryEnabled',
  'deliveryHost',
  'deliveryPort',
  'deliverySecurity',
  'deliveryUsername',
  'deliveryTimeout',
  'deliveryCleanup',
  'deliveryDnsCheck',
  'dkimSelector',
  'ehloName',
];

/** The form field of each delivery setting (`delivery.port` → `deliveryPort`). */
const DELIVERY_FIELDS: Record<keyof DeliverySettings, FieldName> = {
  enabled: 'deliveryEnabled',
  host: 'deliveryHost',
  port: 'deliveryPort',
  security: 'deliverySecurity',
  username: 'deliveryUsername',
  timeoutSeconds: 'deliveryTimeout',
  cleanup: 'deliveryCleanup',
  dnsCheck: 'deliveryDnsCheck',
  dkimSelector: 'dkimSelector',
};

/** The form field of each OAuth2 setting (`oauth2.clientId` → `oauthClientId`). */
const OAUTH_FIELDS: Record<keyof OAuth2Settings, FieldName> = {
  provider: 'oauthProvider',
  tenant: 'oauthTenant',
  issuer: 'oauthIssuer',
  authorizationEndpoint: 'oauthAuthorizationEndpoint',
  tokenEndpoint: 'oauthTokenEndpoint',
  deviceAuthorizationEndpoint: 'oauthDeviceEndpoint',
  clientId: 'oauthClientId',
  scopes: 'oauthScopes',
};

/** The form field an issue path (['delivery', 'port']) or an IPC `fields` key ('delivery.port') names. */
export function fieldOfPath(path: ReadonlyArray<PropertyKey> | string): FieldName | undefined {
  const [first, second] = typeof path === 'string' ? path.split('.') : path.map(String);
  if (first === 'oauth2')
    return second && second in OAUTH_FIELDS ? OAUTH_FIELDS[second as keyof OAuth2Settings] : 'auth';
  if (first !== 'delivery') return first as FieldName | undefined;
  return second && second in DELIVERY_FIELDS
    ? DELIVERY_FIELDS[second as keyof DeliverySettings]
    : 'deliveryEnabled';
}

export function toValues(fields: ProfileFields): FormValues {
  return {
    name: fields.name,
    host: fields.host,
    port: String(fields.port),
    security: fields.security,
    anonymous: fields.anonymous,
    username: fields.username,
    clientKeyId: fields.clientKeyId ?? '',
    trustedCertificateIds: fields.trustedCertificateIds,
    from: fields.from,
    replyTo: fields.replyTo,
    deliveryEnabled: fields.delivery.enabled,
    deliveryHost: fields.delivery.host,
    deliveryPort: String(fields.delivery.port),
    deliverySecurity: fields.delivery.security,
    deliveryUsername: fields.delivery.username,
    deliveryTimeout: String(fields.delivery.timeoutSeconds),
    deliveryCleanup: fields.delivery.cleanup,
    deliveryDnsCheck: fields.delivery.dnsCheck,
    dkimSelector: fields.delivery.dkimSelector,
    ehloName: fields.ehloName,
    ...oauthValues(fields.auth, fields.oauth2 ?? defaultOAuth2Settings()),
  };
}

function oauthValues(auth: AuthMethod, oauth2: OAuth2Settings) {
  return {
    auth,
    oauthProvider: oauth2.provider,
    oauthTenant: oauth2.tenant,
    oauthIssuer: oauth2.issuer,
    oauthAuthorizationEndpoint: oauth2.authorizationEndpoint,
    oauthTokenEndpoint: oauth2.tokenEndpoint,
    oauthDeviceEndpoint: oauth2.deviceAuthorizationEndpoint,
    oauthClientId: oauth2.clientId,
    oauthScopes: oauth2.scopes,
  };
}

/** The OAuth2 settings as typed; while a password is chosen the saved ones stay as they are. */
function oauth2Of(values: FormValues, saved: OAuth2Settings | null): OAuth2Settings | null {
  if (values.auth !== 'oauth2') return saved;
  return {
    provider: values.oauthProvider,
    tenant: values.oauthTenant.trim(),
    issuer: values.oauthIssuer.trim(),
    authorizationEndpoint: values.oauthAuthorizationEndpoint.trim(),
    tokenEndpoint: values.oauthTokenEndpoint.trim(),
    deviceAuthorizationEndpoint: values.oauthDeviceEndpoint.trim(),
    clientId: values.oauthClientId.trim(),
    scopes: values.oauthScopes.trim().replace(/\s+/g, ' '),
  };
}

function parsePort(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * The delivery settings as typed. While the check is off its fields are hidden: values
 * typed there that are not valid give way to the saved ones, so they never block a save.
 */
function deliveryOf(values: FormValues, saved: DeliverySettings, check?: Schemas): DeliverySettings {
  const typed: DeliverySettings = {
    enabled: values.deliveryEnabled,
    host: values.deliveryHost.trim(),
    port: parsePort(values.deliveryPort),
    security: values.deliverySecurity,
    username: values.deliveryUsername.trim(),
    timeoutSeconds: parsePort(values.deliveryTimeout),
    cleanup: values.deliveryCleanup,
    dnsCheck: values.deliveryDnsCheck,
    dkimSelector: values.dkimSelector.trim(),
  };
  if (typed.enabled || !check || check.deliverySettingsSchema.safeParse(typed).success) return typed;
  return { ...saved, enabled: false, dnsCheck: typed.dnsCheck, dkimSelector: typed.dkimSelector };
}

/** Form values plus the parts the form does not edit (kept from the saved profile). */
export function toFields(values: FormValues, base: ProfileFields, check?: Schemas): ProfileFields {
  return {
    ...base,
    name: values.name,
    host: values.host.trim(),
    port: parsePort(values.port),
    security: values.security,
    anonymous: values.anonymous,
    username: values.username,
    clientKeyId: values.clientKeyId || null,
    trustedCertificateIds: values.trustedCertificateIds,
    from: values.from.trim(),
    replyTo: values.replyTo.trim(),
    ehloName: values.ehloName.trim(),
    delivery: deliveryOf(values, base.delivery, check),
    auth: values.auth,
    oauth2: oauth2Of(values, base.oauth2),
  };
}

function baseOf(profile: ProfileListItem | null, initial: Partial<ProfileFields> | undefined): ProfileFields {
  // Only the editable fields: a stored profile carries more (id, passwordSet, timestamps,
  // lastRun, ...), and the strict schema refuses any key it does not know. Fields added
  // later (e.g. `delivery`) fall back to their defaults. A new profile may start from a
  // preset's values (`initial`).
  if (profile) return { ...emptyProfileFields(), ...pickProfileFields(profile) };
  return { ...emptyProfileFields(), ...initial };
}

/** Equal values; lists (trusted certificates) by their items. */
function sameValue(a: FormValues[FieldName], b: FormValues[FieldName]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function sameValues(a: FormValues, b: FormValues): boolean {
  return FIELD_ORDER.every((key) => sameValue(a[key], b[key]));
}

/** Applies a fix's settings (`{ security: 'tls', port: 465 }`) to form values. */
export function mergeSettings(
  values: FormValues,
  settings: Record<string, unknown>,
): [FormValues, FieldName[]] {
  const next = { ...values };
  const changed: FieldName[] = [];
  for (const [key, value] of Object.entries(settings)) {
    switch (key) {
      case 'port':
        if (typeof value === 'number' || typeof value === 'string') next.port = String(value);
        else continue;
        break;
      case 'security':
        if ((SECURITY_MODES as readonly unknown[]).includes(value)) next.security = value as Security;
        else continue;
        break;
      case 'anonymous':
        if (typeof value === 'boolean') next.anonymous = value;
        else continue;
        break;
      case 'name':
      case 'host':
      case 'username':
      case 'from':
      case 'replyTo':
      case 'ehloName':
        if (typeof value === 'string') next[key] = value;
        else continue;
        break;
      case 'auth':
        // The move to OAuth2 (a password on Microsoft 365): `{ auth: 'oauth2', oauth2: {...} }`.
        if ((AUTH_METHODS as readonly unknown[]).includes(value)) next.auth = value as AuthMethod;
        else continue;
        break;
      case 'oauth2': {
        if (typeof value !== 'object' || value === null) continue;
        const oauth2 = { ...defaultOAuth2Settings(), ...(value as Partial<OAuth2Settings>) };
        Object.assign(next, { ...oauthValues(next.auth, oauth2), auth: next.auth });
        changed.push('oauthProvider', 'oauthClientId');
        continue;
      }
      case 'delivery':
        // A fix of the delivery check: `{ delivery: { port: 993, security: 'tls' } }`.
        if (typeof value === 'object' && value !== null)
          changed.push(...mergeDeliverySettings(next, value as Record<string, unknown>));
        continue;
      default:
        continue;
    }
    changed.push(key as FieldName);
  }
  return [next, changed];
}

/** Applies the delivery part of a fix to `next` (in place); returns the fields it changed. */
function mergeDeliverySettings(next: FormValues, settings: Record<string, unknown>): FieldName[] {
  const changed: FieldName[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'port' && (typeof value === 'number' || typeof value === 'string')) {
      next.deliveryPort = String(value);
      changed.push('deliveryPort');
    } else if (key === 'security' && (SECURITY_MODES as readonly unknown[]).includes(value)) {
      next.deliverySecurity = value as Security;
      changed.push('deliverySecurity');
    } else if ((key === 'host' || key === 'servername') && typeof value === 'string') {
      // The IMAP check has no TLS name of its own: the name the certificate is issued for
      // becomes the server address it connects to (and checks).
      next.deliveryHost = value;
      changed.push('deliveryHost');
    } else if (key === 'username' && typeof value === 'string') {
      next.deliveryUsername = value;
      changed.push('deliveryUsername');
    }
  }
  return changed;
}

/**
 * `initial`: for a new profile (saved is null), the values it starts with (a provider
 * preset's); Discard returns to them. Keep it stable (memoised).
 */
export function useProfileForm(saved: ProfileListItem | null, initial?: Partial<ProfileFields>) {
  const base = useMemo(() => baseOf(saved, initial), [saved, initial]);
  const savedValues = useMemo(() => toValues(base), [base]);
  const [values, setValues] = useState<FormValues>(savedValues);
  const [baseline, setBaseline] = useState<FormValues>(savedValues);
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [password, setPassword] = useState('');

  // The saved profile changed under us (saved, or a run remembered its recipient): take
  // the new saved value of every field the user has not edited, keep the user's edits.
  if (baseline !== savedValues && !sameValues(baseline, savedValues)) {
    const rebased = { ...values };
    for (const key of FIELD_ORDER) {
      if (sameValue(values[key], baseline[key]))
        (rebased as Record<FieldName, unknown>)[key] = savedValues[key];
    }
    setBaseline(savedValues);
    setValues(rebased);
  }

  const dirty = !sameValues(values, savedValues) || password !== '';
  const [check, setCheck] = useState(schemas);
  const needsCheck = saved === null || Boolean(saved.broken) || dirty || showAll;
  useEffect(() => {
    if (needsCheck && !check) void loadSchemas().then(setCheck);
  }, [needsCheck, check]);

  const fields = useMemo(() => toFields(values, base, check), [values, base, check]);
  // Until the schemas have loaded: a sound saved profile, unchanged, is valid as saved; a
  // form that needs its check is not valid yet (and shows no errors).
  const parsed = useMemo(
    () =>
      check
        ? check.profileFieldsSchema.safeParse(fields)
        : needsCheck
          ? null
          : ({ success: true, data: fields } as const),
    [check, fields, needsCheck],
  );

  const schemaErrors = useMemo(() => {
    const errors: Partial<Record<FieldName, string>> = {};
    if (parsed && !parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = fieldOfPath(issue.path);
        if (key && !(key in errors)) errors[key] = issue.message;
      }
    }
    return errors;
  }, [parsed]);

  /** The fields checked now, the schemas loaded first if they have not yet (Save, Send). */
  const checkedFields = useCallback(async (): Promise<ProfileFields | undefined> => {
    const loaded = check ?? (await loadSchemas());
    const result = loaded.profileFieldsSchema.safeParse(toFields(values, base, loaded));
    return result.success ? result.data : undefined;
  }, [check, values, base]);

  /** The i18n key of the error to show under a field, if any. */
  const errorFor = useCallback(
    (field: FieldName): string | undefined =>
      serverErrors[field] ?? (showAll || touched.has(field) ? schemaErrors[field] : undefined),
    [serverErrors, showAll, touched, schemaErrors],
  );

  const set = useCallback(<K extends FieldName>(field: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _gone, ...rest } = current;
      return rest;
    });
  }, []);

  const touch = useCallback((field: FieldName) => {
    setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));
  }, []);

  const applySettings = useCallback((settings: Record<string, unknown>) => {
    setValues((current) => mergeSettings(current, settings)[0]);
  }, []);

  const setServerErrorsByPath = useCallback((errors: Record<string, string>) => {
    setServerErrors(
      Object.fromEntries(
        Object.entries(errors).map(([path, message]) => [fieldOfPath(path) ?? path, message]),
      ),
    );
  }, []);

  const reset = useCallback(() => {
    setValues(savedValues);
    setBaseline(savedValues);
    setTouched(new Set());
    setShowAll(false);
    setServerErrors({});
    setPassword('');
  }, [savedValues]);

  const firstInvalid = FIELD_ORDER.find((key) => schemaErrors[key] || serverErrors[key]);
  /** "Check server" needs only these two: the first that is not valid, if any. */
  const probeInvalid: FieldName | undefined = schemaErrors.host
    ? 'host'
    : schemaErrors.port
      ? 'port'
      : undefined;
  /** Where "Check server" connects: the host and port as typed, once both are valid. */
  const probeTarget = probeInvalid ? null : { host: fields.host, port: fields.port };

  return {
    values,
    set,
    touch,
    errorFor,
    showAllErrors: () => setShowAll(true),
    /** A refused save's `error.fields` ('delivery.port' is shown under the IMAP port). */
    setServerErrors: setServerErrorsByPath,
    applySettings,
    reset,
    dirty,
    valid: parsed?.success === true,
    /** The schema-checked fields, ready for IPC (undefined while invalid or not checked yet). */
    parsedFields: parsed?.success ? parsed.data : undefined,
    checkedFields,
    firstInvalid,
    probeTarget,
    probeInvalid,
    password,
    setPassword,
  };
}

export type ProfileForm = ReturnType<typeof useProfileForm>;
