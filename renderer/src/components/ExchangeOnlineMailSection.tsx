import {
  Badge,
  Body1,
  Button,
  Label,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useId, useRef } from 'react';
import type { TenantEwsCheckOutcome } from '../../../shared/tenant/ews/ews-window-contract';
import { useAppStore } from '../store/app-store';
import { ewsColumn, ewsEstateLine, ewsResultsInOrder, ewsWhyNot } from '../tenant/ews-model';
import { CheckResultCard } from './CheckResultCard';
import { EwsProbeForm } from './EwsProbeForm';
import { ExoSettingsPanel } from './ExoSettingsPanel';
import { VerdictLabel } from './VerdictLabel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { ...typographyStyles.title3, margin: 0, outlineStyle: 'none', overflowWrap: 'anywhere' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  about: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  summaryTitle: { margin: 0, ...typographyStyles.body1Strong },
  // One compact row under the tenant's entry, so the server list keeps its height at 1280 × 800.
  summary: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** The ERP check on screen for this run: a demo ERP case beside the demo estate, the inventory's beside a real run. */
function useEwsForRun(simulated: boolean): TenantEwsCheckOutcome | null {
  const outcome = useAppStore((s) => s.ewsCheck);
  const checkEws = useAppStore((s) => s.checkEws);
  const ready = useAppStore(
    (s) =>
      s.inventory?.exchangeOnlineMail !== undefined &&
      s.inventory.microsoft365 !== undefined &&
      s.signIn?.signedIn === true,
  );
  useEffect(() => {
    // Read now, not from this render: the line, the summary and the pane mount together and ask once.
    const source = useAppStore.getState().ewsSource;
    if (simulated && source?.source !== 'lab') void checkEws({ source: 'lab', lab: 'demo' });
    if (!simulated && ready && source?.source !== 'live') void checkEws({ source: 'live' });
  }, [simulated, ready, checkEws]);
  return outcome !== null && outcome.simulated === simulated ? outcome : null;
}

const heading = (outcome: TenantEwsCheckOutcome) =>
  outcome.simulated ? `${outcome.tenant} (SIMULATED)` : outcome.tenant;

/** The estate line of the ERP's mail, beside the servers' and the tenant's lines. */
export function EwsEstateLine({ simulated }: { simulated: boolean }) {
  const outcome = useEwsForRun(simulated);
  const why = useAppStore((s) =>
    ewsWhyNot({
      simulated,
      hasErp: s.inventory?.exchangeOnlineMail !== undefined,
      hasTenant: s.inventory?.microsoft365 !== undefined,
      signedIn: s.signIn?.signedIn === true,
      checking: s.ewsChecking,
      error: s.ewsError,
    }),
  );
  return <VerdictLabel verdict={ewsEstateLine(outcome?.verdict ?? null, why)} />;
}

/** Beside the server list: the ERP's mail as one entry, which opens its checks in the details pane. */
export function EwsSummary({ simulated }: { simulated: boolean }) {
  const styles = useStyles();
  const outcome = useEwsForRun(simulated);
  const openServer = useAppStore((s) => s.openServer);
  const openEws = useAppStore((s) => s.openEws);
  return (
    <div className={styles.summary} role="group" aria-label="Exchange Online mail">
      <h3 className={styles.summaryTitle}>
        Exchange Online mail{outcome === null ? '' : `: ${heading(outcome)}`}
      </h3>
      {outcome !== null && <VerdictLabel verdict={outcome.verdict} />}
      <Button
        size="small"
        onClick={() => {
          openServer(null);
          openEws(true);
        }}
      >
        Exchange Online mail details
      </Button>
    </div>
  );
}

/** The details pane for the ERP: verdict, the cross-integration lines, what Graph cannot read, the probe, the checks. */
export function EwsSection({ simulated }: { simulated: boolean }) {
  const styles = useStyles();
  const caseId = useId();
  const outcome = useEwsForRun(simulated);
  const source = useAppStore((s) => s.ewsSource);
  const checking = useAppStore((s) => s.ewsChecking);
  const error = useAppStore((s) => s.ewsError);
  const checkEws = useAppStore((s) => s.checkEws);
  const openEws = useAppStore((s) => s.openEws);
  const title = useRef<HTMLHeadingElement>(null);
  // Opening the section moves focus to its heading, as opening a server does.
  useEffect(() => title.current?.focus({ preventScroll: true }), []);

  return (
    <section className={styles.root} aria-labelledby="ews-title">
      <div className={styles.heading}>
        <h2 id="ews-title" ref={title} tabIndex={-1} className={styles.title}>
          Exchange Online mail{outcome === null ? '' : `: ${outcome.tenant}`}
        </h2>
        {outcome?.simulated === true && (
          <Badge appearance="tint" color="warning" size="large">
            SIMULATED
          </Badge>
        )}
        <Button
          appearance="primary"
          disabled={source === null || checking}
          onClick={() => source !== null && void checkEws(source)}
        >
          Re-check
        </Button>
        <Button appearance="subtle" onClick={() => openEws(false)}>
          Close details
        </Button>
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>The ERP’s Exchange Online mail could not be checked: {error}</MessageBarBody>
        </MessageBar>
      )}
      {outcome !== null && (
        <>
          <VerdictLabel verdict={ewsEstateLine(outcome.verdict, '')} />
          {outcome.simulated && outcome.cases.length > 0 && (
            <div className={styles.field}>
              <Label htmlFor={caseId}>Demo ERP case</Label>
              <Select
                id={caseId}
                value={outcome.case ?? ''}
                onChange={(_e, data) => void checkEws({ source: 'lab', lab: 'demo', case: data.value })}
              >
                {outcome.cases.map((entry) => (
                  <option key={entry.name} value={entry.name}>
                    {entry.name}: {entry.description}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <ul className={styles.about} aria-label="What was checked">
            <li>
              ERP app {outcome.clientId} ({outcome.flow})
            </li>
            <li>Test mailbox {outcome.mailbox}</li>
            {outcome.account !== null && <li>ERP account {outcome.account}</li>}
            <li>
              Judged as of {new Date(outcome.evaluatedAt).toLocaleString()}
              {outcome.simulated ? ' (the simulated recording’s time)' : ''}
            </li>
          </ul>
          {outcome.crossIntegration.length > 0 && (
            <ul className={styles.about} aria-label="Cross-integration">
              {outcome.crossIntegration.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <ExoSettingsPanel key={`${outcome.case ?? 'live'}-exo`} outcome={outcome} />
          <EwsProbeForm key={`${outcome.case ?? 'live'}-probe`} outcome={outcome} />
          <section className={styles.group} aria-labelledby="ews-checks-title">
            <Subtitle2 as="h3" id="ews-checks-title">
              The ERP’s checks, blocking first
            </Subtitle2>
            {ewsResultsInOrder(outcome.results).map((result) => (
              <CheckResultCard
                key={result.checkId}
                column={ewsColumn(result.checkId)}
                result={result}
                onFix={() => undefined}
              />
            ))}
          </section>
        </>
      )}
      {outcome === null && error === null && <Body1>{checking ? 'Reading the ERP’s mail…' : ''}</Body1>}
    </section>
  );
}
