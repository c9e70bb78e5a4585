import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useMemo } from 'react';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { statusGlyphs, statusLabels, statusShortLabels, type CheckColumn } from '../checks/check-columns';
import { areaGroups, type MatrixTableRow } from '../checks/matrix-model';

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
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // The servers' table scrolls within the window; the tenant's single row takes only its height.
  tall: { maxHeight: 'calc(100vh - 300px)', minHeight: '240px' },
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
  row: MatrixTableRow;
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
          {row.label ?? row.fqdn}
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

/** Rows by checks, each cell a shape and a short word; a row's button opens its details through onOpen. */
export function MatrixTable({
  columns,
  rows,
  label,
  regionLabel,
  rowHeading,
  tall,
  onOpen,
}: {
  columns: CheckColumn[];
  rows: MatrixTableRow[];
  /** The table's accessible name, e.g. "Readiness matrix: 8 servers by check". */
  label: string;
  regionLabel: string;
  /** The first column's heading: "Server", or "Tenant" for the Microsoft 365 row. */
  rowHeading: string;
  tall: boolean;
  onOpen: (fqdn: string) => void;
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
  return (
    <div
      className={mergeClasses(styles.scroller, tall && styles.tall)}
      tabIndex={0}
      role="region"
      aria-label={regionLabel}
    >
      <table
        className={styles.table}
        style={{ width: `${serverWidth + failingWidth + columns.length * checkWidth}px` }}
        aria-label={label}
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
              {rowHeading}
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
            <MatrixRowView key={row.fqdn} row={row} columns={columns} classes={classes} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
