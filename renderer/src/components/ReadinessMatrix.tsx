import { Body1, Button, makeStyles, mergeClasses, Title3, tokens } from '@fluentui/react-components';
import { memo, useMemo } from 'react';
import type { SavedRun } from '../../../shared/runs/run-records';
import { columnsOf, type CheckColumn } from '../checks/check-columns';
import { areaGroups, buildMatrix, type MatrixRow } from '../checks/matrix-model';
import { useAppStore } from '../store/app-store';
import { MatrixFilters } from './MatrixFilters';
import { MatrixRunActions } from './MatrixRunActions';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { statusGlyphs, statusLabels } from '../checks/check-columns';

// Column widths in px: wide enough for a server FQDN, a count, and a check's header or "Warning" with its shape.
const serverWidth = 200;
const failingWidth = 64;
const checkWidth = 120;

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
  heading: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  scroller: {
    overflow: 'auto',
    maxHeight: 'calc(100vh - 260px)',
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
  // One element per cell and no pseudo-element: the shape is a background image, the word is the text.
  status: {
    paddingLeft: '20px',
    backgroundRepeat: 'no-repeat',
    backgroundPosition: 'left center',
    backgroundSize: '16px 16px',
    whiteSpace: 'nowrap',
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
  classes,
  onOpen,
}: {
  row: MatrixRow;
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
      <td className={classes.count}>{row.failures}</td>
      {row.cells.map((cell, index) => (
        <td key={index} className={classes.cell}>
          {cell === undefined ? (
            'Not run'
          ) : (
            <span className={classes.status[cell.status]}>{statusLabels[cell.status]}</span>
          )}
        </td>
      ))}
    </tr>
  );
});

function MatrixTable({ columns, rows }: { columns: CheckColumn[]; rows: MatrixRow[] }) {
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
  return (
    <div className={styles.scroller} tabIndex={0} role="region" aria-label="Readiness matrix, scrollable">
      <table
        className={styles.table}
        style={{ width: `${serverWidth + failingWidth + columns.length * checkWidth}px` }}
        aria-labelledby="matrix-title"
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
            <MatrixRowView key={row.fqdn} row={row} classes={classes} onOpen={openServer} />
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
      <MatrixFilters areas={areas} />
      {matrix.rows.length === 0 ? (
        <Body1>No server matches the filters.</Body1>
      ) : (
        <MatrixTable columns={matrix.columns} rows={matrix.rows} />
      )}
    </section>
  );
}
