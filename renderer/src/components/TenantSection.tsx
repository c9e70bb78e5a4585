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
import type { TenantCheckOutcome } from '../../../shared/tenant/tenant-check-contract';
import { AttestableCheckId } from '../../../shared/tenant/tenant-check-contract';
import { useAppStore } from '../store/app-store';
import {
  attestableChecks,
  tenantColumn,
  tenantEstateLine,
  tenantHeading,
  tenantResultGroups,
  tenantStatusLabel,
  tenantWhyNot,
} from '../tenant/tenant-model';
import { AttestationForm } from './AttestationForm';
import { CheckResultCard } from './CheckResultCard';
import { TenantSignIn } from './TenantSignIn';
import { VerdictLabel } from './VerdictLabel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  title: { ...typographyStyles.title3, margin: 0, outlineStyle: 'none', overflowWrap: 'anywhere' },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  about: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  summaryTitle: { margin: 0 },
  summary: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** The tenant check on screen for this run: the demo tenant beside the demo estate, a live one beside a real run. */
export function useTenantForRun(simulated: boolean): TenantCheckOutcome | null {
  const outcome = useAppStore((s) => s.tenantCheck);
  const checkTenant = useAppStore((s) => s.checkTenant);
  const hasTenant = useAppStore((s) => s.inventory?.microsoft365 !== undefined);
  const signedIn = useAppStore((s) => s.signIn?.signedIn === true);
  useEffect(() => {
    // Read now, not from this render: the line, the summary and the pane mount together and ask once.
    const source = useAppStore.getState().tenantSource;
    if (simulated && source?.source !== 'lab') void checkTenant({ source: 'lab', lab: 'demo' });
    if (!simulated && hasTenant && signedIn && source?.source !== 'live')
      void checkTenant({ source: 'live' });
  }, [simulated, hasTenant, signedIn, checkTenant]);
  return outcome !== null && outcome.simulated === simulated ? outcome : null;
}

/** The estate line of the tenant, beside the servers' lines. */
export function TenantEstateLine({ simulated }: { simulated: boolean }) {
  const outcome = useTenantForRun(simulated);
  const why = useAppStore((s) =>
    tenantWhyNot({
      simulated,
      hasTenant: s.inventory?.microsoft365 !== undefined,
      signedIn: s.signIn?.signedIn === true,
      checking: s.tenantChecking,
      error: s.tenantError,
    }),
  );
  return <VerdictLabel verdict={tenantEstateLine(outcome?.verdict ?? null, why)} />;
}

/** Beside the server list: the tenant as one entry, which opens its checks in the details pane. */
export function TenantSummary({ simulated }: { simulated: boolean }) {
  const styles = useStyles();
  const outcome = useTenantForRun(simulated);
  const openServer = useAppStore((s) => s.openServer);
  const openTenant = useAppStore((s) => s.openTenant);
  const openEws = useAppStore((s) => s.openEws);
  return (
    <div className={styles.summary} role="group" aria-label="Microsoft 365 tenant">
      <Subtitle2 as="h3" className={styles.summaryTitle}>
        Microsoft 365{outcome === null ? '' : `: ${tenantHeading(outcome)}`}
      </Subtitle2>
      {outcome !== null && <VerdictLabel verdict={outcome.verdict} />}
      <Button
        onClick={() => {
          openServer(null);
          openEws(false);
          openTenant(true);
        }}
      >
        Microsoft 365 details
      </Button>
    </div>
  );
}

/** The details pane for the tenant: verdict, sign-in, the checks by area, and attestation where Graph cannot read. */
export function TenantSection({ simulated }: { simulated: boolean }) {
  const styles = useStyles();
  const caseId = useId();
  const outcome = useTenantForRun(simulated);
  const source = useAppStore((s) => s.tenantSource);
  const checking = useAppStore((s) => s.tenantChecking);
  const error = useAppStore((s) => s.tenantError);
  const checkTenant = useAppStore((s) => s.checkTenant);
  const openTenant = useAppStore((s) => s.openTenant);
  const title = useRef<HTMLHeadingElement>(null);
  // Opening the tenant moves focus to its heading, as opening a server does.
  useEffect(() => title.current?.focus({ preventScroll: true }), []);

  return (
    <section className={styles.root} aria-labelledby="tenant-title">
      <div className={styles.heading}>
        <h2 id="tenant-title" ref={title} tabIndex={-1} className={styles.title}>
          Microsoft 365{outcome === null ? '' : `: ${outcome.tenant}`}
        </h2>
        {outcome?.simulated === true && (
          <Badge appearance="tint" color="warning" size="large">
            SIMULATED
          </Badge>
        )}
        <Button
          appearance="primary"
          disabled={source === null || checking}
          onClick={() => source !== null && void checkTenant(source)}
        >
          Re-check
        </Button>
        <Button appearance="subtle" onClick={() => openTenant(false)}>
          Close details
        </Button>
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>The tenant could not be checked: {error}</MessageBarBody>
        </MessageBar>
      )}
      {outcome !== null && (
        <>
          <VerdictLabel verdict={tenantEstateLine(outcome.verdict, '')} />
          {outcome.simulated && outcome.cases.length > 0 && (
            <div className={styles.field}>
              <Label htmlFor={caseId}>Demo case</Label>
              <Select
                id={caseId}
                value={outcome.case ?? ''}
                onChange={(_e, data) => void checkTenant({ source: 'lab', lab: 'demo', case: data.value })}
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
            <li>Provisioning app {outcome.provisioningAppId}</li>
            <li>Federated domains {outcome.federatedDomains.join(', ') || '(none)'}</li>
            <li>IdP sign-in host {outcome.idpSignInHost ?? '(not given)'}</li>
            <li>
              Judged as of {new Date(outcome.evaluatedAt).toLocaleString()}
              {outcome.simulated ? ' (the simulated recording’s time)' : ''}
            </li>
          </ul>
        </>
      )}
      <TenantSignIn simulated={simulated} />
      {outcome !== null &&
        attestableChecks(outcome.results).map((result) => {
          const checkId = AttestableCheckId.parse(result.checkId);
          return (
            <AttestationForm
              key={`${outcome.tenant}-${checkId}`}
              checkId={checkId}
              operator={outcome.operator}
            />
          );
        })}
      {outcome !== null &&
        tenantResultGroups(outcome.results).map((group) => (
          <section
            key={group.area}
            className={styles.group}
            aria-labelledby={`tenant-${group.area.replace(/[^a-z0-9]/gi, '-')}`}
          >
            <Subtitle2 as="h3" id={`tenant-${group.area.replace(/[^a-z0-9]/gi, '-')}`}>
              {group.area}
            </Subtitle2>
            {group.results.map((result) => (
              <CheckResultCard
                key={result.checkId}
                column={tenantColumn(result.checkId)}
                result={result}
                statusLabel={tenantStatusLabel(result)}
                onFix={() => undefined}
              />
            ))}
          </section>
        ))}
      {outcome === null && error === null && <Body1>{checking ? 'Reading the tenant…' : ''}</Body1>}
    </section>
  );
}
