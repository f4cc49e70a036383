/**
 * Shared setup of the TLS-material tests: a temp data folder, the secret store (the real
 * Secret Service under scripts/with-keyring.sh, under a service name of this process;
 * elsewhere a Map, so that the tests still run), and the views that prove "nothing was
 * stored": every file under the data folder and every keychain entry.
 *
 *   scripts/with-keyring.sh npx vitest run test/unit/tls-material
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { AppError } from '../../../electron/services/errors';
import { say, type Sentence } from '../../../electron/services/i18n';
import { KeyringBackend } from '../../../electron/services/secrets/keyring-backend';
import { type SecretBackend, SecretStore } from '../../../electron/services/secrets/secret-store';

export const IN_KEYRING = process.env['MAIL_PREFLIGHT_IN_DBUS'] === '1';

class MapBackend implements SecretBackend {
  readonly entries = new Map<string, string>();
  async get(account: string) {
    return this.entries.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.entries.set(account, secret);
  }
  async delete(account: string) {
    this.entries.delete(account);
  }
}

export interface Keychain {
  secrets: SecretStore;
  /** The accounts stored under this test's service name, sorted. */
  accounts(): string[];
  /** The secret of an account, read straight from the keychain. */
  lookup(account: string): string | null;
  clear(): void;
}

/** The keychain for one test file: the real one under with-keyring.sh, else a Map. */
export function useKeychain(): Keychain {
  if (!IN_KEYRING) {
    const backend = new MapBackend();
    return {
      secrets: new SecretStore(backend),
      accounts: () => [...backend.entries.keys()].sort(),
      lookup: (account) => backend.entries.get(account) ?? null,
      clear: () => backend.entries.clear(),
    };
  }
  const service = `mail-preflight-tls-${process.pid}-${randomUUID().slice(0, 8)}`;
  const tool = (...args: string[]) => spawnSync('secret-tool', args, { encoding: 'utf8', timeout: 10_000 });
  return {
    secrets: new SecretStore(new KeyringBackend(service)),
    accounts: () => {
      const found = tool('search', '--all', 'service', service);
      return [...`${found.stdout}${found.stderr}`.matchAll(/^attribute\.username = (.*)$/gm)]
        .map((match) => match[1]!)
        .sort();
    },
    lookup: (account) => {
      const found = tool('lookup', 'service', service, 'username', account);
      return found.status === 0 ? found.stdout : null;
    },
    clear: () => void tool('clear', 'service', service),
  };
}

/** A fresh data folder, removed when the current test finishes. */
export function useDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mail-preflight-tls-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file and folder under `dir` (relative path, and content for files), sorted. */
export function snapshot(dir: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      const rel = relative(dir, path);
      return statSync(path).isDirectory()
        ? [`${rel}/`, ...walk(path)]
        : [`${rel} ${readFileSync(path).toString('base64')}`];
    });
  return walk(dir).sort();
}

/** The content of every file under `dir`, as one latin1 string, to search for leaks. */
export function allFileText(dir: string): string {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? walk(path) : [readFileSync(path, 'latin1')];
    });
  return walk(dir).join('\n');
}

/** Every path under `dir`, relative, with its permission bits: 'keystores/ 700'. */
export function modes(dir: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      const stat = statSync(path);
      const line = `${relative(dir, path)}${stat.isDirectory() ? '/' : ''} ${(stat.mode & 0o777).toString(8)}`;
      return stat.isDirectory() ? [line, ...walk(path)] : [line];
    });
  return walk(dir).sort();
}

/**
 * Expects the promise to fail with an AppError of this code and exactly this sentence (as
 * a catalogue Sentence: its key and parameters; or as its English words).
 */
export async function expectAppError(
  promise: Promise<unknown>,
  message: Sentence | string | RegExp,
  code = 'INVALID_INPUT',
): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, 'expected an AppError').toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (typeof message === 'string') expect((error as AppError).message).toBe(message);
  else if (message instanceof RegExp) expect((error as AppError).message).toMatch(message);
  else expect((error as AppError).sentence).toEqual(message);
}

/** Sentences in English, one after another, as a reader of the English UI sees them. */
export const english = (sentences: Sentence[]): string => sentences.map((s) => say(s)).join(' ');

/** A JPEG's first bytes (SOI, APP0 "JFIF"), then noise: an image, not a keystore. */
export function jpegBytes(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]),
    Buffer.alloc(200, 0x5a),
    Buffer.from([0xff, 0xd9]),
  ]);
}
