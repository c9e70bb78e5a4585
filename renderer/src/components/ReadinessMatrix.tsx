import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { memo, useMemo } from 'react';
import type { SavedRun } from '../../../shared/runs/run-records';
import { columnsOf, type CheckColumn } from '../checks/check-columns';
import { areaGroups, buildMatrix, type MatrixRow } from '../checks/matrix-model';
import { useAppStore } from '../store/app-store';
import { MatrixFilters } from './MatrixFilters';
import { MatrixRunActions } from './MatrixRunActions';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  heading: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  scroller: {
    overflow: 'auto',
    maxHeight: 'calc(100vh - 260px)',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
  },
  th: {
    position: 'sticky',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: 'nowrap',
  },
  areaRow: { top: 0, zIndex: 2 },
  checkRow: { top: '26px', zIndex: 2 },
  serverHeader: { left: 0, zIndex: 3 },
  rowHeader: {
    position: 'sticky',
    left: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: 'left',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    zIndex: 1,
  },
  row: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  cell: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  count: { textAlign: 'right' },
});

const MatrixRowView = memo(function MatrixRowView({
  row,
  onOpen,
}: {
  row: MatrixRow;
  onOpen: (fqdn: string) => void;
}) {
  const styles = useStyles();
  return (
    <tr className={styles.row} onClick={() => onOpen(row.fqdn)}>
      <th scope="row" className={styles.rowHeader}>
        <Button
          appearance="transparent"
          size="small"
          onClick={(event) => {
            event.stopPropagation();
            onOpen(row.fqdn);
          }}
        >
          {row.fqdn}
        </Button>
      </th>
      <td className={`${styles.cell} ${styles.count}`}>{row.failures}</td>
      {row.cells.map((cell, index) => (
        <td key={index} className={styles.cell}>
          {cell === undefined ? 'Not run' : <StatusLabel status={cell.status} />}
        </td>
      ))}
    </tr>
  );
});

function MatrixTable({ columns, rows }: { columns: CheckColumn[]; rows: MatrixRow[] }) {
  const styles = useStyles();
  const openServer = useAppStore((s) => s.openServer);
  return (
    <div className={styles.scroller} tabIndex={0} role="region" aria-label="Readiness matrix, scrollable">
      <table className={styles.table} aria-labelledby="matrix-title">
        <thead>
          <tr>
            <td className={`${styles.th} ${styles.areaRow} ${styles.serverHeader}`} colSpan={2} />
            {areaGroups(columns).map((group) => (
              <th
                key={group.area}
                scope="colgroup"
                colSpan={group.span}
                className={`${styles.th} ${styles.areaRow}`}
              >
                {group.area}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col" className={`${styles.th} ${styles.checkRow} ${styles.serverHeader}`}>
              Server
            </th>
            <th scope="col" className={`${styles.th} ${styles.checkRow}`}>
              Failing
            </th>
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                title={column.title}
                className={`${styles.th} ${styles.checkRow}`}
              >
                {column.shortTitle}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <MatrixRowView key={row.fqdn} row={row} onOpen={openServer} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Servers (rows) by checks (columns), each cell a status; a row opens the server's detail. */
export function ReadinessMatrix({ run }: { run: SavedRun }) {
  const styles = useStyles();
  const statusFilter = useAppStore((s) => s.statusFilter);
  const areaFilter = useAppStore((s) => s.areaFilter);
  const sort = useAppStore((s) => s.matrixSort);
  const warnings = useAppStore((s) => s.runWarnings);
  const checkAll = useAppStore((s) => s.checkAll);
  const closeRun = useAppStore((s) => s.closeRun);
  const openSafeFixes = useAppStore((s) => s.openSafeFixes);
  const allColumns = useMemo(() => columnsOf(run.results), [run]);
  const areas = useMemo(() => [...new Set(allColumns.map((column) => column.area))], [allColumns]);
  const matrix = useMemo(
    () => buildMatrix(run.results, allColumns, { statusFilter, areaFilter, sort }),
    [run, allColumns, statusFilter, areaFilter, sort],
  );
  const simulated = run.savedFacts.simulated === true;
  return (
    <section aria-labelledby="matrix-title">
      <div className={styles.heading}>
        <Title3 as="h2" id="matrix-title">
          Readiness of {run.results.length} servers
        </Title3>
        <Body1>Checked {new Date(run.savedFacts.collectedAt).toLocaleString()}</Body1>
        <Button appearance="primary" onClick={() => void checkAll(simulated ? 'demo' : null)}>
          Check again
        </Button>
        <Button onClick={() => void openSafeFixes()}>Fix all safe…</Button>
        <MatrixRunActions runId={run.runId} />
        <Button onClick={closeRun}>Back to inventory</Button>
      </div>
      {warnings.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {warnings.length} server{warnings.length === 1 ? '' : 's'} could not be fully read; their checks
            show Unknown.
          </MessageBarBody>
        </MessageBar>
      )}
      <MatrixFilters areas={areas} />
      {matrix.rows.length === 0 ? (
        <Body1>No server matches the filters.</Body1>
      ) : (
        <MatrixTable columns={matrix.columns} rows={matrix.rows} />
      )}
    </section>
  );
}
