import { Checkbox, makeStyles, Select, tokens, Label } from '@fluentui/react-components';
import { useId } from 'react';
import type { CheckStatus } from '../../../shared/checks/check-result';
import { allStatuses, statusLabels } from '../checks/check-columns';
import { useAppStore } from '../store/app-store';
import type { MatrixSort } from '../store/matrix-slice';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXL,
    margin: `${tokens.spacingVerticalM} 0`,
  },
  group: { display: 'flex', alignItems: 'center', border: 'none', margin: 0, padding: 0 },
  legend: { float: 'left', marginRight: tokens.spacingHorizontalS, fontWeight: tokens.fontWeightSemibold },
  sort: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((entry) => entry !== item);
}

/** Which statuses and areas the matrix shows, and how its rows are ordered. */
export function MatrixFilters({ areas }: { areas: readonly string[] }) {
  const styles = useStyles();
  const sortId = useId();
  const statusFilter = useAppStore((s) => s.statusFilter);
  const areaFilter = useAppStore((s) => s.areaFilter);
  const sort = useAppStore((s) => s.matrixSort);
  const setStatusFilter = useAppStore((s) => s.setStatusFilter);
  const setAreaFilter = useAppStore((s) => s.setAreaFilter);
  const setSort = useAppStore((s) => s.setMatrixSort);
  return (
    <div className={styles.root}>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Status</legend>
        {allStatuses.map((status: CheckStatus) => (
          <Checkbox
            key={status}
            label={statusLabels[status]}
            checked={statusFilter.includes(status)}
            onChange={(_event, data) => setStatusFilter(toggled(statusFilter, status, data.checked === true))}
          />
        ))}
      </fieldset>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>Area</legend>
        {areas.map((area) => (
          <Checkbox
            key={area}
            label={area}
            checked={areaFilter.includes(area)}
            onChange={(_event, data) => setAreaFilter(toggled(areaFilter, area, data.checked === true))}
          />
        ))}
      </fieldset>
      <div className={styles.sort}>
        <Label htmlFor={sortId}>Sort by</Label>
        <Select id={sortId} value={sort} onChange={(_event, data) => setSort(data.value as MatrixSort)}>
          <option value="server">Server name</option>
          <option value="failures">Worst first (not ready, not checked, ready)</option>
        </Select>
      </div>
    </div>
  );
}
