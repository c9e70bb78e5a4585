import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import type { SavedRun } from '../../../shared/runs/run-records';
import { checkColumn, statusLabels } from '../checks/check-columns';
import { needsCertificate } from '../checks/fix-parameters';
import { useAppStore } from '../store/app-store';
import { CheckResultCard } from './CheckResultCard';
import { FixPreviewDialog } from './FixPreviewDialog';

const useStyles = makeStyles({
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalL,
    maxWidth: '960px',
  },
});

const order = { fail: 0, unknown: 1, warn: 2, pass: 3, 'n/a': 4 } as const;

/** One server of the run: every check's result, worst first, with a Fix where one exists. */
export function ServerDetail({ run, fqdn }: { run: SavedRun; fqdn: string }) {
  const styles = useStyles();
  const openServer = useAppStore((s) => s.openServer);
  const startFix = useAppStore((s) => s.startFix);
  const fixOpen = useAppStore((s) => s.fix !== null);
  const openMfa = useAppStore((s) => s.openMfa);
  const checkAll = useAppStore((s) => s.checkAll);
  const facts = run.savedFacts.servers.find((entry) => entry.fqdn === fqdn);
  const mfaCollected = facts?.status === 'collected' && facts.mfa?.status === 'collected';
  const results = useMemo(
    () =>
      [...(run.results.find((entry) => entry.fqdn === fqdn)?.results ?? [])].sort(
        (a, b) => order[a.status] - order[b.status],
      ),
    [run, fqdn],
  );
  const counts = (['fail', 'warn', 'unknown', 'pass'] as const)
    .map((status) => `${results.filter((r) => r.status === status).length} ${statusLabels[status]}`)
    .join(' · ');
  return (
    <section aria-labelledby="server-title">
      <div className={styles.heading}>
        <Button onClick={() => openServer(null)}>Back to the matrix</Button>
        <Title3 as="h2" id="server-title">
          {fqdn}
        </Title3>
        <Body1>{counts}</Body1>
        <Button
          appearance="primary"
          onClick={() => void checkAll(run.savedFacts.simulated === true ? 'demo' : null, fqdn)}
        >
          Check this server again
        </Button>
        <Button
          disabled={!mfaCollected}
          onClick={() => openMfa(fqdn)}
          aria-describedby={mfaCollected ? undefined : 'mfa-unavailable'}
        >
          MFA module web.config
        </Button>
        {!mfaCollected && (
          <Body1 id="mfa-unavailable">
            The MFA facts of this server were not collected: check it again first.
          </Body1>
        )}
      </div>
      {facts?.status === 'unreachable' && (
        // One statement of why, instead of the same reason on every check card.
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {fqdn} could not be reached ({facts.failure.cause})
            </MessageBarTitle>
            <div>What to do: {facts.failure.remedy}</div>
            <div>PowerShell said: {facts.failure.message}</div>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.list}>
        {results.map((result) => (
          <CheckResultCard
            key={result.checkId}
            column={checkColumn(result.checkId)}
            result={result}
            onFix={(fixed) =>
              fixed.fixId !== undefined &&
              startFix({
                fixId: fixed.fixId,
                server: fqdn,
                checkId: fixed.checkId,
                needsChoice: needsCertificate(fixed.fixId) !== null,
              })
            }
          />
        ))}
      </div>
      {fixOpen && <FixPreviewDialog run={run} />}
    </section>
  );
}
