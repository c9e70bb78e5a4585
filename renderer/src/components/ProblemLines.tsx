import { makeStyles } from '@fluentui/react-components';

const useStyles = makeStyles({ line: { display: 'block' } });

/** A field's problems, one per line, so each bad entry reads on its own. */
export function ProblemLines({ problems }: { problems: readonly string[] }) {
  const styles = useStyles();
  return problems.map((problem, index) => (
    <span key={`${index}:${problem}`} className={styles.line}>
      {problem}
    </span>
  ));
}
