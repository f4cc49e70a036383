/**
 * Where Mail Preflight keeps its data when Electron is not there to say (the CLI): the same
 * folder as Electron's `app.getPath('userData')` for an app named "Mail Preflight", so the
 * CLI's `--profile` reads the app's own settings. MAIL_PREFLIGHT_DATA_DIR overrides it in
 * both (tests, portable setups).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Mail Preflight';
export const DATA_DIR_ENV = 'MAIL_PREFLIGHT_DATA_DIR';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const override = env[DATA_DIR_ENV];
  if (override) return override;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_NAME);
}
