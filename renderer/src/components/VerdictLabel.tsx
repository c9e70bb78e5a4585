import { makeStyles, mergeClasses } from '@fluentui/react-components';
import type { CheckStatus } from '../../../shared/checks/check-result';
import type { ReadinessKind, ReadinessVerdict } from '../../../shared/readiness/readiness-verdict';
import { statusGlyphs } from '../checks/check-columns';
import { useStatusStyles } from './StatusLabel';

// A verdict borrows the shape of the status it resembles: not checked is "?", never the ready tick.
const toneOf: Record<ReadinessKind, CheckStatus> = {
  ready: 'pass',
  'ready-with-risks': 'warn',
  'not-ready': 'fail',
  'not-checked': 'unknown',
};

// Verdicts are sentences ("Not checked: unreachable: …"): they wrap, with the shape kept on the first line.
const useWrapStyles = makeStyles({ wrap: { whiteSpace: 'normal', alignItems: 'flex-start' } });

/** A readiness verdict as a shape and its words ("Not ready: 3 blocking (1 not read)"). */
export function VerdictLabel({ verdict }: { verdict: Pick<ReadinessVerdict, 'kind' | 'text'> }) {
  const styles = useStatusStyles();
  const wrap = useWrapStyles();
  const status = toneOf[verdict.kind];
  return (
    <span className={mergeClasses(styles.label, wrap.wrap)}>
      <span
        aria-hidden="true"
        className={mergeClasses(styles.glyph, status === 'n/a' ? styles.na : styles[status])}
      >
        {statusGlyphs[status]}
      </span>
      <span>{verdict.text}</span>
    </span>
  );
}
