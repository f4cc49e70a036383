/**
 * Where a secret could hide in text: itself, its base64 at each of the three byte offsets
 * (so it is found inside a longer base64 run such as AUTH PLAIN's `\0user\0password`), and
 * its hex. `findSecret` returns the first spelling found, or null.
 */
const b64 = (bytes: Buffer) => bytes.toString('base64');

/** The base64 characters that depend only on the secret's bytes, for a prefix of k bytes (0–2). */
function base64Core(secret: Buffer, k: number): string {
  const encoded = b64(Buffer.concat([Buffer.alloc(k), secret]));
  return encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + secret.length)) / 6));
}

/**
 * Every spelling of `secret` worth searching for. Short secrets (under 6 bytes) would match
 * everywhere as loose base64 or hex fragments, so for them only whole encodings in their SASL
 * contexts count (PLAIN with the usernames given, LOGIN's bare base64).
 */
export function secretSpellings(secret: string, usernames: readonly string[] = []): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([secret]);
  for (const user of ['', ...usernames]) forms.add(b64(Buffer.from(`\u0000${user}\u0000${secret}`)));
  forms.add(b64(bytes));
  if (bytes.length >= 6) {
    for (const k of [0, 1, 2]) forms.add(base64Core(bytes, k));
    forms.add(bytes.toString('hex'));
    forms.add(bytes.toString('hex').toUpperCase());
  }
  return [...forms];
}

export function findSecret(text: string, secret: string, usernames: readonly string[] = []): string | null {
  return secretSpellings(secret, usernames).find((form) => text.includes(form)) ?? null;
}
