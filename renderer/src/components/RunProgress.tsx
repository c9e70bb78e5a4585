import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  ProgressBar,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { progressModel, type ServerProgressState } from '../checks/run-progress-model';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  // A panel above the screen, not over it: the rest of the window stays readable and usable.
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  elapsed: { marginLeft: 'auto', fontVariantNumeric: 'tabular-nums' },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    columnGap: tokens.spacingHorizontalL,
    maxHeight: '120px',
    overflowY: 'auto',
  },
});

const stateWords: Record<ServerProgressState, string> = {
  collected: 'Collected',
  unreachable: 'Not reachable',
  collecting: 'Collecting',
  waiting: 'Waiting',
};

/** The clock the elapsed time is shown against; the time itself comes from the check's start in state. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A running check: counts, elapsed time, each server's state, and Cancel (which keeps what was collected). */
export function RunProgress() {
  const styles = useStyles();
  const check = useAppStore((s) => s.check);
  const cancelCheck = useAppStore((s) => s.cancelCheck);
  const now = useNow(1000);
  if (check === null) return null;
  const model = progressModel(check, now);
  const finished = model.done + model.failed;
  return (
    <section className={styles.root} aria-labelledby="run-progress-title" aria-busy="true">
      <div className={styles.heading}>
        <Subtitle2 as="h2" id="run-progress-title">
          {check.title}
        </Subtitle2>
        <Button onClick={() => void cancelCheck()} disabled={check.cancelling}>
          {check.cancelling ? 'Cancelling…' : 'Cancel'}
        </Button>
        <Caption1 className={styles.elapsed} role="timer" aria-label="Elapsed">
          {model.elapsed} elapsed
        </Caption1>
      </div>
      <ProgressBar
        value={model.total > 0 ? finished / model.total : undefined}
        thickness="large"
        aria-label={model.total === 0 ? 'Check progress' : `${finished} of ${model.total} servers`}
      />
      <Body1 role="status" aria-live="polite">
        {model.total === 0
          ? 'Starting…'
          : `${model.done} done · ${model.running} running · ${model.pending} pending · ${model.failed} failed`}
      </Body1>
      {model.rows.length > 0 && (
        <ul className={styles.list} aria-label="Servers">
          {model.rows.map((row) => (
            <li key={row.server}>
              <Caption1>
                {row.server}: {stateWords[row.state]}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
