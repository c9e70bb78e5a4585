import { Body1, Button, makeStyles, Title3, tokens } from '@fluentui/react-components';
import type { SavedRun } from '../../../shared/runs/run-records';
import { useAppStore } from '../store/app-store';
import { ReportExportMenu } from './ReportExportMenu';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  list: { margin: 0, paddingLeft: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { listStyleType: 'none', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** Readiness, Changes or Reports before any check: what to do first. */
export function NoRunYet({ place }: { place: string }) {
  const styles = useStyles();
  const checkAll = useAppStore((s) => s.checkAll);
  const servers = useAppStore((s) => s.inventory?.exchangeServers.length ?? 0);
  return (
    <section className={styles.root} aria-labelledby="no-run-title">
      <Title3 as="h2" id="no-run-title">
        {place}: no check has run yet
      </Title3>
      <Body1>
        Check the Exchange servers of the inventory, or load the simulated demo estate to explore.
      </Body1>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={servers === 0} onClick={() => void checkAll(null)}>
          Check all
        </Button>
        <Button onClick={() => void checkAll('demo')}>Load demo estate</Button>
      </div>
    </section>
  );
}

/** Changes: the previewed change screens that exist (every safe fix at once, a server's MFA web.config). */
export function ChangesView({ run }: { run: SavedRun }) {
  const styles = useStyles();
  const openSafeFixes = useAppStore((s) => s.openSafeFixes);
  const openMfa = useAppStore((s) => s.openMfa);
  const mfaServers = run.savedFacts.servers.filter(
    (server) => server.status === 'collected' && server.mfa?.status === 'collected',
  );
  return (
    <section className={styles.root} aria-labelledby="changes-title">
      <Title3 as="h2" id="changes-title">
        Changes
      </Title3>
      <Body1>
        Every change is previewed, confirmed, audited before it runs and re-checked after. A single
        check&apos;s fix is on its card in the server&apos;s details (Readiness).
      </Body1>
      <Button appearance="primary" onClick={() => void openSafeFixes()}>
        Fix all safe…
      </Button>
      <Title3 as="h3">MFA module web.config</Title3>
      {mfaServers.length === 0 ? (
        <Body1>No server of this run has its MFA facts collected.</Body1>
      ) : (
        <ul className={styles.list}>
          {mfaServers.map((server) => (
            <li key={server.fqdn} className={styles.item}>
              <Button
                onClick={() => openMfa(server.fqdn)}
                aria-label={`MFA module web.config on ${server.fqdn}`}
              >
                {server.fqdn}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Reports: the run's readiness report in HTML, PDF, JSON or CSV. */
export function ReportsView({ run }: { run: SavedRun }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="reports-title">
      <Title3 as="h2" id="reports-title">
        Reports
      </Title3>
      <Body1>
        The report of the run checked {new Date(run.savedFacts.collectedAt).toLocaleString()} (
        {run.results.length} servers), for the change board: the verdicts, what needs attention, and the
        evidence.
      </Body1>
      <ReportExportMenu runId={run.runId} />
    </section>
  );
}
