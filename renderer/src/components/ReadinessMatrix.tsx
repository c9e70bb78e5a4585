import { Body1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useCallback, useMemo } from 'react';
import type { SavedRun } from '../../../shared/runs/run-records';
import { columnsOf, type CheckColumn } from '../checks/check-columns';
import { areaGroups, buildMatrix, type MatrixRow } from '../checks/matrix-model';
import { readinessRank } from '../../../shared/readiness/readiness-verdict';
import { verdictsOfRun } from '../readiness/run-verdicts';
import { useAppStore } from '../store/app-store';
import { MatrixFilters } from './MatrixFilters';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { statusGlyphs, statusLabels, statusShortLabels } from '../checks/check-columns';

// Column widths in px: 160 + 56 + 21 × 42 = 1,098, so the demo's 21 checks fit beside the navigation at 1366 px.
const serverWidth = 160;
const failingWidth = 56;
const checkWidth = 42;

// Fluent's palette values (green, dark orange, red, greys): a background image cannot read theme tokens, and a
// white shape on these reads on light and dark themes alike.
const markColours: Record<CheckStatus, string> = {
  pass: '#107c10',
  warn: '#da3b01',
  fail: '#c50f1f',
  unknown: '#616161',
  'n/a': '#8a8886',
};

/** The status's shape in a coloured circle, as an SVG data URL (CSP allows data: images). */
function statusMark(status: CheckStatus): string {
  const svg =
    `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><circle cx='8' cy='8' r='8' fill='${markColours[status]}'/>` +
    `<text x='8' y='12' text-anchor='middle' font-family='Segoe UI,Arial,sans-serif' font-size='11' font-weight='700' fill='white'>${statusGlyphs[status]}</text></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    maxHeight: 'calc(100vh - 300px)',
    minHeight: '240px',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Fixed layout with set column widths: the browser need not measure 4,000 cells to size the columns.
  table: {
    tableLayout: 'fixed',
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
  areaRow: { top: 0, zIndex: 2, height: '22px', overflow: 'hidden', textOverflow: 'ellipsis' },
  checkRow: { top: '31px', zIndex: 2, verticalAlign: 'bottom' },
  // Check headers read bottom to top: twenty fit across, each with its short title whole.
  vertical: {
    writingMode: 'vertical-rl',
    transform: 'rotate(180deg)',
    height: '104px',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} 0`,
  },
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
    padding: `${tokens.spacingVerticalXXS} 1px`,
    textAlign: 'center',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  // The blocking count stays beside the server name while the checks scroll.
  count: {
    textAlign: 'right',
    position: 'sticky',
    left: `${serverWidth}px`,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingRight: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightSemibold,
  },
  countHeader: { left: `${serverWidth}px`, zIndex: 3 },
  // One element per cell and no pseudo-element: the shape is a background image above the short word.
  status: {
    display: 'block',
    paddingTop: '16px',
    backgroundRepeat: 'no-repeat',
    backgroundPosition: 'center top',
    backgroundSize: '14px 14px',
    whiteSpace: 'nowrap',
    fontSize: '10px',
    lineHeight: '14px',
  },
  pass: { backgroundImage: statusMark('pass') },
  warn: { backgroundImage: statusMark('warn') },
  fail: { backgroundImage: statusMark('fail') },
  unknown: { backgroundImage: statusMark('unknown') },
  na: { backgroundImage: statusMark('n/a') },
  // A plain button styled like Fluent's transparent one: 200 of them must stay cheap to render.
  serverButton: {
    border: 'none',
    background: 'none',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'left',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { color: tokens.colorBrandForeground1, textDecoration: 'underline' },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
});

/** Class names resolved once per table: 200 rows × 20 cells must not each call a style hook. */
interface MatrixClasses {
  row: string;
  rowHeader: string;
  serverButton: string;
  cell: string;
  count: string;
  status: Record<CheckStatus, string>;
}

const MatrixRowView = memo(function MatrixRowView({
  row,
  columns,
  classes,
  onOpen,
}: {
  row: MatrixRow & { verdict: string };
  columns: readonly CheckColumn[];
  classes: MatrixClasses;
  onOpen: (fqdn: string) => void;
}) {
  return (
    <tr className={classes.row} onClick={() => onOpen(row.fqdn)}>
      <th scope="row" className={classes.rowHeader}>
        <button
          type="button"
          className={classes.serverButton}
          onClick={(event) => {
            event.stopPropagation();
            onOpen(row.fqdn);
          }}
        >
          {row.fqdn}
        </button>
      </th>
      <td className={classes.count} title={row.verdict}>
        {row.blocking}
      </td>
      {row.cells.map((cell, index) => (
        <td
          key={index}
          className={classes.cell}
          title={
            cell === undefined
              ? `${columns[index]?.title ?? ''}: not run`
              : `${columns[index]?.title ?? ''}: ${statusLabels[cell.status]}. ${cell.summary}`
          }
        >
          {cell === undefined ? (
            'Not run'
          ) : (
            <span className={classes.status[cell.status]}>{statusShortLabels[cell.status]}</span>
          )}
        </td>
      ))}
    </tr>
  );
});

function MatrixTable({
  columns,
  rows,
  servers,
}: {
  columns: CheckColumn[];
  rows: (MatrixRow & { verdict: string })[];
  servers: number;
}) {
  const styles = useStyles();
  const classes = useMemo<MatrixClasses>(
    () => ({
      row: styles.row,
      rowHeader: styles.rowHeader,
      serverButton: styles.serverButton,
      cell: styles.cell,
      count: mergeClasses(styles.cell, styles.count),
      status: {
        pass: mergeClasses(styles.status, styles.pass),
        warn: mergeClasses(styles.status, styles.warn),
        fail: mergeClasses(styles.status, styles.fail),
        unknown: mergeClasses(styles.status, styles.unknown),
        'n/a': mergeClasses(styles.status, styles.na),
      },
    }),
    [styles],
  );
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
    <div className={styles.scroller} tabIndex={0} role="region" aria-label="Readiness matrix, scrollable">
      <table
        className={styles.table}
        style={{ width: `${serverWidth + failingWidth + columns.length * checkWidth}px` }}
        aria-label={`Readiness matrix: ${servers} servers by check`}
      >
        <colgroup>
          <col style={{ width: `${serverWidth}px` }} />
          <col style={{ width: `${failingWidth}px` }} />
          {columns.map((column) => (
            <col key={column.id} style={{ width: `${checkWidth}px` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <td className={`${styles.th} ${styles.areaRow} ${styles.serverHeader}`} colSpan={2} />
            {areaGroups(columns).map((group) => (
              <th
                key={group.area}
                scope="colgroup"
                colSpan={group.span}
                title={group.area}
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
            <th
              scope="col"
              title="Failed checks plus checks that could not be read"
              className={`${styles.th} ${styles.checkRow} ${styles.countHeader}`}
            >
              Blocking
            </th>
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                title={column.title}
                className={`${styles.th} ${styles.checkRow}`}
              >
                <div className={styles.vertical}>{column.shortTitle}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <MatrixRowView key={row.fqdn} row={row} columns={columns} classes={classes} onOpen={open} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Servers (rows) by checks (columns), each cell a shape and a short word; a row opens the server's details. */
export function ReadinessMatrix({ run }: { run: SavedRun }) {
  const statusFilter = useAppStore((s) => s.statusFilter);
  const areaFilter = useAppStore((s) => s.areaFilter);
  const sort = useAppStore((s) => s.matrixSort);
  const allColumns = useMemo(() => columnsOf(run.results), [run]);
  const areas = useMemo(() => [...new Set(allColumns.map((column) => column.area))], [allColumns]);
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
  return (
    <section aria-label="Readiness matrix">
      <MatrixFilters areas={areas} />
      {matrix.rows.length === 0 ? (
        <Body1>No server matches the filters.</Body1>
      ) : (
        <MatrixTable columns={matrix.columns} rows={matrix.rows} servers={run.results.length} />
      )}
    </section>
  );
}
