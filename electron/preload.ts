/**
 * The preload bridge: `window.mailPreflight`, built from the IPC contract. It is the only
 * way the renderer reaches the main process. It exposes exactly the contract's channel and
 * event names, never `ipcRenderer` itself, and never hands an IpcRendererEvent (which
 * carries `sender`) to page code.
 *
 * The window is sandboxed, so this script runs without Node: it is bundled into one
 * CommonJS file (electron.vite.config.ts) whose only `require` is `electron`.
 *
 * One of the three files (with main.ts and ipc/register.ts) allowed to import `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHANNELS,
  EVENT_NAMES,
  type Bridge,
  type Channel,
  type ChannelResult,
  type EventName,
  type EventPayload,
  type IpcError,
  type Result,
} from './ipc/contract';

const channels: ReadonlySet<string> = new Set(CHANNELS);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

/** A failure the renderer phrases in its language (the preload carries no catalogue). */
function failure(code: 'INVALID_INPUT' | 'INTERNAL', messageKey: IpcError['messageKey']): Result<never> {
  return { ok: false, error: { code, message: '', messageKey } };
}

const bridge: Bridge = {
  async invoke<C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelResult<C>>> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return failure('INVALID_INPUT', 'errors.noSuchCommand');
    }
    try {
      return (await ipcRenderer.invoke(channel, input)) as Result<ChannelResult<C>>;
    } catch {
      // Main always answers with a Result; a rejection means the message could not be
      // delivered or cloned (e.g. a function inside the input). The renderer never sees a throw.
      return failure('INTERNAL', 'errors.bridgeFailed');
    }
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (typeof event !== 'string' || !eventNames.has(event) || typeof listener !== 'function') {
      return () => {};
    }
    const wrapper = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
    ipcRenderer.on(event, wrapper);
    return () => {
      ipcRenderer.removeListener(event, wrapper);
    };
  },
};

contextBridge.exposeInMainWorld('mailPreflight', bridge);
