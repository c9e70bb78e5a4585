import { RunHistoryButton } from './RunHistoryButton';
import { ReportExportMenu } from './ReportExportMenu';

/** What the matrix heading offers about its run beyond checking again: its report and the other runs. */
export function MatrixRunActions({ runId }: { runId: string }) {
  return (
    <>
      <RunHistoryButton />
      <ReportExportMenu runId={runId} />
    </>
  );
}
