/**
 * Where the form's inputs are, so Save can move focus to the first field that needs
 * attention: each input registers itself through a callback ref.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { FieldName } from './useProfileForm';

export interface FieldRefs {
  /** A callback ref for the input of `field`. */
  register(field: FieldName): (element: HTMLElement | null) => void;
  focus(field: FieldName): void;
}

export function useFieldRefs(): FieldRefs {
  const elements = useRef(new Map<FieldName, HTMLElement>());
  const register = useCallback(
    (field: FieldName) => (element: HTMLElement | null) => {
      if (element) elements.current.set(field, element);
      else elements.current.delete(field);
    },
    [],
  );
  const focus = useCallback((field: FieldName) => elements.current.get(field)?.focus(), []);
  return useMemo(() => ({ register, focus }), [register, focus]);
}
