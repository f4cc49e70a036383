/**
 * Autodetect (`servers:autodetect`) for an address or a domain typed by the user: the
 * input, its inline error, the call (running, then the report or main's refusal). A newer
 * call, or the component going away, drops the answer of an older one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AutodetectReport } from '../../../electron/services/autodetect/types';
import { api } from '../../api';
import { translateKey } from '../../i18n';

export type AutodetectState =
  | { status: 'idle' }
  | { status: 'running'; input: string }
  | { status: 'done'; report: AutodetectReport }
  | { status: 'refused'; message: string };

export function useAutodetect(initialInput = '') {
  const [input, setInputValue] = useState(initialInput);
  /** The sentence to show under the field. */
  const [error, setError] = useState<string | undefined>();
  const [state, setState] = useState<AutodetectState>({ status: 'idle' });
  const latest = useRef(0);

  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  const setInput = useCallback((value: string) => {
    setInputValue(value);
    setError(undefined);
  }, []);

  const find = useCallback(async () => {
    const text = input.trim();
    if (text === '') {
      setError(translateKey('validation.addressOrDomain'));
      return;
    }
    const id = ++latest.current;
    setError(undefined);
    setState({ status: 'running', input: text });
    const result = await api.invoke('servers:autodetect', { input: text });
    if (latest.current !== id) return;
    if (result.ok) {
      setState({ status: 'done', report: result.value });
    } else if (result.error.code === 'INVALID_INPUT') {
      // Not an address or a domain: said at the field.
      setError(result.error.fields?.input ? translateKey(result.error.fields.input) : result.error.message);
      setState({ status: 'idle' });
    } else {
      setState({ status: 'refused', message: result.error.message });
    }
  }, [input]);

  return { input, setInput, error, state, find };
}

export type Autodetect = ReturnType<typeof useAutodetect>;
