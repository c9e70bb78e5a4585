import { Badge, Body1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useCallback, useId, useMemo } from 'react';
import type { CheckStatus } from '../../../shared/checks/check-result';
import type { TenantCheckOutcome } from '../../../shared/tenant/tenant-check-contract';
import { useAppStore } from '../store/app-store';
import { tenantHeading, tenantMatrix } from '../tenant/tenant-model';
import { MatrixTable } from './MatrixTable';
import { TenantEstateLine } from './TenantSection';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  title: { margin: 0 },
});

/** The Microsoft 365 tenant beside the servers' matrix: its own table (a tenant, not a server) and its verdict. */
export function TenantMatrix({
  simulated,
  outcome,
  statusFilter,
  areaFilter,
}: {
  simulated: boolean;
  outcome: TenantCheckOutcome | null;
  statusFilter: readonly CheckStatus[];
  areaFilter: readonly string[];
}) {
  const styles = useStyles();
  const headingId = useId();
  const matrix = useMemo(
    () => (outcome === null ? null : tenantMatrix(outcome, { statusFilter, areaFilter })),
    [outcome, statusFilter, areaFilter],
  );
  const openServer = useAppStore((s) => s.openServer);
  const openTenant = useAppStore((s) => s.openTenant);
  const setTab = useAppStore((s) => s.setReadinessTab);
  // The row opens the tenant's details beside the list; the section focuses its own heading when it mounts.
  const open = useCallback(() => {
    openServer(null);
    openTenant(true);
    setTab('servers');
  }, [openServer, openTenant, setTab]);
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <div className={styles.heading}>
        <Subtitle2 as="h3" id={headingId} className={styles.title}>
          Microsoft 365 tenant
        </Subtitle2>
        {outcome?.simulated === true && (
          <Badge appearance="tint" color="warning">
            SIMULATED
          </Badge>
        )}
        <TenantEstateLine simulated={simulated} />
      </div>
      {outcome !== null && matrix !== null && (
        <>
          {matrix.rows.length === 0 || matrix.columns.length === 0 ? (
            <Body1>No check of the tenant matches the filters.</Body1>
          ) : (
            <MatrixTable
              columns={matrix.columns}
              rows={matrix.rows}
              label={`Microsoft 365 tenant by check: ${tenantHeading(outcome)}`}
              regionLabel="Microsoft 365 tenant matrix, scrollable"
              rowHeading="Tenant"
              tall={false}
              onOpen={open}
            />
          )}
        </>
      )}
    </section>
  );
}
