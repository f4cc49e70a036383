/**
 * Errors the services raise on purpose: each carries an IPC error code and one sentence for
 * the user. Anything else that reaches the IPC boundary is a bug, reported as INTERNAL with
 * a generic sentence (its details go to the developer log, never to the user or a secret).
 */
import type { IpcError, IpcErrorCode } from '../ipc/contract';

export class AppError extends Error {
  readonly code: IpcErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: IpcErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fields) this.fields = fields;
  }
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Mail Preflight; nothing was changed.' };
}
