import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { statusGlyphs, statusLabels } from '../checks/check-columns';

export const useStatusStyles = makeStyles({
  label: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    whiteSpace: 'nowrap',
  },
  glyph: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '16px',
    height: '16px',
    borderRadius: tokens.borderRadiusCircular,
    fontSize: '11px',
    fontWeight: tokens.fontWeightBold,
    color: tokens.colorNeutralForegroundOnBrand,
    flexShrink: 0,
  },
  pass: { backgroundColor: tokens.colorPaletteGreenForeground1 },
  warn: { backgroundColor: tokens.colorPaletteDarkOrangeForeground1 },
  fail: { backgroundColor: tokens.colorPaletteRedForeground1 },
  unknown: { backgroundColor: tokens.colorNeutralForeground3 },
  na: { backgroundColor: tokens.colorNeutralForeground4 },
});

/** A check status as a shape and a word, never colour alone; `label` rewords it (an attested unknown). */
export function StatusLabel({ status, label }: { status: CheckStatus; label?: string | undefined }) {
  const styles = useStatusStyles();
  const tone = status === 'n/a' ? styles.na : styles[status];
  return (
    <span className={styles.label}>
      <span aria-hidden="true" className={mergeClasses(styles.glyph, tone)}>
        {statusGlyphs[status]}
      </span>
      <span>{label ?? statusLabels[status]}</span>
    </span>
  );
}
