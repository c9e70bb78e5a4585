import {
  Body1,
  Button,
  makeStyles,
  ToggleButton,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef } from 'react';
import type { SavedRun } from '../../../shared/runs/run-records';
import { verdictsOfRun } from '../readiness/run-verdicts';
import { useAppStore } from '../store/app-store';
import type { ReadinessTab } from '../store/matrix-slice';
import { EwsEstateLine, EwsSection, EwsSummary } from './ExchangeOnlineMailSection';
import { ReadinessList } from './ReadinessList';
import { ReadinessMatrix } from './ReadinessMatrix';
import { ReportExportMenu } from './ReportExportMenu';
import { RunHistoryButton } from './RunHistoryButton';
import { ServerDetail } from './ServerDetail';
import { StatusLegend } from './StatusLegend';
import { TenantEstateLine, TenantSection, TenantSummary } from './TenantSection';
import { VerdictLabel } from './VerdictLabel';

const useStyles = makeStyles({
  // Fills the main area: the list and the details pane share what is left below the estate lines.
  root: {
    flex: 1,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  heading: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  title: { ...typographyStyles.title3, margin: 0, outlineStyle: 'none' },
  estate: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXXL,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    listStyleType: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ...typographyStyles.body1Strong,
  },
  views: { display: 'flex', gap: tokens.spacingHorizontalS },
  // Master-detail: the list keeps its place while the pane beside it scrolls on its own.
  split: {
    flex: 1,
    minHeight: '320px',
    display: 'grid',
    gridTemplateColumns: 'minmax(420px, 5fr) 6fr',
    gridTemplateRows: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    minHeight: 0,
  },
  pane: {
    overflow: 'auto',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const views: { tab: ReadinessTab; label: string }[] = [
  { tab: 'servers', label: 'Servers and details' },
  { tab: 'matrix', label: 'Matrix of every check' },
];

/** Readiness, the window's first answer: the estate line per integration, then each server's verdicts. */
export function ReadinessView({ run }: { run: SavedRun }) {
  const styles = useStyles();
  // A second check while one runs is refused by the store: the button says so by being disabled.
  const checking = useAppStore((s) => s.check !== null);
  const checkAll = useAppStore((s) => s.checkAll);
  const openSafeFixes = useAppStore((s) => s.openSafeFixes);
  const tab = useAppStore((s) => s.readinessTab);
  const setTab = useAppStore((s) => s.setReadinessTab);
  const selected = useAppStore((s) => s.selectedServer);
  const focusRequest = useAppStore((s) => s.focusRequest);
  const title = useRef<HTMLHeadingElement>(null);
  const readiness = useMemo(() => verdictsOfRun(run), [run]);
  const simulated = run.savedFacts.simulated === true;
  const selectedReadiness = readiness.servers.find((server) => server.fqdn === selected);
  const tenantOpen = useAppStore((s) => s.tenantOpen) && selected === null;
  const openTenant = useAppStore((s) => s.openTenant);
  const ewsOpen = useAppStore((s) => s.ewsOpen) && selected === null;
  const openEws = useAppStore((s) => s.openEws);
  // A server opened from the list takes the pane: closing it later shows the hint, not the tenant again.
  useEffect(() => {
    if (selected === null) return;
    openTenant(false);
    openEws(false);
  }, [selected, openTenant, openEws]);

  // A finished check lands on the results' heading, not the page body.
  useEffect(() => {
    if (focusRequest?.target === 'readiness') title.current?.focus({ preventScroll: true });
  }, [focusRequest]);

  return (
    <section className={styles.root} aria-labelledby="readiness-title">
      <div className={styles.heading}>
        <h2 id="readiness-title" ref={title} tabIndex={-1} className={styles.title}>
          Readiness of {run.results.length} servers
        </h2>
        <Body1>Checked {new Date(run.savedFacts.collectedAt).toLocaleString()}</Body1>
        <Button
          appearance="primary"
          disabled={checking}
          onClick={() => void checkAll(simulated ? 'demo' : null)}
        >
          Check again
        </Button>
        <Button onClick={() => void openSafeFixes()}>Fix all safe…</Button>
        <RunHistoryButton />
        <ReportExportMenu runId={run.runId} />
      </div>
      <ul className={styles.estate} aria-label="Estate readiness by integration">
        {readiness.estate.map((line) => (
          <li key={line.integration}>
            <VerdictLabel
              verdict={{
                kind: line.notReady > 0 ? 'not-ready' : line.notChecked > 0 ? 'not-checked' : 'ready',
                text: line.text,
              }}
            />
          </li>
        ))}
        <li>
          <TenantEstateLine simulated={simulated} />
        </li>
        <li>
          <EwsEstateLine simulated={simulated} />
        </li>
      </ul>
      <StatusLegend />
      {/* Two pressed-state buttons rather than a TabList: its focus-trap stand-ins trip axe's aria-hidden-focus. */}
      <div className={styles.views} role="group" aria-label="Readiness views">
        {views.map((view) => (
          <ToggleButton
            key={view.tab}
            checked={tab === view.tab}
            appearance={tab === view.tab ? 'primary' : 'secondary'}
            onClick={() => setTab(view.tab)}
          >
            {view.label}
          </ToggleButton>
        ))}
      </div>
      {tab === 'matrix' ? (
        <ReadinessMatrix run={run} />
      ) : (
        <div className={styles.split}>
          <div className={styles.column}>
            <TenantSummary simulated={simulated} />
            <EwsSummary simulated={simulated} />
            <ReadinessList servers={readiness.servers} />
          </div>
          <div
            className={styles.pane}
            role="region"
            aria-label={
              ewsOpen
                ? 'Exchange Online mail details'
                : tenantOpen
                  ? 'Microsoft 365 details'
                  : 'Server details'
            }
          >
            {ewsOpen ? (
              <EwsSection simulated={simulated} />
            ) : tenantOpen ? (
              <TenantSection simulated={simulated} />
            ) : selected !== null && readiness.servers.some((server) => server.fqdn === selected) ? (
              <ServerDetail run={run} fqdn={selected} readiness={selectedReadiness} />
            ) : (
              <Body1>
                Choose a server in the list to see its checks, grouped by integration, blocking first.
              </Body1>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
