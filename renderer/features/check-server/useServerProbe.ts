/**
 * One "Check server" call (`servers:probe`): running, then the report or main's refusal.
 * A newer call, or the dialog closing, drops the answer of an older one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelResult } from '../../../electron/ipc/contract';
import { api } from '../../api';

export type ProbeReport = ChannelResult<'servers:probe'>;
export type PortProbe = ProbeReport['ports'][number];

export type ProbeState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: ProbeReport }
  | { status: 'refused'; message: string };

/**
 * `port` given: that port only; undefined: the usual ports in parallel. With `auto` the
 * check starts at once (the state begins as running); otherwise `start()` runs it.
 */
export function useServerProbe(host: string, port: number | undefined, auto: boolean) {
  const [state, setState] = useState<ProbeState>(auto ? { status: 'running' } : { status: 'idle' });
  const latest = useRef(0);

  const call = useCallback(
    async (id: number) => {
      const result = await api.invoke('servers:probe', port === undefined ? { host } : { host, port });
      if (latest.current !== id) return;
      setState(
        result.ok
          ? { status: 'done', report: result.value }
          : { status: 'refused', message: result.error.message },
      );
    },
    [host, port],
  );

  useEffect(() => {
    const id = ++latest.current;
    if (auto) void call(id);
    return () => {
      latest.current += 1;
    };
  }, [auto, call]);

  const start = useCallback(() => {
    const id = ++latest.current;
    setState({ status: 'running' });
    void call(id);
  }, [call]);

  return { state, start };
}
