/**
 * Errors the services raise on purpose: each carries a code and one sentence for the user.
 * The services own this type; the IPC edge (ipc/invoke.ts) maps it to the contract's error
 * shape, so no service depends on the IPC layer.
 */
export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'FORBIDDEN'
  | 'INTERNAL'
  /** The OAuth2 authorization server refused a sign-in or a refresh (DESIGN.md). */
  | 'OAUTH_SIGN_IN_FAILED';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: AppErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fields) this.fields = fields;
  }
}
