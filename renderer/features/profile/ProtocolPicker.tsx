/**
 * The protocol as a segmented control: SMTP | SMTP+STARTTLS | SMTPS (or, with `labelOf`,
 * IMAP | IMAP+STARTTLS | IMAPS for the delivery check). A Fluent Toolbar radio group, so it
 * is a real radiogroup (arrow keys move, one tab stop) with a visible label.
 */
import {
  Toolbar,
  ToolbarRadioButton,
  ToolbarRadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { SECURITY_MODES, type Security } from '../../../electron/services/settings/profile';

const useStyles = makeStyles({
  toolbar: { padding: 0 },
  group: {
    display: 'inline-flex',
    gap: '2px',
    padding: '2px',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    // The selected segment reads as raised; attribute selectors outrank the toolbar's own
    // checked style, which is merged after any className given here.
    '& > button[aria-checked="true"]': {
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorBrandForeground1,
      fontWeight: tokens.fontWeightSemibold,
      boxShadow: tokens.shadow2,
    },
    '& > button[aria-checked="true"]:hover': {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      color: tokens.colorBrandForeground1,
    },
  },
  button: { minWidth: '104px', fontWeight: tokens.fontWeightRegular },
});

export function ProtocolPicker({
  value,
  onChange,
  labelledBy,
  describedBy,
  labelOf,
}: {
  value: Security;
  onChange(next: Security): void;
  labelledBy?: string;
  describedBy?: string;
  /** The name of each mode; SMTP's by default. */
  labelOf?: (mode: Security) => string;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <Toolbar
      className={styles.toolbar}
      size="small"
      aria-labelledby={labelledBy}
      checkedValues={{ security: [value] }}
      onCheckedValueChange={(_, data) => {
        const next = data.checkedItems[0] as Security | undefined;
        if (data.name === 'security' && next && next !== value) onChange(next);
      }}
    >
      <ToolbarRadioGroup className={styles.group} aria-labelledby={labelledBy} aria-describedby={describedBy}>
        {SECURITY_MODES.map((mode) => (
          <ToolbarRadioButton
            key={mode}
            name="security"
            value={mode}
            appearance="subtle"
            className={styles.button}
          >
            {labelOf ? labelOf(mode) : t(`security.${mode}`)}
          </ToolbarRadioButton>
        ))}
      </ToolbarRadioGroup>
    </Toolbar>
  );
}
