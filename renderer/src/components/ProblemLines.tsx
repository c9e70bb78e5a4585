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

/** The props a Fluent Field takes to show main's problems with one of the form's fields (keyed by field name). */
export function fieldProblemProps(problems: Readonly<Record<string, readonly string[]>>, name: string) {
  const own = problems[name] ?? [];
  return {
    validationState: own.length > 0 ? ('error' as const) : ('none' as const),
    validationMessage: own.length > 0 ? <ProblemLines problems={own} /> : undefined,
  };
}
