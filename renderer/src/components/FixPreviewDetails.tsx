import {
  Body1,
  Checkbox,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import { formatFixValue } from '../../../shared/fixes/fix-description';
import { checkColumn } from '../checks/check-columns';
import type { FixFlow, FixPreview } from '../store/fix-slice';
import { useCodeBlockStyles } from './code-block-styles';
import { CopyButton } from './CopyButton';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  sentence: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  script: { maxHeight: '260px' },
  parameters: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    margin: 0,
  },
  key: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace },
  section: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  summary: { cursor: 'pointer', fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

// The script's own plumbing: the restore is already said in the sentence, the server in the title.
const hiddenParameters = new Set(['restore']);

/** The planned change: the sentence, the parameters as typed values, the risk, the script behind a disclosure. */
export function PreviewDetails({
  fix,
  preview,
  accepted,
  onAccept,
}: {
  fix: FixFlow;
  preview: FixPreview;
  accepted: boolean;
  onAccept: (value: boolean) => void;
}) {
  const styles = useStyles();
  const code = useCodeBlockStyles();
  const parameters = Object.entries(preview.parameters).filter(([key]) => !hiddenParameters.has(key));
  const undo = preview.undoes !== null;
  return (
    <>
      <p className={styles.sentence} id="fix-sentence">
        {fix.description ?? preview.title}
      </p>
      {preview.simulated && <Body1>Simulated (demo estate): nothing on a real server changes.</Body1>}
      <Body1>
        {undo ? 'Re-checks afterwards' : 'Should turn green'}:{' '}
        <strong>{checkColumn(preview.checkId).title}</strong> on <strong>{preview.server}</strong>
      </Body1>
      <Body1>Connection: {preview.connection.description}</Body1>
      <Body1>
        Risk: {preview.risk === 'none' ? 'none known' : 'lowers security'} ·{' '}
        {undo
          ? `puts back the value audit entry ${preview.undoes} recorded`
          : preview.undoable
            ? 'can be undone from its audit entry'
            : 'cannot be undone (no single before-value)'}
      </Body1>
      <h3 className={styles.section}>Parameters</h3>
      {parameters.length === 0 ? (
        <Body1>None.</Body1>
      ) : (
        <dl className={styles.parameters} aria-label="Parameters">
          {parameters.map(([key, value]) => (
            <div key={key} style={{ display: 'contents' }}>
              <dt className={styles.key}>{key}</dt>
              <dd className={styles.value}>{formatFixValue(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <details>
        <summary className={styles.summary}>Script ({preview.scriptPath})</summary>
        <CopyButton text={preview.scriptText} label="Copy script" what="the script" />
        <pre className={mergeClasses(code.block, styles.script)} tabIndex={0} aria-label="Script">
          {preview.scriptText}
        </pre>
      </details>
      {preview.risk === 'lowers-security' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>This change lowers the server's security</MessageBarTitle>
            {preview.exposes !== null && <div>It exposes: {preview.exposes}</div>}
            {preview.saferAlternatives.length > 0 && (
              <>
                <div>Safer alternatives:</div>
                <ul className={styles.list}>
                  {preview.saferAlternatives.map((alternative) => (
                    <li key={alternative}>{alternative}</li>
                  ))}
                </ul>
              </>
            )}
            <Checkbox
              checked={accepted}
              onChange={(_event, data) => onAccept(data.checked === true)}
              label="I accept this risk"
            />
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

// A script's message that only repeats the outcome ("Applied.") is not said twice.
const bareOutcome = /^\s*(applied|unchanged|done|ok)\.?\s*$/i;

function outcomeWord(fix: FixFlow): string {
  const outcome = fix.outcome;
  const undo = fix.preview?.undoes != null;
  if (outcome === null) return '';
  if (outcome.outcome === 'refused') return 'Refused';
  if (outcome.outcome === 'failed') return 'Failed';
  if (!outcome.changed) return 'Already in place';
  return undo ? 'Undone' : 'Applied';
}

/** The result, said once: "Applied: Sets CbtHardeningLevel on … from Relaxed to None", then the re-checked status. */
export function FixOutcome({ fix }: { fix: FixFlow }) {
  const outcome = fix.outcome;
  if (outcome === null) return null;
  const message = bareOutcome.test(outcome.message) ? '' : outcome.message;
  return (
    <>
      <MessageBar intent={outcome.outcome === 'succeeded' ? 'success' : 'error'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{`${outcomeWord(fix)}: ${fix.description ?? fix.preview?.title ?? fix.fixId}`}</MessageBarTitle>
          {message !== '' && <div>{message}</div>}
          {outcome.error !== null && <div>Error: {outcome.error}</div>}
          {outcome.recheckError !== null && <div>Re-check: {outcome.recheckError}</div>}
        </MessageBarBody>
      </MessageBar>
      <Body1 role="status">
        {checkColumn(fix.checkId).title} on {fix.server} is now:{' '}
        {fix.recheckedStatus === null ? 'not re-checked' : <StatusLabel status={fix.recheckedStatus} />}
      </Body1>
    </>
  );
}
