import {
  Body1,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Field,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { SavedRun } from '../../../shared/runs/run-records';
import { checkColumn } from '../checks/check-columns';
import { defaultFixParameters, needsCertificate } from '../checks/fix-parameters';
import { useAppStore } from '../store/app-store';
import type { FixFlow, FixPreview } from '../store/fix-slice';
import { useCodeBlockStyles } from './code-block-styles';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  surface: { maxWidth: '860px', width: '90vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
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
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

const selfSigned = 'self-signed';

function CertificateChoice({
  fix,
  mode,
  onPreview,
}: {
  fix: FixFlow;
  mode: 'create' | 'replace';
  onPreview: (choice: string) => void;
}) {
  const [choice, setChoice] = useState('');
  if (fix.candidates === null) return <Spinner label="Reading the server's certificates…" />;
  return (
    <>
      <Field label="Certificate for the HTTPS listener">
        <RadioGroup value={choice} onChange={(_event, data) => setChoice(data.value)}>
          {fix.candidates.map((candidate) => (
            <Radio
              key={candidate.thumbprint}
              value={candidate.thumbprint}
              label={`${candidate.subject} (${candidate.thumbprint}, expires ${candidate.notAfter})${candidate.warnings.length > 0 ? ` — ${candidate.warnings.join('; ')}` : ''}`}
            />
          ))}
          {mode === 'create' && (
            <Radio
              value={selfSigned}
              label="Create a self-signed certificate (clients must trust it explicitly)"
            />
          )}
        </RadioGroup>
      </Field>
      {fix.candidates.length === 0 && mode === 'replace' && (
        <Body1>The server has no certificate in LocalMachine\My that could serve the listener.</Body1>
      )}
      <div>
        <Button appearance="primary" disabled={choice === ''} onClick={() => onPreview(choice)}>
          Preview
        </Button>
      </div>
    </>
  );
}

function PreviewDetails({
  preview,
  accepted,
  onAccept,
}: {
  preview: FixPreview;
  accepted: boolean;
  onAccept: (value: boolean) => void;
}) {
  const styles = useStyles();
  const code = useCodeBlockStyles();
  const parameters = Object.entries(preview.parameters);
  return (
    <>
      <Body1>
        Turns green: <strong>{checkColumn(preview.checkId).title}</strong> on{' '}
        <strong>{preview.server}</strong>
        {preview.simulated ? ' — Simulated (demo estate): nothing on a real server changes.' : ''}
      </Body1>
      <Body1>Connection: {preview.connection.description}</Body1>
      <Body1>
        Risk: {preview.risk === 'none' ? 'none known' : 'lowers security'} ·{' '}
        {preview.undoable ? 'can be undone' : 'cannot be undone'}
      </Body1>
      <h3 className={styles.section}>Parameters</h3>
      {parameters.length === 0 ? (
        <Body1>None.</Body1>
      ) : (
        <dl className={styles.parameters}>
          {parameters.map(([key, value]) => (
            <div key={key} style={{ display: 'contents' }}>
              <dt className={styles.key}>{key}</dt>
              <dd className={styles.value}>{JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3 className={styles.section} id="fix-script-title">
        Script ({preview.scriptPath})
      </h3>
      <pre
        className={mergeClasses(code.block, styles.script)}
        tabIndex={0}
        aria-labelledby="fix-script-title"
      >
        {preview.scriptText}
      </pre>
      {preview.risk === 'lowers-security' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>This fix lowers the server's security</MessageBarTitle>
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

function Outcome({ fix }: { fix: FixFlow }) {
  const outcome = fix.outcome;
  if (outcome === null) return null;
  return (
    <>
      <MessageBar intent={outcome.outcome === 'succeeded' ? 'success' : 'error'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {`${fix.preview?.undoes != null ? 'Undo' : 'Fix'} ${
              outcome.outcome === 'succeeded'
                ? 'applied'
                : outcome.outcome === 'refused'
                  ? 'refused'
                  : 'failed'
            }`}
          </MessageBarTitle>
          {outcome.message}
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

/** Fix → preview (exact script, parameters, risk) → confirm → the result and the re-checked status. */
export function FixPreviewDialog({ run }: { run: SavedRun }) {
  const styles = useStyles();
  const fix = useAppStore((s) => s.fix);
  const previewFix = useAppStore((s) => s.previewFix);
  const applyFix = useAppStore((s) => s.applyFix);
  const closeFix = useAppStore((s) => s.closeFix);
  const loadCandidates = useAppStore((s) => s.loadCertificateCandidates);
  const previewUndo = useAppStore((s) => s.previewUndo);
  const [accepted, setAccepted] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const lab = run.savedFacts.simulated === true ? 'demo' : null;
  const certificate = fix === null ? null : needsCertificate(fix.fixId);
  const fixId = fix?.fixId;

  useEffect(() => {
    if (fixId === undefined) return;
    setAccepted(false);
    if (needsCertificate(fixId) !== null) void loadCandidates(run.runId);
    else void previewFix(defaultFixParameters(fixId, run), lab);
    // Once per fix opened: the run is re-read after the fix, which must not preview again.
  }, [fixId]);

  const phase = fix?.phase;
  useEffect(() => {
    // The Confirm button disappears while applying: give focus to Close, so Escape and Tab still work in the dialog.
    if (phase === 'done') closeButton.current?.focus();
  }, [phase]);

  if (fix === null) return null;
  const busy = fix.phase === 'previewing' || fix.phase === 'applying';
  const mustAccept = fix.preview?.risk === 'lowers-security';
  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => !data.open && !busy && closeFix()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{fix.preview?.title ?? `Fix ${checkColumn(fix.checkId).title}`}</DialogTitle>
          <DialogContent className={styles.content}>
            {fix.error !== null && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>The fix could not be previewed or applied</MessageBarTitle>
                  {fix.error}
                </MessageBarBody>
              </MessageBar>
            )}
            {fix.phase === 'parameters' && certificate !== null && (
              <CertificateChoice
                fix={fix}
                mode={certificate}
                onPreview={(choice) =>
                  void previewFix(choice === selfSigned ? { selfSigned: true } : { thumbprint: choice }, lab)
                }
              />
            )}
            {fix.phase === 'previewing' && <Spinner label="Preparing the preview…" />}
            {(fix.phase === 'preview' || fix.phase === 'applying') && fix.preview !== null && (
              <PreviewDetails preview={fix.preview} accepted={accepted} onAccept={setAccepted} />
            )}
            {fix.phase === 'applying' && <Spinner label="Applying the fix and re-checking the server…" />}
            {fix.phase === 'done' && <Outcome fix={fix} />}
          </DialogContent>
          <DialogActions>
            {fix.phase === 'preview' && (
              <Button
                appearance="primary"
                disabled={mustAccept && !accepted}
                onClick={() => void applyFix(accepted)}
              >
                Confirm and apply
              </Button>
            )}
            {fix.phase === 'done' &&
              fix.outcome?.outcome === 'succeeded' &&
              fix.outcome.changed &&
              fix.preview?.undoable === true &&
              fix.preview.undoes === null && (
                <Button onClick={() => void previewUndo(lab)}>Undo this fix…</Button>
              )}
            <Button ref={closeButton} disabledFocusable={busy} onClick={closeFix}>
              {fix.phase === 'done' ? 'Close' : 'Cancel'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
