/** The table both certificate pages share: fixed columns, dense rows, text that wraps. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useCertificateTableStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { tableLayout: 'fixed', minWidth: '860px' },
  header: { backgroundColor: tokens.colorNeutralBackground2 },
  cell: {
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    verticalAlign: 'top',
    overflowWrap: 'anywhere',
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  secondary: { display: 'block', color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
  actionsCell: { textAlign: 'end', verticalAlign: 'top' },
  warning: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  warningIcon: { flexShrink: 0, color: tokens.colorPaletteDarkOrangeForeground1 },
});
