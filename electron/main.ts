/**
 * The Electron main process: app lifecycle, the one window, and its hardening. Everything
 * the app does (settings, secrets, SMTP, the log) lives in the services, which know nothing
 * of Electron; this file only builds them, wires them to IPC (ipc/register.ts) and keeps
 * the window locked down:
 *
 * - contextIsolation, sandbox, no nodeIntegration, webSecurity, no <webview>;
 * - the renderer is served from the privileged `app://mail-preflight` origin (never file://)
 *   with a strict Content-Security-Policy header;
 * - no navigation away from that origin, no new windows (http(s) links open in the OS
 *   browser), every permission request denied;
 * - IPC answers only frames whose URL is the app's own origin.
 *
 * One of the three files (with preload.ts and ipc/register.ts) allowed to
 * import `electron`.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  session,
  shell,
  type WebContents,
  type WebFrameMain,
} from 'electron';
import { CONTENT_SECURITY_POLICY as CSP } from './csp';
import ElectronStore from 'electron-store';
import { createHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { AppError } from './services/errors';
import { DEFAULT_LANGUAGE, languageOfLocale, loadEveryLanguage, loadTranslator } from './services/i18n';
import { createServices } from './services/services';
import { PRIVATE_FILE_MODE } from './services/settings/settings-store';

const APP_NAME = 'Mail Preflight';
const APP_SCHEME = 'app';
const APP_HOST = 'mail-preflight';
const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The built files of the renderer and the preload (electron-vite's out/ layout). */
const RENDERER_DIR = resolve(import.meta.dirname, '../renderer');
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');

/**
 * `electron-vite dev` serves the renderer from a local dev server and passes its URL here.
 * A packaged app ignores the variable, so nobody can point it at another page.
 */
const DEV_SERVER_URL = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
const DEV_SERVER_ORIGIN = DEV_SERVER_URL ? new URL(DEV_SERVER_URL).origin : null;

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

// Must happen before `ready`: app:// behaves like https (a real origin, secure context,
// fetch of its own files), which file:// does not. `corsEnabled` lets Chromium load the
// bundle's `<script type="module" crossorigin>` from the scheme; no other origin exists in
// the app to make use of it.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
]);

app.setName(APP_NAME);
// The data folder: settings.json, the test log, imported keystores. Tests point it at a
// temporary folder. Otherwise it is named explicitly, so that it is the same folder however
// the app was started (the CLI computes the same path): <appData>/Mail Preflight.
app.setPath(
  'userData',
  process.env['MAIL_PREFLIGHT_DATA_DIR']
    ? resolve(process.env['MAIL_PREFLIGHT_DATA_DIR'])
    : join(app.getPath('appData'), APP_NAME),
);

/** True for the app's own pages: app://mail-preflight/…, or the dev server under `electron-vite dev`. */
function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
    return DEV_SERVER_ORIGIN !== null && url.origin === DEV_SERVER_ORIGIN;
  } catch {
    return false;
  }
}

function isTrustedSender(frame: WebFrameMain): boolean {
  return isAppUrl(frame.url);
}

function isWebUrl(raw: string): boolean {
  try {
    const { protocol: scheme } = new URL(raw);
    return scheme === 'https:' || scheme === 'http:';
  } catch {
    return false;
  }
}

function openInBrowser(url: string): void {
  if (isWebUrl(url)) {
    shell.openExternal(url).catch((error: unknown) => console.error('Could not open', url, error));
  }
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CSP },
  });
}

/** Serves out/renderer under app://mail-preflight/, and nothing outside it. */
async function serveRenderer(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
  let pathname: string;
  try {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return textResponse(404, 'Not found');
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return textResponse(400, 'Bad request');
  }
  if (pathname.includes('\0')) return textResponse(400, 'Bad request');
  if (pathname === '/' || pathname === '') pathname = '/index.html';

  const filePath = resolve(RENDERER_DIR, `.${pathname}`);
  if (!filePath.startsWith(RENDERER_DIR + sep)) return textResponse(403, 'Forbidden');

  try {
    const body = await readFile(filePath);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  } catch {
    return textResponse(404, 'Not found');
  }
}

/** Every web contents (the window, and anything that might appear later) is locked in place. */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function installMenu(): void {
  if (DEV_SERVER_URL) return; // keep Electron's default menu (reload, DevTools) while developing
  if (process.platform === 'darwin') {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]),
    );
  } else {
    // Windows and Linux: no menu bar; copy, paste and undo still work in text fields.
    Menu.setApplicationMenu(null);
  }
}

function backgroundColor(): string {
  // Fluent UI's neutral background 1 in its dark and light web themes.
  return nativeTheme.shouldUseDarkColors ? '#292929' : '#ffffff';
}

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1200,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: backgroundColor(),
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(DEV_SERVER_URL ?? APP_ENTRY);
  return window;
}

function focusWindow(): void {
  if (!app.isReady()) return; // start-up is still under way; the window is coming
  if (!mainWindow) {
    mainWindow = createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function startServices(): void {
  const dataDir = app.getPath('userData');
  const services = createServices({
    dataDir,
    version: app.getVersion(),
    systemLocale: app.getLocale(),
    // OAuth2 sign-in happens in the system browser, never in an embedded window (RFC 8252).
    openBrowser: async (url) => {
      if (!isWebUrl(url)) throw new Error('Only web addresses are opened.');
      await shell.openExternal(url);
    },
    storeFactory: () => {
      // electron-store: settings.json in the data folder, the same file the CLI opens with conf.
      const store = new ElectronStore<Record<string, unknown>>({
        name: 'settings',
        cwd: dataDir,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
        configFileMode: PRIVATE_FILE_MODE,
      });
      // electron-store answers a synchronous `electron-store-get-data` message for stores
      // created in a renderer. This app has none; keep the IPC surface to the contract.
      ipcMain.removeAllListeners('electron-store-get-data');
      return store;
    },
  });
  registerIpc(createHandlers(services), { isTrustedSender, language: () => services.language() });
}

if (!app.requestSingleInstanceLock()) {
  // Another Mail Preflight already runs on this data folder; it comes to the front instead.
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) focusWindow();
  });
  nativeTheme.on('updated', () => mainWindow?.setBackgroundColor(backgroundColor()));

  app
    .whenReady()
    // The window may switch language at any time: main speaks every one before it answers.
    .then(loadEveryLanguage)
    .then(() => {
      hardenSession();
      protocol.handle(APP_SCHEME, serveRenderer);
      installMenu();
      startServices();
      mainWindow = createWindow();
    })
    .catch(async (error: unknown) => {
      console.error('Mail Preflight could not start:', error);
      // The settings (and the language chosen there) may be what failed: the OS's language.
      const t = await loadTranslator(languageOfLocale(app.getLocale()) ?? DEFAULT_LANGUAGE);
      dialog.showErrorBox(
        t('startup.failedTitle'),
        error instanceof AppError ? error.say(t) : t('startup.failed'),
      );
      app.exit(1);
    });
}
