/**
 * The Electron end of the IPC contract: one `ipcMain.handle` per contract channel. Each call
 * first checks who is asking (the top frame of Mail Preflight's own window, loaded from the
 * app's own origin), then goes through `invokeChannel`, which validates the input with the
 * contract's zod schema and turns every outcome into a Result. Nothing ever throws across
 * IPC: the renderer always receives `{ ok: true, value }` or `{ ok: false, error }`.
 *
 * One of the three files (with main.ts and preload.ts) allowed to import `electron`.
 */
import {
  BrowserWindow,
  dialog,
  ipcMain,
  type IpcMainInvokeEvent,
  type WebContents,
  type WebFrameMain,
} from 'electron';
import type { FilePurpose } from '../services/chosen-files';
import { CHANNELS, type Channel, type Result } from './contract';
import type { Handlers } from './handlers';
import { invokeChannel } from './invoke';
import { createTranslator, DEFAULT_LANGUAGE, type Language, type Translate } from '../services/i18n';

export interface RegisterIpcOptions {
  /**
   * True when the frame is one of ours: main.ts compares the frame's URL with the app://
   * origin (or, under `electron-vite dev`, the dev server's origin).
   */
  isTrustedSender(frame: WebFrameMain): boolean;
  /** Where unexpected handler errors go; defaults to the developer console. */
  logError?(channel: Channel, error: unknown): void;
  /** The language the app speaks (Services.language), for sentences and the file dialog. */
  language?(): Language;
}

const refusal = (code: 'FORBIDDEN' | 'INTERNAL', t: Translate): Result<never> => ({
  ok: false,
  error: { code, message: t(code === 'FORBIDDEN' ? 'errors.forbidden' : 'errors.internal') },
});

function defaultLogError(channel: Channel, error: unknown): void {
  console.error(`[ipc] ${channel} failed:`, error);
}

/**
 * The sender check. Only the top frame may call (the app has no iframes, and the CSP
 * forbids them), the frame must still exist, and its URL must be the app's own.
 */
function isAllowedSender(event: IpcMainInvokeEvent, options: RegisterIpcOptions): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.isDestroyed() || frame.parent !== null) return false;
    return options.isTrustedSender(frame);
  } catch {
    // Reading a frame that went away while the message was in flight can throw.
    return false;
  }
}

let registered: Channel[] = [];

const EXTENSIONS: Record<FilePurpose, string[]> = {
  keystore: ['p12', 'pfx', 'jks', 'keystore', 'pem', 'crt', 'cer', 'key'],
  certificate: ['pem', 'crt', 'cer', 'der'],
  profiles: ['json'],
};

/** The OS file dialog, modal to the calling window. A PEM key and its chain may be two files. */
async function chooseFiles(
  sender: WebContents,
  purpose: FilePurpose,
  t: Translate,
): Promise<string[] | null> {
  const window = BrowserWindow.fromWebContents(sender);
  const options: Electron.OpenDialogOptions = {
    title: t(`fileDialog.${purpose}.title`),
    properties: purpose === 'keystore' ? ['openFile', 'multiSelections'] : ['openFile'],
    filters: [
      { name: t(`fileDialog.${purpose}.filter`), extensions: EXTENSIONS[purpose] },
      { name: t('fileDialog.allFiles'), extensions: ['*'] },
    ],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : result.filePaths;
}

/** The OS save dialog, modal to the calling window; the OS confirms replacing an existing file. */
async function chooseSavePath(sender: WebContents, suggestedName: string): Promise<string | null> {
  const window = BrowserWindow.fromWebContents(sender);
  const options: Electron.SaveDialogOptions = {
    defaultPath: suggestedName,
    properties: ['showOverwriteConfirmation'],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Stops handling every contract channel (tests, hot reload). Safe to call twice. */
export function unregisterIpc(): void {
  for (const channel of registered) ipcMain.removeHandler(channel);
  registered = [];
}

/**
 * Handles every channel of the contract with the given handler table. Calling it again
 * replaces the previous registration. Returns the function that undoes it.
 */
export function registerIpc(handlers: Handlers, options: RegisterIpcOptions): () => void {
  unregisterIpc();
  const logError = options.logError ?? defaultLogError;

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      const language = () => options.language?.() ?? DEFAULT_LANGUAGE;
      const t = createTranslator(language());
      if (!isAllowedSender(event, options)) return refusal('FORBIDDEN', t);
      try {
        return await invokeChannel(handlers, channel, input, {
          emit: (name, payload) => {
            // The window may have closed while a run was still reporting progress.
            if (!event.sender.isDestroyed()) event.sender.send(name, payload);
          },
          logError,
          chooseFiles: (purpose) => chooseFiles(event.sender, purpose, t),
          chooseSavePath: (name) => chooseSavePath(event.sender, name),
          language,
        });
      } catch (error) {
        // invokeChannel already turns handler errors into Results; this is the last guard.
        logError(channel, error);
        return refusal('INTERNAL', t);
      }
    });
    registered.push(channel);
  }

  return unregisterIpc;
}
