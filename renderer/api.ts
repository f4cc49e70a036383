/**
 * The renderer's typed client over the preload bridge (`window.mailPreflight`). Channel
 * names, inputs and results all come from electron/ipc/contract.ts, so a call that does
 * not match the contract does not compile. A bridge failure (no preload, a dead main
 * process) becomes an ordinary `{ ok: false }` result instead of an exception.
 */
import type {
  Bridge,
  Channel,
  ChannelInput,
  ChannelResult,
  EventName,
  EventPayload,
  Result,
} from '../electron/ipc/contract';
import i18n from './i18n';

declare global {
  interface Window {
    mailPreflight?: Bridge;
  }
}

export function hasBridge(): boolean {
  return typeof window.mailPreflight?.invoke === 'function';
}

export const api = {
  async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelResult<C>>> {
    const bridge = window.mailPreflight;
    if (!bridge) return { ok: false, error: { code: 'INTERNAL', message: i18n.t('errors.noBridge') } };
    try {
      const result = await bridge.invoke(channel, input);
      if (result.ok || !result.error.messageKey) return result;
      return { ok: false, error: { ...result.error, message: i18n.t(result.error.messageKey) } };
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: i18n.t('errors.bridgeFailed') } };
    }
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const bridge = window.mailPreflight;
    if (!bridge) return () => undefined;
    return bridge.on(event, listener);
  },
};

export type { Result };
