/**
 * What a catalogue must be next to the English one (locales/en.json): the rules of
 * catalogues.test.ts, as functions that return the problems they find, so the test can also
 * prove each rule catches what it is for. Adding a language: add locales/<lang>.json and its
 * language to electron/services/i18n/languages.ts; the test then lists what is missing.
 */
type Catalogue = { [key: string]: string | Catalogue };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** { a: { b: 'x' } } → Map { 'a.b' => 'x' } */
export function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flatten(value, path)) flat.set(k, v);
  }
  return flat;
}

/** The keys a language needs for one English key: plural keys get that language's own forms (i18next's `_one`/`_other`, from Intl.PluralRules). */
function expectedKeys(englishKey: string, language: string): string[] {
  if (!PLURAL_SUFFIX.test(englishKey)) return [englishKey];
  const base = englishKey.replace(PLURAL_SUFFIX, '');
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.map((c) => `${base}_${c}`);
}

const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);
}

/** Every placeholder each key (plural forms taken together) uses, by base key. */
function placeholdersByBase(flat: Map<string, string>): Map<string, Set<string>> {
  const byBase = new Map<string, Set<string>>();
  for (const [key, value] of flat) {
    const set = byBase.get(baseKey(key)) ?? new Set<string>();
    for (const name of placeholders(value)) set.add(name);
    byBase.set(baseKey(key), set);
  }
  return byBase;
}

/** Keys missing from the translation, and keys it has that English does not. */
export function keyProblems(english: Catalogue, translation: Catalogue, language: string): string[] {
  const en = flatten(english);
  const tr = flatten(translation);
  const wanted = new Set([...en.keys()].flatMap((key) => expectedKeys(key, language)));
  return [
    ...[...wanted].filter((key) => !tr.has(key)).map((key) => `missing: ${key}`),
    ...[...tr.keys()].filter((key) => !wanted.has(key)).map((key) => `not in en.json: ${key}`),
  ];
}

/** Keys whose placeholders differ from the English ones (plural forms taken together). */
export function placeholderProblems(english: Catalogue, translation: Catalogue): string[] {
  const en = placeholdersByBase(flatten(english));
  const tr = placeholdersByBase(flatten(translation));
  const problems: string[] = [];
  for (const [key, names] of tr) {
    const want = [...(en.get(key) ?? [])].sort().join(', ');
    const have = [...names].sort().join(', ');
    if (en.has(key) && want !== have) problems.push(`${key}: has {{${have}}}, en.json has {{${want}}}`);
  }
  return problems;
}

export function emptyValues(catalogue: Catalogue): string[] {
  return [...flatten(catalogue)].filter(([, value]) => !value.trim()).map(([key]) => key);
}

/**
 * Latin words a Japanese sentence keeps as they are: protocol and standard names, product
 * and company names, header and command names. Matched as whole words, longest first.
 */
export const KEPT_WORDS = [
  'mail-preflight login',
  'mail-preflight profiles set-auth',
  'mail-preflight test',
  'mail-preflight', // the command line's name
  'curl',
  'LC_ALL', // the environment's locale variables
  'LC_MESSAGES',
  'LANG',
  'SMTP_PASSWORD', // the placeholder an export writes for the password
  'Mail Preflight',
  'Spring Boot',
  'YouTrack Cloud',
  'YouTrack',
  'GitLab',
  'Postfix',
  'Grafana',
  'Discourse',
  'Nextcloud',
  'Django',
  'Mattermost',
  'Keycloak',
  'msmtp',
  'REST',
  'API',
  'JSON',
  'ASCII',
  'GNOME Keyring',
  'KWallet',
  'Linux',
  'OS',
  'CLI',
  'JCEKS',
  'OpenSSL',
  'OpenSSH',
  'SSH',
  'AES',
  'English', // a language's own name, in the language picker
  'Google Workspace',
  'Google Cloud',
  'Entra ID',
  'Exchange Online',
  'Office 365',
  'Entra',
  'localhost',
  'offline_access',
  'OAUTHBEARER',
  'XOAUTH2',
  'OAuth2',
  'PowerShell',
  'Microsoft',
  'organizations',
  'https',
  'http',
  'Microsoft 365',
  // Providers and their products, as the presets name them
  'Amazon',
  'SES',
  'IAM',
  'VPC',
  'EU',
  'OAuth',
  'SendGrid',
  'Mailgun',
  'Fastmail',
  'iCloud',
  'Apple',
  'Yahoo',
  'Zoho Mail',
  'Zoho',
  'JetBrains',
  'Atlassian',
  'GoDaddy',
  'Azure',
  'Kubernetes',
  'Java KeyStore',
  'Authentication-Results',
  'DKIM-Signature',
  'MAIL FROM',
  'Reply-To',
  'From',
  'RCPT TO',
  'SMTP+STARTTLS',
  'IMAP+STARTTLS',
  'STARTTLS',
  'SMTPS',
  'SMTP',
  'IMAPS',
  'IMAP',
  'IDLE',
  'UIDPLUS',
  'EHLO',
  'HELO', // the delivery check's authentication explanations: iprev and its PTR record
  'PTR',
  'iprev',
  '_dmarc', // the DMARC record's name, _dmarc.<domain>
  'RSET',
  'QUIT',
  'SNI',
  'FQDN',
  'AUTH',
  'PLAIN',
  'LOGIN',
  'SIZE',
  'VPN',
  'DATA',
  'TLS',
  'SSL',
  'DNS',
  'NXDOMAIN', // a DNS answer's name
  'TXT', // a DNS record type
  'AAAA',
  'A', // the DNS record type, as in "A レコード"
  '_dmarc', // the name a DMARC record is published at
  'CIDR',
  'RSA',
  'MX',
  'SPF',
  'DKIM',
  'DMARC',
  'SHA-256',
  'PKCS#12',
  'PEM',
  'DER',
  'IP',
  'URL',
  'ID',
  'Received',
  'Workspace',
  'Gmail',
  'Google',
  'C',
  'S',
];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&');
const KEPT = new RegExp(`(?<![\\w-])(?:${KEPT_WORDS.map(escape).join('|')})(?![\\w-])`, 'g');

/**
 * What is left of a value once placeholders, addresses, host names, file names, identifiers
 * and kept words are taken out.
 */
export function leftoverLatin(value: string): string[] {
  const stripped = value
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/(?:[\w-]+[.:])*<[^>]*>/g, ' ') // <region>-style placeholders shown as they are, with their prefix (imap.<domain>, include:<domain>)
    .replace(/[\p{L}\p{N}_.+-]*@[\w.-]+/gu, ' ') // name@example.com, jösé@example.com, @gmail.com
    .replace(/\b[\w-]+(?:\.[\w-]+)+\b/g, ' ') // mail.example.com
    .replace(/\.(?:p12|pfx|jks)\b/g, ' ')
    .replace(/\b\w+=/g, ' ') // s= in a DKIM-Signature
    .replace(/"[^"]*"/g, ' ') // a command, a server's reply or a file's marker, quoted as it is
    .replace(/(?<!\w)--[\w-]+(?: (?:none|starttls|tls|[A-Z]+)\b)?/g, ' ') // a command-line flag (and its protocol value or its value's name: --to ADDR)
    .replace(KEPT, ' ');
  // Identifiers with digits (selector1, 3DES) are values, not words.
  return (stripped.match(/[A-Za-z0-9][\w'’-]*/g) ?? []).filter((word) => !/\d/.test(word));
}

/** Values of the translation that still carry English words, with the words. */
export function englishLeftovers(translation: Catalogue): string[] {
  return [...flatten(translation)]
    .map(([key, value]) => [key, leftoverLatin(value)] as const)
    .filter(([, words]) => words.length > 0)
    .map(([key, words]) => `${key}: ${words.join(' ')}`);
}
