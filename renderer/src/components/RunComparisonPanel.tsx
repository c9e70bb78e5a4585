import { Body1, Button, Field, makeStyles, Select, Subtitle2, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RunComparison, RunSummary } from '../../../shared/runs/run-records';
import { changeLine, runName, runOptionLabel } from '../history/run-wording';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', alignItems: 'flex-end', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function nameOf(runs: readonly RunSummary[], runId: string): string {
  const run = runs.find((entry) => entry.runId === runId);
  return run === undefined ? 'a deleted run' : runName(run);
}

/** The comparison's outcome in one sentence, for the status line. */
function outcomeSentence(comparison: RunComparison, runs: readonly RunSummary[]): string {
  const before = nameOf(runs, comparison.before);
  const after = nameOf(runs, comparison.after);
  const count = comparison.changes.length;
  const servers = comparison.serversAdded.length + comparison.serversRemoved.length;
  if (count === 0 && servers === 0) return `No check changed between ${before} and ${after}.`;
  return `${count} check${count === 1 ? '' : 's'} changed from ${before} to ${after}.`;
}

/** Two runs picked as before and after; what changed per server and check, in words. */
export function RunComparisonPanel({ runs }: { runs: RunSummary[] }) {
  const styles = useStyles();
  const busy = useAppStore((s) => s.historyBusy);
  const comparison = useAppStore((s) => s.comparison);
  const compare = useAppStore((s) => s.compareSavedRuns);
  // Newest as after, the one before it as before: "what did the last check change".
  const [before, setBefore] = useState(runs[1]?.runId ?? '');
  const [after, setAfter] = useState(runs[0]?.runId ?? '');
  const listed = (runId: string) => runs.some((run) => run.runId === runId);
  const beforeId = listed(before) ? before : (runs[1]?.runId ?? '');
  const afterId = listed(after) ? after : (runs[0]?.runId ?? '');
  const options = runs.map((run) => (
    <option key={run.runId} value={run.runId}>
      {runOptionLabel(run)}
    </option>
  ));

  return (
    <section aria-labelledby="compare-title" className={styles.root}>
      <Subtitle2 as="h3" id="compare-title">
        Compare two runs
      </Subtitle2>
      {runs.length < 2 ? (
        <Body1>Only one run is saved: check again to have two to compare.</Body1>
      ) : (
        <div className={styles.form}>
          <Field label="Before">
            <Select value={beforeId} onChange={(_event, data) => setBefore(data.value)}>
              {options}
            </Select>
          </Field>
          <Field label="After">
            <Select value={afterId} onChange={(_event, data) => setAfter(data.value)}>
              {options}
            </Select>
          </Field>
          <Button
            appearance="primary"
            disabled={busy || beforeId === afterId}
            onClick={() => void compare(beforeId, afterId)}
          >
            Compare
          </Button>
          {beforeId === afterId && <Body1>Pick two different runs.</Body1>}
        </div>
      )}
      <Body1 role="status">{comparison === null ? '' : outcomeSentence(comparison, runs)}</Body1>
      {comparison !== null && (
        <>
          {comparison.serversAdded.length > 0 && (
            <Body1>
              Only in {nameOf(runs, comparison.after)}: {comparison.serversAdded.join(', ')}
            </Body1>
          )}
          {comparison.serversRemoved.length > 0 && (
            <Body1>
              Only in {nameOf(runs, comparison.before)}: {comparison.serversRemoved.join(', ')}
            </Body1>
          )}
          {comparison.changes.length > 0 && (
            <ul className={styles.list} aria-label="Changed checks">
              {comparison.changes.map((change) => (
                <li key={`${change.server} ${change.checkId}`}>{changeLine(change)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
