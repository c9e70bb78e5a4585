import {
  Body1,
  Input,
  Label,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import { onPremisesIntegrations } from '../../../shared/readiness/integration';
import type { ServerReadiness } from '../../../shared/readiness/run-readiness';
import { readinessRows, type ReadinessFilter, type ReadinessSortKey } from '../readiness/run-verdicts';
import { useAppStore } from '../store/app-store';
import { VerdictLabel } from './VerdictLabel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, minHeight: 0 },
  tools: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  scroller: {
    overflow: 'auto',
    flex: 1,
    minHeight: 0,
    alignSelf: 'stretch',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { position: 'sticky', top: 0, zIndex: 2, backgroundColor: tokens.colorNeutralBackground3 },
  first: { position: 'sticky', left: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  firstHead: { position: 'sticky', left: 0, zIndex: 3, backgroundColor: tokens.colorNeutralBackground3 },
  serverCol: { width: '170px' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  serverButton: {
    border: 'none',
    background: 'none',
    padding: `${tokens.spacingVerticalXXS} 0`,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'left',
    whiteSpace: 'nowrap',
    color: tokens.colorBrandForegroundLink,
    cursor: 'pointer',
    ':hover': { textDecoration: 'underline' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  verdict: { fontSize: tokens.fontSizeBase200 },
  table: { fontSize: tokens.fontSizeBase200 },
});

const filters: { value: ReadinessFilter; label: string }[] = [
  { value: 'all', label: 'All servers' },
  { value: 'not-ready', label: 'Not ready' },
  { value: 'not-checked', label: 'Not checked' },
  { value: 'ready', label: 'Ready' },
];

const columnLabels: Record<ReadinessSortKey, string> = {
  server: 'Server',
  overall: 'Readiness',
  'Remote PowerShell': 'Remote PowerShell',
  'MFA module': 'MFA module',
  // The tenant's verdict is not a server's: it gets its own section, never a column here.
  'Microsoft 365': 'Microsoft 365',
  'Exchange Online mail': 'Exchange Online mail',
};

/** The servers of the run with their verdicts: search by name, a verdict filter, sort by any column header. */
export function ReadinessList({ servers }: { servers: readonly ServerReadiness[] }) {
  const styles = useStyles();
  const searchId = useId();
  const filterId = useId();
  const query = useAppStore((s) => s.readinessQuery);
  const setQuery = useAppStore((s) => s.setReadinessQuery);
  const selected = useAppStore((s) => s.selectedServer);
  const openServer = useAppStore((s) => s.openServer);
  const requestFocus = useAppStore((s) => s.requestFocus);
  const rows = useMemo(() => readinessRows(servers, query), [servers, query]);
  const keys: ReadinessSortKey[] = ['server', 'overall', ...onPremisesIntegrations];

  const sortBy = (key: ReadinessSortKey) =>
    setQuery({
      sort: {
        key,
        direction:
          query.sort.key === key && query.sort.direction === 'ascending' ? 'descending' : 'ascending',
      },
    });
  const open = (fqdn: string) => {
    openServer(fqdn);
    requestFocus('details');
  };

  return (
    <div className={styles.root}>
      <div className={styles.tools}>
        <div className={styles.field}>
          <Label htmlFor={searchId}>Search servers by name</Label>
          <Input
            id={searchId}
            type="search"
            value={query.search}
            onChange={(_event, data) => setQuery({ search: data.value })}
          />
        </div>
        <div className={styles.field}>
          <Label htmlFor={filterId}>Show</Label>
          <Select
            id={filterId}
            value={query.filter}
            onChange={(_event, data) => setQuery({ filter: data.value as ReadinessFilter })}
          >
            {filters.map((filter) => (
              <option key={filter.value} value={filter.value}>
                {filter.label}
              </option>
            ))}
          </Select>
        </div>
        <Body1 role="status">
          {rows.length} of {servers.length} servers shown
        </Body1>
      </div>
      <div
        className={styles.scroller}
        role="region"
        aria-label="Servers and their readiness, scrollable"
        tabIndex={0}
      >
        <Table
          className={styles.table}
          sortable
          size="small"
          aria-label={`Readiness of ${servers.length} servers by integration`}
        >
          <TableHeader className={styles.head}>
            <TableRow>
              {keys.map((key) => (
                <TableHeaderCell
                  key={key}
                  className={key === 'server' ? `${styles.firstHead} ${styles.serverCol}` : undefined}
                  sortDirection={query.sort.key === key ? query.sort.direction : undefined}
                  onClick={() => sortBy(key)}
                >
                  {columnLabels[key]}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((server) => (
              <TableRow key={server.fqdn} className={server.fqdn === selected ? styles.selected : undefined}>
                <TableCell className={styles.first} title={`${server.fqdn}: ${server.overall.text}`}>
                  <button
                    type="button"
                    className={styles.serverButton}
                    aria-current={server.fqdn === selected ? 'true' : undefined}
                    onClick={() => open(server.fqdn)}
                  >
                    {server.fqdn}
                  </button>
                </TableCell>
                {[server.overall, ...server.verdicts].map((verdict, index) => (
                  <TableCell
                    key={index}
                    className={styles.verdict}
                    title={`${index === 0 ? 'Readiness' : verdict.integration}: ${verdict.text}`}
                  >
                    {/* Why a server was not checked is said once, in Readiness; the integrations say only that. */}
                    <VerdictLabel
                      verdict={
                        index > 0 && verdict.kind === 'not-checked'
                          ? { kind: verdict.kind, text: 'Not checked' }
                          : verdict
                      }
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
