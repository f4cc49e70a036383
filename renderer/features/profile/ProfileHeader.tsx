/**
 * The profile's header: its name (edited in place), the last result chip, the primary
 * "Send test message", the secondary "Check server" and a menu with "Check without sending"
 * and "Delete".
 */
import {
  Button,
  Field,
  Input,
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  Beaker20Regular,
  ArrowExportUp20Regular,
  Delete20Regular,
  MoreHorizontal20Regular,
  Send20Regular,
  Stethoscope20Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { LogSummary } from '../../../electron/ipc/contract';
import { translateKey } from '../../i18n';
import { useSharedStyles } from '../../shared/styles';
import type { FieldRefs } from './fieldRefs';
import { LastResultChip } from './LastResultChip';
import { bindInput } from './TextField';
import type { ProfileForm } from './useProfileForm';

const useStyles = makeStyles({
  // The name takes the room the actions leave; when longer labels (another language) leave it
  // too little, the actions move to a line of their own instead of sliding over the name.
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { flex: '1 1 240px', minWidth: 0, maxWidth: '480px', marginInlineEnd: 'auto' },
  nameInput: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexShrink: 0 },
  chip: { flexBasis: '100%', minWidth: 0 },
});

export function ProfileHeader({
  form,
  refs,
  lastRun,
  canSend,
  onSend,
  onCheck,
  onExport,
  onDelete,
}: {
  form: ProfileForm;
  refs: FieldRefs;
  lastRun: LogSummary | null;
  /** False for a profile that was never saved (there is no password to use yet). */
  canSend: boolean;
  onSend(dryRun: boolean): void;
  /** "Check server": needs no password, so a new profile may use it too. */
  onCheck(): void;
  /** Export: null for a profile that was never saved. */
  onExport: (() => void) | null;
  onDelete: (() => void) | null;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();

  const send = (
    <Button
      appearance="primary"
      icon={<Send20Regular />}
      disabledFocusable={!canSend}
      onClick={() => onSend(false)}
    >
      {t('profile.actions.send')}
    </Button>
  );

  return (
    <header className={styles.header}>
      <Field
        className={styles.name}
        label={{ children: t('profile.fields.name'), className: shared.visuallyHidden }}
        validationMessage={translateKey(form.errorFor('name'))}
      >
        <Input
          {...bindInput(form, refs, 'name')}
          appearance="underline"
          input={{ className: styles.nameInput }}
          placeholder={t('profile.placeholders.name')}
        />
      </Field>
      <div className={styles.actions}>
        {canSend ? (
          send
        ) : (
          <Tooltip
            content={
              form.values.auth === 'oauth2'
                ? t('profile.actions.saveFirstOAuth2')
                : t('profile.actions.saveFirst')
            }
            relationship="description"
          >
            {send}
          </Tooltip>
        )}
        <Button appearance="secondary" icon={<Stethoscope20Regular />} onClick={onCheck}>
          {t('profile.actions.check')}
        </Button>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Tooltip content={t('profile.actions.more')} relationship="label">
              <Button appearance="subtle" icon={<MoreHorizontal20Regular />} />
            </Tooltip>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem icon={<Beaker20Regular />} disabled={!canSend} onClick={() => onSend(true)}>
                {t('profile.actions.dryRun')}
              </MenuItem>
              <MenuItem icon={<ArrowExportUp20Regular />} disabled={!onExport} onClick={() => onExport?.()}>
                {t('profile.actions.export')}
              </MenuItem>
              <MenuDivider />
              <MenuItem icon={<Delete20Regular />} disabled={!onDelete} onClick={() => onDelete?.()}>
                {t('profile.actions.delete')}
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </div>
      <div className={styles.chip}>
        <LastResultChip lastRun={lastRun} />
      </div>
    </header>
  );
}
