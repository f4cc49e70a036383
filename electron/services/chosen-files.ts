/**
 * Files the user chose in the OS file dialog, held by main under a token. The renderer gets
 * the token and the file names, never the path's contents: key material is read in main,
 * when the import runs, and only there.
 */
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from './errors';
import { sentence } from './i18n/sentence';
import type { ImportFile } from './tls-material';

export type FilePurpose = 'keystore' | 'certificate' | 'profiles';

export interface ChosenFiles {
  token: string;
  names: string[];
}

/** Larger than any keystore or certificate bundle an administrator imports. */
const MAX_FILE_BYTES = 1024 * 1024;
const TOKEN_LIFETIME_MS = 30 * 60 * 1000;

export class ChosenFileRegistry {
  private readonly chosen = new Map<string, { paths: string[]; expires: number }>();

  remember(paths: string[]): ChosenFiles {
    const token = randomUUID();
    this.chosen.set(token, { paths, expires: Date.now() + TOKEN_LIFETIME_MS });
    return { token, names: paths.map((p) => basename(p)) };
  }

  async read(token: string): Promise<ImportFile[]> {
    const entry = this.chosen.get(token);
    if (!entry || entry.expires < Date.now()) {
      throw new AppError('INVALID_INPUT', sentence('errors.chooseAgain'));
    }
    return Promise.all(
      entry.paths.map(async (path) => {
        const info = await stat(path).catch(() => null);
        if (!info?.isFile())
          throw new AppError('INVALID_INPUT', sentence('errors.fileUnreadable', { name: basename(path) }));
        if (info.size > MAX_FILE_BYTES) {
          throw new AppError('INVALID_INPUT', sentence('errors.fileTooLarge', { name: basename(path) }));
        }
        return { name: basename(path), bytes: await readFile(path) };
      }),
    );
  }

  forget(token: string): void {
    this.chosen.delete(token);
  }
}
