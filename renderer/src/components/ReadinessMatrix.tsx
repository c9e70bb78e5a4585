import { Body1 } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import type { SavedRun } from '../../../shared/runs/run-records';
import { columnsOf } from '../checks/check-columns';
import { buildMatrix } from '../checks/matrix-model';
import { readinessRank } from '../../../shared/readiness/readiness-verdict';
import { verdictsOfRun } from '../readiness/run-verdicts';
import { useAppStore } from '../store/app-store';
import { tenantAreas } from '../tenant/tenant-model';
import { MatrixFilters } from './MatrixFilters';
import { MatrixTable } from './MatrixTable';
import { TenantMatrix } from './TenantMatrix';
import { useTenantForRun } from './TenantSection';

/** Servers (rows) by checks (columns), each cell a shape and a short word; a row opens the server's details. */
export function ReadinessMatrix({ run }: { run: SavedRun }) {
  const statusFilter = useAppStore((s) => s.statusFilter);
  const areaFilter = useAppStore((s) => s.areaFilter);
  const sort = useAppStore((s) => s.matrixSort);
  const allColumns = useMemo(() => columnsOf(run.results), [run]);
  const simulated = run.savedFacts.simulated === true;
  const tenant = useTenantForRun(simulated);
  // The tenant's areas join the servers' in the filter: an admin narrows both tables with one choice.
  const areas = useMemo(
    () => [...new Set([...allColumns.map((column) => column.area), ...tenantAreas(tenant?.results ?? [])])],
    [allColumns, tenant],
  );
  const readiness = useMemo(() => verdictsOfRun(run), [run]);
  const matrix = useMemo(() => {
    const rank = new Map(readiness.servers.map((server) => [server.fqdn, readinessRank(server.overall)]));
    const verdicts = new Map(readiness.servers.map((server) => [server.fqdn, server.overall.text]));
    const built = buildMatrix(run.results, allColumns, { statusFilter, areaFilter, sort, rank });
    return {
      columns: built.columns,
      rows: built.rows.map((row) => ({ ...row, verdict: verdicts.get(row.fqdn) ?? '' })),
    };
  }, [run, allColumns, readiness, statusFilter, areaFilter, sort]);
  const openServer = useAppStore((s) => s.openServer);
  const setTab = useAppStore((s) => s.setReadinessTab);
  const requestFocus = useAppStore((s) => s.requestFocus);
  // A row opens the server in the list's details pane, focus on its heading.
  const open = useCallback(
    (fqdn: string) => {
      openServer(fqdn);
      setTab('servers');
      requestFocus('details');
    },
    [openServer, setTab, requestFocus],
  );
  return (
    <section aria-label="Readiness matrix">
      <MatrixFilters areas={areas} />
      <TenantMatrix
        simulated={simulated}
        outcome={tenant}
        statusFilter={statusFilter}
        areaFilter={areaFilter}
      />
      {matrix.rows.length === 0 || matrix.columns.length === 0 ? (
        <Body1>No server matches the filters.</Body1>
      ) : (
        <MatrixTable
          columns={matrix.columns}
          rows={matrix.rows}
          label={`Readiness matrix: ${run.results.length} servers by check`}
          regionLabel="Readiness matrix, scrollable"
          rowHeading="Server"
          tall
          onOpen={open}
        />
      )}
    </section>
  );
}
