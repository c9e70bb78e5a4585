import { makeStyles, tokens } from '@fluentui/react-components';

/** Scripts and diffs as the admin reads them before confirming: monospace, scrollable, framed. */
export const useCodeBlockStyles = makeStyles({
  block: {
    overflow: 'auto',
    margin: 0,
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});
