/**
 * Runs one test send: a fresh runId, progress events for that runId folded into a live
 * phase list, then the final record (or the refusal of `runs:send` itself). When main
 * needs the user's consent first (a saved password for other settings, a plain-text
 * login), the state says what to ask, and the run is started again with the answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfileFields } from '../../../electron/services/settings/profile';
import type { RunRecord } from '../../../electron/services/smtp/report';
import type { Consent, ConsentRequest } from '../../../electron/ipc/contract';
import { api } from '../../api';
import { mergeProgress, type LivePhase } from '../run-result/phases';

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; runId: string; phases: LivePhase[] }
  | { status: 'done'; record: RunRecord }
  | { status: 'refused'; message: string; phases: LivePhase[] }
  /** Nothing was sent: main asks for these consents (or passwords typed for this run). */
  | { status: 'consent'; requests: ConsentRequest[]; run: StartRun };

export interface StartRun {
  profileId: string;
  to: string;
  dryRun: boolean;
  fields: ProfileFields;
  consents?: Consent[];
  /** Typed for this run only, never saved. */
  password?: string;
  imapPassword?: string;
}

export function useTestRun(onFinished?: () => void) {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const current = useRef<string | null>(null);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  }, [onFinished]);

  useEffect(
    () => () => {
      current.current = null;
    },
    [],
  );

  const start = useCallback(async (run: StartRun) => {
    const runId = crypto.randomUUID();
    current.current = runId;
    setState({ status: 'running', runId, phases: [] });
    const off = api.on('run:progress', (progress) => {
      if (progress.runId !== runId || current.current !== runId) return;
      setState((s) =>
        s.status === 'running' && s.runId === runId ? { ...s, phases: mergeProgress(s.phases, progress) } : s,
      );
    });
    try {
      const result = await api.invoke('runs:send', { runId, ...run });
      if (current.current !== runId) return;
      setState((s) => {
        if (result.ok) return { status: 'done', record: result.value };
        if (result.error.code === 'CONSENT_REQUIRED' && result.error.consents?.length) {
          return { status: 'consent', requests: result.error.consents, run };
        }
        return {
          status: 'refused',
          message: result.error.message,
          phases: s.status === 'running' ? s.phases : [],
        };
      });
    } finally {
      off();
      finished.current?.();
    }
  }, []);

  const reset = useCallback(() => {
    current.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, start, reset };
}
