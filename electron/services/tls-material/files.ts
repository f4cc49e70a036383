/**
 * Files of the TLS material under the app's data folder: folders 0700, files 0600, and
 * each file written whole (a temp file renamed into place) so that a crash never leaves
 * half a certificate behind.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Creates the folder (and its parents) owner-only; returns whether it was not there before. */
export async function ensurePrivateDir(path: string): Promise<boolean> {
  const created = await mkdir(path, { recursive: true, mode: DIR_MODE });
  await chmod(path, DIR_MODE);
  return created !== undefined;
}

/** Writes a file owner-only, atomically (temp file in the same folder, then rename). */
export async function writePrivateFile(path: string, data: string | Buffer): Promise<void> {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { mode: FILE_MODE, flag: 'wx' });
    await chmod(temp, FILE_MODE);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Reads a JSON file; null when it is not there. */
export async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Runs one change at a time, so that two imports cannot both pass the duplicate check. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
