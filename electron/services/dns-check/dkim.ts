/**
 * The DKIM finding: for the selector the user gives, is there a key record at
 * `<selector>._domainkey.<domain>`, and is it a usable public key (RFC 6376 3.6.1; Ed25519 per
 * RFC 8463)? The key is parsed with node:crypto, so a truncated or mangled key is caught.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { describeFailure, isEmptyAnswer, RETRY_FIX, type Lookups } from './lookups';
import type { DnsFinding } from './types';

export interface DkimInfo {
  /** A usable key was found: a relay that signs with it gives DMARC an aligned DKIM pass. */
  validKey: boolean;
}

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; RFC 8463 publishes the raw 32-byte key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Tags of a DKIM key record, or a reason it is not a tag list. */
export function parseTagList(record: string): Map<string, string> | string {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim().toLowerCase() : '';
    if (!/^[a-z][a-z0-9_]*$/.test(name)) return `"${part.trim().slice(0, 40)}" is not a tag=value pair`;
    if (tags.has(name)) return `the tag ${name}= appears twice`;
    tags.set(name, part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
}

export function isSelector(selector: string): boolean {
  return /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/i.test(selector);
}

export async function checkDkim(
  lookups: Lookups,
  domain: string,
  selector: string | undefined,
): Promise<{ finding: DnsFinding; info: DkimInfo }> {
  const result = (
    status: DnsFinding['status'],
    summary: string,
    fix: string | null,
    record: string | null,
    validKey = false,
  ) => ({ finding: { check: 'dkim' as const, status, summary, fix, record }, info: { validKey } });

  const trimmed = selector?.trim() ?? '';
  if (!trimmed) {
    return result(
      'info',
      'No DKIM selector was given, so the DKIM key was not checked.',
      'Enter the selector your relay signs with (the s= tag of the DKIM-Signature header of a message it sent) to check its key.',
      null,
    );
  }
  if (!isSelector(trimmed)) {
    return result(
      'fail',
      `"${trimmed}" is not a valid DKIM selector.`,
      'Enter the selector as it appears in the s= tag of the DKIM-Signature header.',
      null,
    );
  }

  const name = `${trimmed.toLowerCase()}._domainkey.${domain}`;
  const txt = await lookups.txt(name);
  const publishFix = `Publish the relay's DKIM public key as a TXT record at ${name}.`;
  if (!txt.ok) {
    if (isEmptyAnswer(txt.failure)) {
      return result(
        'fail',
        `There is no DKIM key record at ${name}, so signatures with selector ${trimmed} cannot be verified.`,
        publishFix,
        null,
      );
    }
    return result(
      'warn',
      `The DKIM lookup of ${name} ${describeFailure(txt, lookups.timeoutMs)}.`,
      RETRY_FIX,
      null,
    );
  }
  // Other TXT records may share the name; a key record has p= (and v=DKIM1 first if any v=).
  const records = txt.value.filter(
    (record) => /(^|;)\s*p\s*=/i.test(record) || /^\s*v\s*=\s*DKIM1/i.test(record),
  );
  if (records.length === 0) {
    const found = txt.value.join('\n') || null;
    return result(
      'fail',
      `The TXT record at ${name} is not a DKIM key record (it has no p= tag).`,
      publishFix,
      found,
    );
  }
  if (records.length > 1) {
    return result(
      'fail',
      `${name} publishes ${records.length} DKIM key records, so verifiers may pick either and signatures fail at random.`,
      `Keep one key record at ${name} and delete the others.`,
      records.join('\n'),
    );
  }

  const record = records[0]!;
  const garbage = (why: string) =>
    result(
      'fail',
      `The DKIM record at ${name} is not a valid key record: ${why}.`,
      `Copy the public key again from the relay's DKIM settings into the TXT record at ${name}.`,
      record,
    );
  const tags = parseTagList(record);
  if (typeof tags === 'string') return garbage(tags);
  const version = tags.get('v');
  if (version !== undefined && (version !== 'DKIM1' || [...tags.keys()][0] !== 'v')) {
    return garbage(`v=${version} must be v=DKIM1, as the first tag`);
  }
  const services = tags.get('s');
  if (services && !services.split(':').some((s) => s === '*' || s.toLowerCase() === 'email')) {
    return garbage(`s=${services} does not allow email`);
  }
  const keyType = (tags.get('k') ?? 'rsa').toLowerCase();
  if (keyType !== 'rsa' && keyType !== 'ed25519')
    return garbage(`the key type k=${keyType} is not rsa or ed25519`);
  const p = tags.get('p');
  if (p === undefined) return garbage('it has no p= tag');
  if (p === '') {
    return result(
      'fail',
      `The DKIM key at ${name} is revoked (empty p=), so signatures with selector ${trimmed} fail.`,
      `Publish the relay's current public key at ${name}, or have the relay sign with a selector whose key is published.`,
      record,
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(p)) return garbage('p= is not base64');

  const key = parseKey(Buffer.from(p, 'base64'), keyType);
  if (typeof key === 'string') return garbage(key);
  const testing = (tags.get('t') ?? '').split(':').some((flag) => flag.toLowerCase() === 'y');
  const testingNote = testing ? ' in testing mode (t=y), so receivers may treat signed mail as unsigned' : '';

  if (key.asymmetricKeyType === 'ed25519') {
    return result(
      testing ? 'warn' : 'pass',
      `The DKIM key at ${name} is a valid Ed25519 public key${testingNote}.`,
      testing ? `Remove t=y from the DKIM record at ${name} once signing works.` : null,
      record,
      true,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 1024) {
    return result(
      'fail',
      `The DKIM key at ${name} is a ${bits}-bit RSA key; receivers ignore keys shorter than 1024 bits.`,
      `Generate a 2048-bit key on the relay and publish it at ${name}.`,
      record,
    );
  }
  if (bits < 2048) {
    return result(
      'warn',
      `The DKIM key at ${name} is a valid ${bits}-bit RSA public key${testingNote}, but keys under 2048 bits are considered weak.`,
      `Generate a 2048-bit key on the relay and publish it at ${name}.`,
      record,
      true,
    );
  }
  return result(
    testing ? 'warn' : 'pass',
    `The DKIM key at ${name} is a valid ${bits}-bit RSA public key${testingNote}.`,
    testing ? `Remove t=y from the DKIM record at ${name} once signing works.` : null,
    record,
    true,
  );
}

/** The public key in p=, or why it is not one of the type k= names. */
function parseKey(der: Buffer, keyType: string): KeyObject | string {
  const attempts: Array<() => KeyObject> =
    keyType === 'ed25519'
      ? [
          () =>
            createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: 'der', type: 'spki' }),
          () => createPublicKey({ key: der, format: 'der', type: 'spki' }),
        ]
      : [
          () => createPublicKey({ key: der, format: 'der', type: 'spki' }),
          () => createPublicKey({ key: der, format: 'der', type: 'pkcs1' }),
        ];
  if (keyType === 'ed25519' && der.length !== 32 && der.length !== 44) {
    return `p= holds ${der.length} bytes, not a 32-byte Ed25519 key`;
  }
  for (const attempt of attempts) {
    try {
      const key = attempt();
      if (key.asymmetricKeyType === keyType) return key;
      return `p= holds an ${key.asymmetricKeyType?.toUpperCase() ?? 'unknown'} key, not the ${keyType.toUpperCase()} key k=${keyType} says`;
    } catch {
      // try the next encoding
    }
  }
  return `p= does not hold a DER-encoded ${keyType === 'rsa' ? 'RSA' : 'Ed25519'} public key`;
}
