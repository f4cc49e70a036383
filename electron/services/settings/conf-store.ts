/**
 * The settings store outside Electron (CLI, tests, browser harness): conf, the library that
 * electron-store wraps, pointed at the same file in the same folder.
 */
import Conf from 'conf';
import { PRIVATE_FILE_MODE, SETTINGS_FILE } from './settings-store';
import type { StoreFactory } from './store';

export function confStoreFactory(dataDir: string): StoreFactory {
  return () =>
    new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: SETTINGS_FILE.replace(/\.json$/, ''),
      projectName: 'mail-preflight',
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      configFileMode: PRIVATE_FILE_MODE,
    });
}
