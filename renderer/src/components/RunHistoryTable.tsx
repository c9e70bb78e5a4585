import {
  Body1,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../../shared/runs/run-records';
import { statusLabels } from '../checks/check-columns';
import { runName, runSource, runWhen } from '../history/run-wording';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  // Sized to its content: a few short columns, the actions on one line.
  table: { width: 'auto', tableLayout: 'auto' },
  actions: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
});

const counted = ['fail', 'warn', 'unknown', 'pass'] as const;

function RunRow({ run, onDeleted }: { run: RunSummary; onDeleted: () => void }) {
  const styles = useStyles();
  const busy = useAppStore((s) => s.historyBusy);
  const inMatrix = useAppStore((s) => s.run?.runId === run.runId);
  const openSavedRun = useAppStore((s) => s.openSavedRun);
  const deleteSavedRun = useAppStore((s) => s.deleteSavedRun);
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const remove = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  const name = runName(run);

  // The pressed button gives way to the confirmation (and back): focus follows to the safe choice.
  useEffect(() => {
    if (moved.current) (confirming ? keep : remove).current?.focus();
  }, [confirming]);
  const confirm = (next: boolean) => {
    moved.current = true;
    setConfirming(next);
  };

  return (
    <TableRow>
      <TableCell>
        {name}
        {inMatrix ? ' (in the matrix)' : ''}
      </TableCell>
      <TableCell>{runWhen(run)}</TableCell>
      <TableCell>{runSource(run)}</TableCell>
      <TableCell>{run.servers}</TableCell>
      {counted.map((status) => (
        <TableCell key={status}>{run.totals[status]}</TableCell>
      ))}
      <TableCell>
        {confirming ? (
          // Inline, not a modal: a dialog unmounted mid-close left the whole app aria-hidden.
          <div role="group" aria-label={`Confirm deleting ${name}`} className={styles.actions}>
            <Body1>Delete {name}? Reports already exported stay.</Body1>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() =>
                void deleteSavedRun(run.runId).then((deleted) => (deleted ? onDeleted() : confirm(false)))
              }
            >
              Yes, delete
            </Button>
            <Button ref={keep} onClick={() => confirm(false)}>
              Keep
            </Button>
          </div>
        ) : (
          <div className={styles.actions}>
            <Button aria-label={`Open ${name}`} disabled={busy} onClick={() => void openSavedRun(run.runId)}>
              Open
            </Button>
            <Button ref={remove} aria-label={`Delete ${name}`} disabled={busy} onClick={() => confirm(true)}>
              Delete
            </Button>
          </div>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The saved runs, newest first, with their counts per status in words. */
export function RunHistoryTable({ runs, onDeleted }: { runs: RunSummary[]; onDeleted: () => void }) {
  const styles = useStyles();
  return (
    <Table aria-label="Saved runs, newest first" size="small" className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Run</TableHeaderCell>
          <TableHeaderCell>Checked</TableHeaderCell>
          <TableHeaderCell>Source</TableHeaderCell>
          <TableHeaderCell>Servers</TableHeaderCell>
          {counted.map((status) => (
            <TableHeaderCell key={status}>{statusLabels[status]}</TableHeaderCell>
          ))}
          <TableHeaderCell>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((run) => (
          <RunRow key={run.runId} run={run} onDeleted={onDeleted} />
        ))}
      </TableBody>
    </Table>
  );
}
