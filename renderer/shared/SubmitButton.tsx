/** The primary submit button of a form: disabled, with a spinner, while the form is busy. */
import type { ReactNode } from 'react';
import { Button, Spinner } from '@fluentui/react-components';

export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <Button
      appearance="primary"
      type="submit"
      disabled={busy}
      icon={busy ? <Spinner size="tiny" /> : undefined}
    >
      {children}
    </Button>
  );
}
