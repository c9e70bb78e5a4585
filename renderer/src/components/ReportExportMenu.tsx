import {
  Body1,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  tokens,
} from '@fluentui/react-components';
import { useAppStore } from '../store/app-store';
import type { ReportExport, ReportFormat } from '../store/report-slice';

// One flex item in the heading that shrinks instead of wrapping the toolbar: a long "Saved to …" path is cut
// with an ellipsis on one line (the whole text in its tooltip); an empty status line adds no gap.
const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', flex: '1 1 0', minWidth: '12em' },
  menu: { flexShrink: 0 },
  said: {
    marginLeft: tokens.spacingHorizontalM,
    minWidth: 0,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
});

const formats: { format: ReportFormat; label: string }[] = [
  { format: 'html', label: 'HTML' },
  { format: 'pdf', label: 'PDF' },
  { format: 'json', label: 'JSON' },
  { format: 'csv', label: 'CSV' },
];

const labelOf = (format: ReportFormat) => formats.find((entry) => entry.format === format)?.label ?? format;

/** The export's outcome in words: the admin learns where the file went, or that nothing was written. */
function outcomeText(exported: ReportExport): string {
  return [stateText(exported), exported.refused].filter((part) => part !== undefined).join(' ');
}

function stateText(exported: ReportExport): string {
  switch (exported.kind) {
    case 'saving':
      return `Saving the ${labelOf(exported.format)} report…`;
    case 'saved':
      return `Saved to ${exported.path}`;
    case 'cancelled':
      return 'Export cancelled';
    case 'failed':
      return `The ${labelOf(exported.format)} report could not be saved: ${exported.message}`;
  }
}

/** Exports the run's report in a chosen format; main's Save dialog picks the file. */
export function ReportExportMenu({ runId }: { runId: string }) {
  const styles = useStyles();
  const exportReport = useAppStore((s) => s.exportReport);
  const exported = useAppStore((s) => (s.reportExport?.runId === runId ? s.reportExport : null));
  return (
    <span className={styles.root}>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton className={styles.menu}>Export report</MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {formats.map(({ format, label }) => (
              <MenuItem key={format} onClick={() => void exportReport(runId, format)}>
                {label}
              </MenuItem>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      {/* Always mounted, so screen readers announce the outcome when its words change. */}
      <Body1
        role="status"
        className={exported === null ? undefined : styles.said}
        title={exported === null ? undefined : outcomeText(exported)}
      >
        {exported === null ? '' : outcomeText(exported)}
      </Body1>
    </span>
  );
}
