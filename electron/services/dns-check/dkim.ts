/**
 * The DKIM finding: for the selector the user gives, is there a key record at
 * `<selector>._domainkey.<domain>`, and is it a usable public key (RFC 6376 3.6.1; Ed25519 per
 * RFC 8463)? The key is parsed with node:crypto, so a truncated or mangled key is caught.
 */
import { createPublicKey, KeyObject } from 'node:crypto';
import { sentence, type Sentence } from '../i18n/sentence';
import { findingsOf, type DraftFinding } from './draft';
import { describeFailure, isEmptyAnswer, RETRY_FIX, type Lookups } from './lookups';
import type { CheckStatus } from './types';

export interface DkimInfo {
  /** A usable key was found: a relay that signs with it gives DMARC an aligned DKIM pass. */
  validKey: boolean;
}

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; RFC 8463 publishes the raw 32-byte key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Tags of a DKIM key record, or a reason it is not a tag list. */
export function parseTagList(record: string): Map<string, string> | Sentence {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim().toLowerCase() : '';
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      return sentence('dnsFinding.dkim.why.notTag', { part: part.trim().slice(0, 40) });
    }
    if (tags.has(name)) return sentence('dnsFinding.dkim.why.twice', { tag: name });
    tags.set(name, part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
}

export function isSelector(selector: string): boolean {
  return /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/i.test(selector);
}

const finding = findingsOf('dkim');

export async function checkDkim(
  lookups: Lookups,
  domain: string,
  selector: string | undefined,
): Promise<{ finding: DraftFinding; info: DkimInfo }> {
  const result = (
    status: CheckStatus,
    summary: Sentence,
    fix: Sentence | null,
    record: string | null,
    validKey = false,
  ) => ({ finding: finding(status, summary, fix, record), info: { validKey } });

  const trimmed = selector?.trim() ?? '';
  if (!trimmed) {
    return result(
      'info',
      sentence('dnsFinding.dkim.noSelector'),
      sentence('dnsFinding.dkim.noSelectorFix'),
      null,
    );
  }
  if (!isSelector(trimmed)) {
    return result(
      'fail',
      sentence('dnsFinding.dkim.badSelector', { selector: trimmed }),
      sentence('dnsFinding.dkim.badSelectorFix'),
      null,
    );
  }

  const name = `${trimmed.toLowerCase()}._domainkey.${domain}`;
  const txt = await lookups.txt(name);
  const publishFix = sentence('dnsFinding.dkim.publishFix', { name });
  if (!txt.ok) {
    if (isEmptyAnswer(txt.failure)) {
      return result('fail', sentence('dnsFinding.dkim.none', { name, selector: trimmed }), publishFix, null);
    }
    return result(
      'warn',
      sentence('dnsFinding.dkim.lookupFailed', { name, failure: describeFailure(txt, lookups.timeoutMs) }),
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
    return result('fail', sentence('dnsFinding.dkim.notKeyRecord', { name }), publishFix, found);
  }
  if (records.length > 1) {
    return result(
      'fail',
      sentence('dnsFinding.dkim.multiple', { name, records: records.length }),
      sentence('dnsFinding.dkim.multipleFix', { name }),
      records.join('\n'),
    );
  }

  const record = records[0]!;
  const garbage = (why: Sentence) =>
    result(
      'fail',
      sentence('dnsFinding.dkim.invalid', { name, why }),
      sentence('dnsFinding.dkim.invalidFix', { name }),
      record,
    );
  const tags = parseTagList(record);
  if (!(tags instanceof Map)) return garbage(tags);
  const version = tags.get('v');
  if (version !== undefined && (version !== 'DKIM1' || [...tags.keys()][0] !== 'v')) {
    return garbage(sentence('dnsFinding.dkim.why.version', { version }));
  }
  const services = tags.get('s');
  if (services && !services.split(':').some((s) => s === '*' || s.toLowerCase() === 'email')) {
    return garbage(sentence('dnsFinding.dkim.why.services', { services }));
  }
  const keyType = (tags.get('k') ?? 'rsa').toLowerCase();
  if (keyType !== 'rsa' && keyType !== 'ed25519') {
    return garbage(sentence('dnsFinding.dkim.why.keyType', { keyType }));
  }
  const p = tags.get('p');
  if (p === undefined) return garbage(sentence('dnsFinding.dkim.why.noP'));
  if (p === '') {
    return result(
      'fail',
      sentence('dnsFinding.dkim.revoked', { name, selector: trimmed }),
      sentence('dnsFinding.dkim.revokedFix', { name }),
      record,
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(p)) return garbage(sentence('dnsFinding.dkim.why.notBase64'));

  const key = parseKey(Buffer.from(p, 'base64'), keyType);
  if (!(key instanceof KeyObject)) return garbage(key);
  const testing = (tags.get('t') ?? '').split(':').some((flag) => flag.toLowerCase() === 'y');
  const testingFix = testing ? sentence('dnsFinding.dkim.testingFix', { name }) : null;
  const generateFix = sentence('dnsFinding.dkim.generateFix', { name });

  if (key.asymmetricKeyType === 'ed25519') {
    return result(
      testing ? 'warn' : 'pass',
      sentence(testing ? 'dnsFinding.dkim.ed25519Testing' : 'dnsFinding.dkim.ed25519', { name }),
      testingFix,
      record,
      true,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 1024) {
    return result('fail', sentence('dnsFinding.dkim.rsaTooShort', { name, bits }), generateFix, record);
  }
  if (bits < 2048) {
    return result(
      'warn',
      sentence(testing ? 'dnsFinding.dkim.rsaWeakTesting' : 'dnsFinding.dkim.rsaWeak', { name, bits }),
      generateFix,
      record,
      true,
    );
  }
  return result(
    testing ? 'warn' : 'pass',
    sentence(testing ? 'dnsFinding.dkim.rsaTesting' : 'dnsFinding.dkim.rsa', { name, bits }),
    testingFix,
    record,
    true,
  );
}

/** The public key in p=, or why it is not one of the type k= names. */
function parseKey(der: Buffer, keyType: string): KeyObject | Sentence {
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
    return sentence('dnsFinding.dkim.why.ed25519Length', { bytes: der.length });
  }
  for (const attempt of attempts) {
    try {
      const key = attempt();
      if (key.asymmetricKeyType === keyType) return key;
      return sentence('dnsFinding.dkim.why.otherType', {
        found: key.asymmetricKeyType?.toUpperCase() ?? '?',
        keyType,
        expected: keyType.toUpperCase(),
      });
    } catch {
      // try the next encoding
    }
  }
  return sentence('dnsFinding.dkim.why.notDer', { expected: keyType === 'rsa' ? 'RSA' : 'Ed25519' });
}
