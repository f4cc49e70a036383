/**
 * "Check the From domain's DNS" in the Addresses section: checks the form as it stands (From,
 * server address, DKIM selector; saved or not) and shows the findings in a dialog. A field
 * that cannot be checked yet gets its inline error and the focus instead.
 */
import { Suspense, useState } from 'react';
import { Button } from '@fluentui/react-components';
import { Globe16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../shared/notify';
import type { FieldRefs } from '../profile/fieldRefs';
import type { FieldName, ProfileForm } from '../profile/useProfileForm';
import type { DnsCheckInput } from './CheckDnsDialog';
import { lazyNamed } from '../../shared/lazyNamed';

// Opened on demand (see shared/lazyNamed.ts).
const CheckDnsDialog = lazyNamed(() => import('./CheckDnsDialog'), 'CheckDnsDialog');

/** The form field behind each input of `dns:check`. */
const FIELD_OF_INPUT: Record<keyof DnsCheckInput, FieldName> = {
  from: 'from',
  relayHost: 'host',
  dkimSelector: 'dkimSelector',
};

export function CheckDnsButton({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [input, setInput] = useState<DnsCheckInput | null>(null);

  const check = async () => {
    const selector = form.values.dkimSelector.trim();
    const candidate: DnsCheckInput = {
      from: form.values.from.trim(),
      relayHost: form.values.host.trim(),
      ...(selector ? { dkimSelector: selector } : {}),
    };
    // The contract (zod) loads with the first check, not with the first screen.
    const { contract } = await import('../../../electron/ipc/contract');
    const parsed = contract['dns:check'].input.safeParse(candidate);
    if (parsed.success) {
      setInput(candidate);
      return;
    }
    const issue = parsed.error.issues[0];
    const field = FIELD_OF_INPUT[issue?.path[0] as keyof DnsCheckInput] ?? 'from';
    form.touch(field);
    refs.focus(field);
    notify(field === 'dkimSelector' ? t('validation.selectorInvalid') : t('dns.fixBeforeCheck'), 'error');
  };

  return (
    <>
      <Button size="small" appearance="subtle" icon={<Globe16Regular />} onClick={() => void check()}>
        {t('dns.open')}
      </Button>
      {input && (
        <Suspense fallback={null}>
          <CheckDnsDialog input={input} onClose={() => setInput(null)} />
        </Suspense>
      )}
    </>
  );
}
