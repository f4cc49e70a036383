/**
 * The JSON store behind the settings: electron-store in the app and conf elsewhere. Both
 * are the same library underneath (atomic writes, one JSON file); the services only need
 * the file's path and the whole document, read and written at once.
 */
export interface JsonStore {
  readonly path: string;
  store: Record<string, unknown>;
}

/** Opens the store. It throws when the file is not valid JSON (clearInvalidConfig off). */
export type StoreFactory = () => JsonStore;
