import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/app-store';
import { RunComparisonPanel } from './RunComparisonPanel';
import { RunHistoryTable } from './RunHistoryTable';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  // A plain h2 (Title3 takes no ref) in Title3's type, focusable from script only.
  title: { ...typographyStyles.title3, margin: 0, outlineStyle: 'none' },
});

/** Every saved run: open one in the matrix, delete one after confirming, compare two. */
export function RunHistoryScreen() {
  const styles = useStyles();
  const runs = useAppStore((s) => s.savedRuns);
  const error = useAppStore((s) => s.historyError);
  const notice = useAppStore((s) => s.historyNotice);
  const closeHistory = useAppStore((s) => s.closeHistory);
  const fromMatrix = useAppStore((s) => s.run !== null);
  const title = useRef<HTMLHeadingElement>(null);

  // The button that opened the screen is gone with the screen it was on: the keyboard starts here.
  useEffect(() => title.current?.focus(), []);

  return (
    <section aria-labelledby="history-title" className={styles.root}>
      <div className={styles.heading}>
        <Button onClick={closeHistory}>{fromMatrix ? 'Back to the matrix' : 'Back to inventory'}</Button>
        <h2 id="history-title" ref={title} tabIndex={-1} className={styles.title}>
          Run history
        </h2>
        <Body1 role="status">{notice ?? ''}</Body1>
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {runs === null ? (
        <Spinner label="Reading the saved runs…" />
      ) : runs.length === 0 ? (
        <Body1>No run is saved: check the servers or explore the demo estate to save one.</Body1>
      ) : (
        <>
          {/* A deleted row takes its focused button with it: the keyboard goes back to the title. */}
          <RunHistoryTable runs={runs} onDeleted={() => title.current?.focus()} />
          <RunComparisonPanel runs={runs} />
        </>
      )}
    </section>
  );
}
