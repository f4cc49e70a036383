/**
 * Where the Electron binary is, downloading it first when it is missing. Since Electron 42
 * `npm ci` no longer downloads it; Electron's own installer (node_modules/electron/install.js,
 * the `install-electron` command) does, on first launch. Running that installer, rather than
 * a download of our own, keeps every setting Electron documents working: ELECTRON_MIRROR and
 * the other mirror variables (also from .npmrc), electron_config_cache, force_no_cache,
 * electron_use_remote_checksums. ELECTRON_OVERRIDE_DIST_PATH names a folder that already
 * holds Electron: nothing is downloaded then.
 *
 * The installer prints a stack trace when it fails; ./electron-download-notice.ts, loaded
 * into it, prints the one line a user sees while it downloads and passes back why it failed,
 * so that the launcher can say it in one sentence.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Starts the line on which ./electron-download-notice.ts says why a download failed. */
export const FAILURE_MARK = 'mail-preflight-download-failure: ';

export type ElectronBinary = { path: string } | { problem: string };

/** The executable inside an Electron dist, as install.js names it in path.txt. */
const EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

export async function ensureElectronBinary(): Promise<ElectronBinary> {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { problem: 'The electron package is not installed: run npm ci first.' };
  }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const executable = EXECUTABLE[process.platform] ?? 'electron';

  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, executable);
    return existsSync(path)
      ? { path }
      : {
          problem: `ELECTRON_OVERRIDE_DIST_PATH is ${override}, which holds no ${executable}: point it at a folder with Electron ${version} unpacked, or unset it to download Electron once.`,
        };
  }

  const failure = await runInstaller(join(packageDir, 'install.js'));
  const path = join(packageDir, 'dist', readIfExists(join(packageDir, 'path.txt')) ?? executable);
  if (failure === null && existsSync(path)) return { path };
  return {
    problem: `Electron ${version} could not be downloaded (${failure ?? `the installer left no ${path}`}): set ELECTRON_MIRROR to a mirror you can reach (and HTTPS_PROXY behind a proxy), or ELECTRON_OVERRIDE_DIST_PATH to a folder with Electron ${version} unpacked.`,
  };
}

/**
 * Runs Electron's installer, which returns at once when the binary is in place. Resolves to
 * null when it succeeded, else to the reason it failed.
 */
function runInstaller(installer: string): Promise<string | null> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Its progress bar would be a second line, on a stderr nobody sees.
    ELECTRON_GET_NO_PROGRESS: '1',
  };
  // Node's fetch honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY only when asked to.
  const proxied = ['HTTPS_PROXY', 'HTTP_PROXY'].some(
    (name) => process.env[name] ?? process.env[name.toLowerCase()],
  );
  if (proxied) env['NODE_USE_ENV_PROXY'] ??= '1';

  const notice = new URL('./electron-download-notice.ts', import.meta.url).href;
  const child = spawn(process.execPath, [...process.execArgv, '--import', notice, installer], {
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(null);
      const marked = stderr.split('\n').find((line) => line.startsWith(FAILURE_MARK));
      const firstLine = stderr
        .trim()
        .split('\n')[0]
        ?.replace(/^\w*Error: |\.$/g, '');
      resolve(
        marked?.slice(FAILURE_MARK.length) ?? (firstLine || `the installer stopped (${signal ?? code})`),
      );
    });
  });
}

function readIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : null;
}
