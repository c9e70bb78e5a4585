import type { CheckStatus } from '../../../shared/checks/check-result';
import type { CheckChange, RunSummary } from '../../../shared/runs/run-records';
import { checkColumn, statusLabels } from '../checks/check-columns';

// How saved runs and their differences read on screen, so the list, the pickers and the comparison agree.

/** "Run 3": the run's place in this history, which stays unique when two runs share a minute. */
export function runName(run: Pick<RunSummary, 'sequence'>): string {
  return `Run ${run.sequence}`;
}

export function runWhen(run: Pick<RunSummary, 'collectedAt'>): string {
  return new Date(run.collectedAt).toLocaleString();
}

/** Where the facts came from: the simulated demo estate or the real servers. */
export function runSource(run: Pick<RunSummary, 'simulated'>): string {
  return run.simulated ? 'Simulated' : 'Real servers';
}

/** "Run 3 · 12/05/2026, 10:14:02 · Simulated", for a picker's option. */
export function runOptionLabel(run: RunSummary): string {
  return `${runName(run)} · ${runWhen(run)} · ${runSource(run)}`;
}

/** A status in words; "Not run" where the check was absent from that run. */
export function statusWord(status: CheckStatus | null): string {
  return status === null ? 'Not run' : statusLabels[status];
}

/** "exch02.contoso.com · WinRM service: Warning → Pass". */
export function changeLine(change: CheckChange): string {
  return `${change.server} · ${checkColumn(change.checkId).title}: ${statusWord(change.before)} → ${statusWord(change.after)}`;
}
