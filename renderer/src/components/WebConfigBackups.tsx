import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { useAppStore } from '../store/app-store';
import type { MfaFlow } from '../store/mfa-slice';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

/** The app's ExReady backups beside web.config, newest first; each can be restored after a confirmation. */
export function WebConfigBackups({ flow }: { flow: MfaFlow }) {
  const styles = useStyles();
  const rollbackMfa = useAppStore((s) => s.rollbackMfa);
  const [confirming, setConfirming] = useState<string | null>(null);
  const rollback = flow.rollback;
  return (
    <section aria-labelledby="backups-title">
      <Subtitle2 as="h3" id="backups-title">
        Backups of {flow.app} web.config
      </Subtitle2>
      {flow.backups === null ? (
        <Spinner size="tiny" label="Listing the backups…" />
      ) : flow.backups.length === 0 ? (
        <Body1>No ExReady backup yet: the first applied change writes one beside the file.</Body1>
      ) : (
        <ul className={styles.list}>
          {flow.backups.map((backup) => (
            <li key={backup} className={styles.item}>
              {backup}
              <Button
                size="small"
                disabled={flow.rollingBack !== null}
                aria-label={`Roll back to ${backup}`}
                onClick={() => setConfirming(backup)}
              >
                Roll back to this
              </Button>
            </li>
          ))}
        </ul>
      )}
      {flow.rollingBack !== null && (
        <Spinner size="tiny" label={`Restoring ${flow.rollingBack} and re-checking…`} />
      )}
      {rollback !== null && (
        <MessageBar intent={rollback.outcome === 'succeeded' ? 'success' : 'error'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {rollback.outcome === 'succeeded' ? 'Rolled back' : `Rollback ${rollback.outcome}`}
            </MessageBarTitle>
            {rollback.preRollbackBackup !== null && (
              <div>The file before the rollback is kept as {rollback.preRollbackBackup}.</div>
            )}
            {rollback.error !== null && <div>Error: {rollback.error}</div>}
            {rollback.recheckError !== null && <div>Re-check: {rollback.recheckError}</div>}
            <div>Audit entry {rollback.auditId}.</div>
          </MessageBarBody>
        </MessageBar>
      )}
      {confirming !== null && (
        // Inline, not a modal: a dialog unmounted mid-close left the whole app aria-hidden.
        <div role="group" aria-label="Confirm the rollback">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Roll back {flow.app} web.config?</MessageBarTitle>
              {flow.server}: web.config is replaced by {confirming}; the current file is kept as a
              pre-rollback backup, and the server is checked again.
            </MessageBarBody>
            <MessageBarActions>
              <Button
                appearance="primary"
                onClick={() => {
                  void rollbackMfa(confirming);
                  setConfirming(null);
                }}
              >
                Roll back
              </Button>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
    </section>
  );
}
