/**
 * The profile form's state: values as typed, which fields were touched, errors from the
 * shared zod schema (shown once a field was left or Save was pressed) and from a refused
 * save (`error.fields`), and whether the form differs from the saved profile.
 */
import { useCallback, useMemo, useState } from 'react';
import {
  SECURITY_MODES,
  emptyProfileFields,
  pickProfileFields,
  profileFieldsSchema,
  type Profile,
  type ProfileFields,
  type Security,
} from '../../../electron/services/settings/profile-schema';

/** The editable fields; the port stays text while typed. */
export interface FormValues {
  name: string;
  host: string;
  port: string;
  security: Security;
  anonymous: boolean;
  username: string;
  from: string;
  replyTo: string;
}

export type FieldName = keyof FormValues;
export const FIELD_ORDER: FieldName[] = [
  'name',
  'host',
  'port',
  'security',
  'anonymous',
  'username',
  'from',
  'replyTo',
];

export function toValues(fields: ProfileFields): FormValues {
  return {
    name: fields.name,
    host: fields.host,
    port: String(fields.port),
    security: fields.security,
    anonymous: fields.anonymous,
    username: fields.username,
    from: fields.from,
    replyTo: fields.replyTo,
  };
}

function parsePort(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Form values plus the parts the form does not edit (kept from the saved profile). */
export function toFields(values: FormValues, base: ProfileFields): ProfileFields {
  return {
    ...base,
    name: values.name,
    host: values.host.trim(),
    port: parsePort(values.port),
    security: values.security,
    anonymous: values.anonymous,
    username: values.username,
    from: values.from.trim(),
    replyTo: values.replyTo.trim(),
  };
}

function baseOf(profile: Profile | null): ProfileFields {
  // Only the editable fields: a stored profile carries more (id, passwordSet, timestamps,
  // lastRun, ...), and the strict schema refuses any key it does not know. Fields added
  // later (e.g. `delivery`) fall back to their defaults.
  return { ...emptyProfileFields(), ...(profile ? pickProfileFields(profile) : {}) };
}

function sameValues(a: FormValues, b: FormValues): boolean {
  return FIELD_ORDER.every((key) => a[key] === b[key]);
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
        if (typeof value === 'string') next[key] = value;
        else continue;
        break;
      default:
        continue;
    }
    changed.push(key as FieldName);
  }
  return [next, changed];
}

export function useProfileForm(saved: Profile | null) {
  const base = useMemo(() => baseOf(saved), [saved]);
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
      if (values[key] === baseline[key]) (rebased as Record<FieldName, unknown>)[key] = savedValues[key];
    }
    setBaseline(savedValues);
    setValues(rebased);
  }

  const fields = useMemo(() => toFields(values, base), [values, base]);
  const parsed = useMemo(() => profileFieldsSchema.safeParse(fields), [fields]);

  const schemaErrors = useMemo(() => {
    const errors: Partial<Record<FieldName, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as FieldName | undefined;
        if (key && !(key in errors)) errors[key] = issue.message;
      }
    }
    return errors;
  }, [parsed]);

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

  const reset = useCallback(() => {
    setValues(savedValues);
    setBaseline(savedValues);
    setTouched(new Set());
    setShowAll(false);
    setServerErrors({});
    setPassword('');
  }, [savedValues]);

  const dirty = !sameValues(values, savedValues) || password !== '';
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
    setServerErrors,
    applySettings,
    reset,
    dirty,
    valid: parsed.success,
    /** The schema-checked fields, ready for IPC (undefined while invalid). */
    parsedFields: parsed.success ? parsed.data : undefined,
    firstInvalid,
    probeTarget,
    probeInvalid,
    password,
    setPassword,
  };
}

export type ProfileForm = ReturnType<typeof useProfileForm>;
