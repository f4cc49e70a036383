/**
 * `npm start` and `npm run dev`: electron-vite (`preview` builds and opens the app, `dev`
 * opens it with hot reload), with the Electron binary downloaded first when it is missing.
 *
 *   node scripts/run.mjs scripts/launch.ts preview|dev [electron-vite options]
 *
 * electron-vite 6 looks for the binary through node_modules/electron/path.txt only and stops
 * with "Electron uninstall" when it is not there (electron-vite issue 904); it takes the
 * binary's path from ELECTRON_EXEC_PATH instead when that is set, which also makes it honour
 * ELECTRON_OVERRIDE_DIST_PATH.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureElectronBinary } from './electron-binary.ts';

const electron = await ensureElectronBinary();
if ('problem' in electron) {
  console.error(electron.problem);
  process.exit(1);
}
process.env['ELECTRON_EXEC_PATH'] = electron.path;

// electron-vite's command line, in this process: its signal handling stays as it is.
const packageJson = createRequire(import.meta.url).resolve('electron-vite/package.json');
const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
const cli = join(dirname(packageJson), bin['electron-vite'] ?? 'bin/electron-vite.js');
process.argv = [process.argv[0] ?? process.execPath, cli, ...process.argv.slice(2)];
await import(pathToFileURL(cli).href);
