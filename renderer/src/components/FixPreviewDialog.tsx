import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
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
import type { FixFlow } from '../store/fix-slice';
import { FixOutcome, PreviewDetails } from './FixPreviewDetails';
import { rememberOpener } from './focus-return';

const useStyles = makeStyles({
  surface: { maxWidth: '860px', width: '90vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // A light layer: the server's page stays readable behind the dialog.
  backdrop: { backgroundColor: 'rgba(0, 0, 0, 0.2)' },
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

/** Fix → preview (the change in words, parameters, risk, script) → confirm → the result and the re-checked status. */
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
  // WAI-ARIA dialog pattern: closing gives focus back to the button that opened the dialog.
  const [restoreFocus] = useState(rememberOpener);
  useEffect(
    // After Fluent's own restore on unmount, which falls to the body when the trigger re-rendered.
    () => () => void requestAnimationFrame(restoreFocus),
    [restoreFocus],
  );
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
      <DialogSurface
        className={styles.surface}
        backdrop={{ className: styles.backdrop }}
        aria-describedby={fix.phase === 'preview' ? 'fix-sentence' : undefined}
      >
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
              <PreviewDetails fix={fix} preview={fix.preview} accepted={accepted} onAccept={setAccepted} />
            )}
            {fix.phase === 'applying' && <Spinner label="Applying the fix and re-checking the server…" />}
            {fix.phase === 'done' && <FixOutcome fix={fix} />}
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
