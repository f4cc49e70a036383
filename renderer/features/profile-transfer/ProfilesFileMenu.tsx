/**
 * "Export profiles…" and "Import profiles…" under the sidebar's profile list: profiles move
 * between workstations as a JSON file without passwords. Main writes and reads the file (its
 * save and open dialogs); the renderer only says what to do. An import is first tried with
 * `refuse`, so nothing is ever overwritten without asking: a name that exists already opens
 * the clash question, any other problem shows the file's sentences and nothing is imported.
 */
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tooltip,
} from '@fluentui/react-components';
import { ArrowExportUp20Regular, ArrowImport20Regular, MoreHorizontal20Regular } from '@fluentui/react-icons';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { say } from '../../i18n';
import { lazyNamed } from '../../shared/lazyNamed';
import { useNotify } from '../../shared/notify';

// Opened on demand, so they load then (see shared/lazyNamed.ts).
const ImportClashDialog = lazyNamed(() => import('./ImportDialogs'), 'ImportClashDialog');
const ImportRefusedDialog = lazyNamed(() => import('./ImportDialogs'), 'ImportRefusedDialog');

type Step = { kind: 'clash'; token: string; names: string[] } | { kind: 'refused'; problems: string[] };

export function ProfilesFileMenu({
  profileCount,
  onImported,
}: {
  profileCount: number;
  /** Reloads the profile list. */
  onImported(): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [step, setStep] = useState<Step | null>(null);

  const exportAll = async () => {
    const result = await api.invoke('profiles:exportFile', {});
    if (!result.ok) notify(result.error.message, 'error');
    else if (result.value)
      notify(t('profileTransfer.exported', { count: profileCount, file: result.value.fileName }));
  };

  const importFrom = async (token: string, onConflict: 'refuse' | 'replace' | 'keep-both') => {
    setStep(null);
    const result = await api.invoke('profiles:importFile', { token, onConflict });
    if (!result.ok) return setStep({ kind: 'refused', problems: [result.error.message] });
    const outcome = result.value;
    if (!outcome.ok) {
      // In `refuse` mode each clash is one of the problems: only clashes means ask.
      const onlyClashes =
        outcome.conflicts.length > 0 && outcome.problems.length === outcome.conflicts.length;
      return setStep(
        onlyClashes
          ? { kind: 'clash', token, names: outcome.conflicts }
          : { kind: 'refused', problems: outcome.problems.map((problem) => say(problem)) },
      );
    }
    await onImported();
    notify(t('profileTransfer.imported', { count: outcome.imported.length + outcome.replaced.length }));
    for (const warning of outcome.warnings) notify(say(warning), 'warning');
  };

  const chooseAndImport = async () => {
    const chosen = await api.invoke('files:choose', { purpose: 'profiles' });
    if (!chosen.ok) setStep({ kind: 'refused', problems: [chosen.error.message] });
    else if (chosen.value) await importFrom(chosen.value.token, 'refuse');
  };

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Tooltip content={t('profileTransfer.menu')} relationship="label">
            <Button appearance="subtle" size="small" icon={<MoreHorizontal20Regular />} />
          </Tooltip>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem
              icon={<ArrowExportUp20Regular />}
              disabled={profileCount === 0}
              onClick={() => void exportAll()}
            >
              {t('profileTransfer.export')}
            </MenuItem>
            <MenuItem icon={<ArrowImport20Regular />} onClick={() => void chooseAndImport()}>
              {t('profileTransfer.import')}
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {step && (
        <Suspense fallback={null}>
          {step.kind === 'clash' ? (
            <ImportClashDialog
              names={step.names}
              onCancel={() => setStep(null)}
              onChoose={(choice) => void importFrom(step.token, choice)}
            />
          ) : (
            <ImportRefusedDialog problems={step.problems} onClose={() => setStep(null)} />
          )}
        </Suspense>
      )}
    </>
  );
}
