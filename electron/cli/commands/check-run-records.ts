import { appVersion } from '../../app-version';
import { AuditLog } from '../../audit/audit-log';
import { currentOperator } from '../../audit/operator';
import { renderReport, reportFormatOf } from '../../reports/report-formats';
import { reportFromRun } from '../../reports/report-from-run';
import { tenantRunForReport } from '../../reports/report-tenant-run';
import { chromiumPrintToPdf, type PrintToPdf } from '../../reports/report-pdf';
import type { CheckRunOutcome } from '../../services/check-run-service';
import { writeFileAtomic } from '../../storage/atomic-file';
import { keptProofsOrNone } from '../../storage/proof-history';
import { RunHistory, savedRunOf } from '../../storage/run-history';
import { join } from 'node:path';
import type { CliIo } from '../cli-io';

// What `exready check` keeps of a run besides its output: the run in the history and, if asked, its report.

export interface CheckRecordsDeps {
  printToPdf?: PrintToPdf;
  knownSecrets?: () => Iterable<string>;
  operator?: () => string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Saves the run under <historyDir>/runs and writes --report; false when either failed (said on stderr). */
export async function recordCheckRun(
  outcome: CheckRunOutcome,
  target: { historyDir: string; report: string | null },
  io: CliIo,
  now: () => Date,
  deps: CheckRecordsDeps,
): Promise<boolean> {
  const history = new RunHistory(target.historyDir);
  const run = savedRunOf(outcome, now());
  let ok = true;
  try {
    await history.save(run);
  } catch (error) {
    ok = false;
    io.stderr(`exready check: could not save the run to ${history.folder}: ${message(error)}\n`);
  }
  const format = target.report === null ? null : reportFormatOf(target.report);
  if (target.report === null || format === null) return ok;
  try {
    const report = reportFromRun(
      run,
      await history.list(),
      await new AuditLog(join(target.historyDir, 'audit.jsonl')).entries(),
      {
        appVersion,
        operator: (deps.operator ?? currentOperator)(),
        now,
        knownSecrets: deps.knownSecrets?.() ?? [],
        proofs: await keptProofsOrNone(target.historyDir, (text) => io.stderr(`exready check: ${text}\n`)),
      },
      await tenantRunForReport(target.historyDir, run.savedFacts.simulated === true),
    );
    await writeFileAtomic(
      target.report,
      await renderReport(report, format, deps.printToPdf ?? chromiumPrintToPdf),
    );
  } catch (error) {
    ok = false;
    io.stderr(`exready check: could not write the report to ${target.report}: ${message(error)}\n`);
  }
  return ok;
}
