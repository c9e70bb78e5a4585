import { makeStyles, tokens } from '@fluentui/react-components';
import { allStatuses, statusMeanings } from '../checks/check-columns';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  meaning: { color: tokens.colorNeutralForeground2 },
});

/** Every status as a shape and a word, and what it means (Unknown = could not be read, N/A = does not apply). */
export function StatusLegend() {
  const styles = useStyles();
  return (
    <ul className={styles.legend} aria-label="Status legend">
      {allStatuses.map((status) => (
        <li key={status} className={styles.item}>
          <StatusLabel status={status} />
          <span className={styles.meaning}>= {statusMeanings[status]}</span>
        </li>
      ))}
    </ul>
  );
}
