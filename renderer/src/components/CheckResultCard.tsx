import { Body1, Button, Card, Link, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { CheckResult, EvidenceValue } from '../../../shared/checks/check-result';
import type { CheckColumn } from '../checks/check-columns';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  fix: { marginLeft: 'auto' },
  evidence: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  key: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all', userSelect: 'text' },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    margin: 0,
    whiteSpace: 'pre-wrap',
  },
  section: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function text(value: EvidenceValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function copy(value: string) {
  void navigator.clipboard?.writeText(value).catch(() => undefined);
}

/** One check of one server: status, summary, evidence, remedy, references, accepted risk and its fix. */
export function CheckResultCard({
  column,
  result,
  onFix,
}: {
  column: CheckColumn;
  result: CheckResult;
  onFix: (result: CheckResult) => void;
}) {
  const styles = useStyles();
  const headingId = `check-${result.checkId.replace(/[^a-z0-9]/gi, '-')}`;
  const evidence = Object.entries(result.evidence);
  return (
    <Card className={styles.card} aria-labelledby={headingId}>
      <div className={styles.head}>
        <Subtitle2 as="h3" id={headingId}>
          {column.title}
        </Subtitle2>
        <StatusLabel status={result.status} />
        {result.fixId !== undefined && (
          <Button
            className={styles.fix}
            appearance="primary"
            aria-label={`Fix ${column.title}`}
            onClick={() => onFix(result)}
          >
            Fix
          </Button>
        )}
      </div>
      <Body1>{result.summary}</Body1>
      {evidence.length > 0 && (
        <>
          <h4 className={styles.section}>Evidence</h4>
          <dl className={styles.evidence}>
            {evidence.map(([key, value]) => (
              <div key={key} style={{ display: 'contents' }}>
                <dt className={styles.key}>{key}</dt>
                <dd className={styles.value}>{text(value)}</dd>
              </div>
            ))}
          </dl>
          <div>
            <Button
              size="small"
              onClick={() => copy(evidence.map(([key, value]) => `${key}: ${text(value)}`).join('\n'))}
              aria-label={`Copy evidence of ${column.title}`}
            >
              Copy evidence
            </Button>
          </div>
        </>
      )}
      {result.remedy !== undefined && (
        <>
          <h4 className={styles.section}>Remedy</h4>
          <pre className={styles.code}>{result.remedy}</pre>
        </>
      )}
      {result.acceptedRisk !== undefined && (
        <>
          <h4 className={styles.section}>Accepted risk</h4>
          <Body1>Exposes: {result.acceptedRisk.exposes}</Body1>
          <ul className={styles.list} aria-label="Safer alternatives">
            {result.acceptedRisk.saferAlternatives.map((alternative) => (
              <li key={alternative}>{alternative}</li>
            ))}
          </ul>
        </>
      )}
      {result.references.length > 0 && (
        <>
          <h4 className={styles.section}>References</h4>
          <ul className={styles.list}>
            {result.references.map((reference) => (
              <li key={reference}>
                <Link href={reference} target="_blank" rel="noreferrer">
                  {reference}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
