import {
  Body1,
  Button,
  Card,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CheckResult, EvidenceValue } from '../../../shared/checks/check-result';
import type { ProofNote } from '../../../shared/prove/prove-contract';
import type { CheckColumn } from '../checks/check-columns';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  fix: { marginLeft: 'auto' },
  evidence: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, width: '100%' },
  key: {
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXS} 0`,
    whiteSpace: 'nowrap',
    width: '1%',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  value: {
    padding: `${tokens.spacingVerticalXXS} 0`,
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: 'anywhere',
    userSelect: 'text',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  copyRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  raw: { fontSize: tokens.fontSizeBase200, cursor: 'pointer' },
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

/** An evidence value as an admin reads it: text as is, lists one per line, objects as key = value lines. */
export function evidenceText(value: EvidenceValue): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(evidenceText).join('\n');
  const entries = Object.entries(value);
  return entries.length === 0
    ? '(none)'
    : entries.map(([key, inner]) => `${key} = ${inner === undefined ? '' : evidenceText(inner)}`).join('\n');
}

type CopyState = 'idle' | 'copied' | 'failed';

/** One check of one server: status, summary, evidence, remedy, references, accepted risk and its fix. */
export function CheckResultCard({
  column,
  result,
  onFix,
  statusLabel,
  proofNotes = [],
}: {
  column: CheckColumn;
  result: CheckResult;
  onFix: (result: CheckResult) => void;
  /** Rewords the status (the tenant's attested checks); the shape stays the status's own. */
  statusLabel?: string | undefined;
  /** What a Remote PowerShell proof of this server showed of this check. */
  proofNotes?: readonly ProofNote[];
}) {
  const styles = useStyles();
  const headingId = `check-${result.checkId.replace(/[^a-z0-9]/gi, '-')}`;
  const evidence = Object.entries(result.evidence);
  const [copied, setCopied] = useState<CopyState>('idle');
  const [rawOpen, setRawOpen] = useState(false);
  const copy = () => {
    const text = evidence.map(([key, value]) => `${key}: ${evidenceText(value)}`).join('\n');
    // The button says what happened: "Copied", or that the clipboard refused.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard === undefined) return setCopied('failed');
    clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <Card className={styles.card} aria-labelledby={headingId}>
      <div className={styles.head}>
        <Subtitle2 as="h4" id={headingId}>
          {column.title}
        </Subtitle2>
        <StatusLabel status={result.status} label={statusLabel} />
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
      {proofNotes.map((note) => (
        <MessageBar
          key={`${note.hop}-${note.relation}`}
          intent={note.relation === 'contradicts' ? 'warning' : 'info'}
          layout="multiline"
        >
          <MessageBarBody>
            <MessageBarTitle>
              {note.relation === 'contradicts'
                ? 'The proof contradicts this check'
                : 'The proof confirms this check'}
            </MessageBarTitle>
            {note.text}
          </MessageBarBody>
        </MessageBar>
      ))}
      {evidence.length > 0 && (
        <>
          <h5 className={styles.section}>Evidence</h5>
          <table className={styles.evidence} aria-label={`Evidence of ${column.title}`}>
            <tbody>
              {evidence.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row" className={styles.key}>
                    {key}
                  </th>
                  <td className={styles.value} style={{ whiteSpace: 'pre-line' }}>
                    {evidenceText(value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className={styles.copyRow}>
            <Button size="small" onClick={copy} aria-label={`Copy evidence of ${column.title}`}>
              {copied === 'copied' ? 'Copied' : 'Copy evidence'}
            </Button>
            <span role="status">
              {copied === 'copied'
                ? 'Evidence copied'
                : copied === 'failed'
                  ? 'The clipboard refused the copy'
                  : ''}
            </span>
          </div>
          <details onToggle={(event) => setRawOpen(event.currentTarget.open)}>
            <summary className={styles.raw}>Raw JSON</summary>
            {/* Rendered once opened: twenty closed cards need not each hold their JSON. */}
            {rawOpen && <pre className={styles.code}>{JSON.stringify(result.evidence, null, 2)}</pre>}
          </details>
        </>
      )}
      {result.remedy !== undefined && (
        <>
          <h5 className={styles.section}>Remedy</h5>
          <pre className={styles.code}>{result.remedy}</pre>
        </>
      )}
      {result.acceptedRisk !== undefined && (
        <>
          <h5 className={styles.section}>Accepted risk</h5>
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
          <h5 className={styles.section}>References</h5>
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
