import {
  Body1,
  Button,
  Checkbox,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Spinner,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/app-store';
import type { SafeFixItem, SafeFixesFlow } from '../store/safe-fixes-slice';
import { useCodeBlockStyles } from './code-block-styles';
import { StatusLabel } from './StatusLabel';

const useStyles = makeStyles({
  screen: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1100px' },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  table: {
    borderCollapse: 'collapse',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    '& th, & td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  script: { maxHeight: '220px' },
});

function stateText(item: SafeFixItem): string {
  switch (item.state) {
    case 'idle':
      return item.selected ? 'Selected' : 'Left out';
    case 'previewing':
      return 'Previewing…';
    case 'ready':
      return 'Preview ready';
    case 'not-safe':
      return `Set aside: ${item.error ?? 'not risk-free'}`;
    case 'applying':
      return 'Applying…';
    case 'done':
      if (item.outcome === null) return `Failed: ${item.error ?? 'no answer'}`;
      return item.outcome.outcome === 'succeeded'
        ? item.outcome.changed
          ? 'Applied'
          : 'Already right: nothing changed'
        : `${item.outcome.outcome === 'refused' ? 'Refused' : 'Failed'}: ${item.outcome.error ?? item.outcome.message}`;
  }
}

function FixRow({ item, editable }: { item: SafeFixItem; editable: boolean }) {
  const styles = useStyles();
  const code = useCodeBlockStyles();
  const toggle = useAppStore((s) => s.toggleSafeFix);
  return (
    <tr>
      <td>
        <Checkbox
          checked={item.selected}
          disabled={!editable}
          onChange={(_event, data) => toggle(item.key, data.checked === true)}
          aria-label={`Include ${item.fixTitle} on ${item.server}`}
        />
      </td>
      <th scope="row">{item.server}</th>
      <td>{item.checkTitle}</td>
      <td>
        <StatusLabel status={item.status} />
      </td>
      <td>
        {item.description ?? item.fixTitle}
        {item.preview !== null && item.state !== 'not-safe' && (
          <details>
            <summary>Script ({item.preview.scriptPath})</summary>
            <pre className={mergeClasses(code.block, styles.script)}>{item.preview.scriptText}</pre>
          </details>
        )}
      </td>
      <td>{stateText(item)}</td>
      <td>{item.recheckedStatus === null ? '—' : <StatusLabel status={item.recheckedStatus} />}</td>
    </tr>
  );
}

function Actions({ flow }: { flow: SafeFixesFlow }) {
  const styles = useStyles();
  const preview = useAppStore((s) => s.previewSafeFixes);
  const apply = useAppStore((s) => s.applySafeFixes);
  const exportFixes = useAppStore((s) => s.exportSafeFixes);
  const selected = flow.items.filter((item) => item.selected).length;
  const ready = flow.items.filter((item) => item.state === 'ready').length;
  return (
    <div className={styles.actions}>
      {flow.phase === 'select' && (
        <Button appearance="primary" disabled={selected === 0} onClick={() => void preview()}>
          Preview {selected} selected
        </Button>
      )}
      {flow.phase === 'review' && (
        <Button appearance="primary" disabled={ready === 0} onClick={() => void apply()}>
          Confirm and apply {ready} {ready === 1 ? 'fix' : 'fixes'}
        </Button>
      )}
      {(flow.phase === 'select' || flow.phase === 'review') && (
        <Button disabled={selected === 0} onClick={() => void exportFixes()}>
          Export selected as a script
        </Button>
      )}
    </div>
  );
}

/** "Fix all safe": every risk-free fix the run offers across servers, previewed, confirmed once, applied in turn. */
export function SafeFixesScreen({ flow }: { flow: SafeFixesFlow }) {
  const styles = useStyles();
  const close = useAppStore((s) => s.closeSafeFixes);
  const busy = flow.phase === 'previewing' || flow.phase === 'applying';
  const done = flow.items.filter((item) => item.state === 'done');
  const applied = done.filter((item) => item.outcome?.outcome === 'succeeded').length;
  const summary = useRef<HTMLDivElement>(null);
  // The Confirm button is gone once all are applied: focus moves to the summary, not to the page's start.
  useEffect(() => {
    if (flow.phase === 'done') summary.current?.focus();
  }, [flow.phase]);
  return (
    <section className={styles.screen} aria-labelledby="safe-fixes-title">
      <div className={styles.heading}>
        <Button disabled={busy} onClick={close}>
          Back to the matrix
        </Button>
        <Title3 as="h2" id="safe-fixes-title">
          Fix all safe
        </Title3>
      </div>
      <Body1>
        Fixes that lower no security setting and need no choice from you. Each is previewed by the server’s
        own script first; applying one backs up what it changes, writes an audit entry and checks its server
        again.
        {flow.lab !== null && ' Simulated (demo estate): only the lab changes.'}
      </Body1>
      {flow.error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{flow.error}</MessageBarBody>
        </MessageBar>
      )}
      {flow.items.length === 0 && flow.error === null ? (
        <Body1>No failing or warning check has a risk-free fix.</Body1>
      ) : (
        <table className={styles.table} aria-labelledby="safe-fixes-title">
          <thead>
            <tr>
              <th scope="col">Include</th>
              <th scope="col">Server</th>
              <th scope="col">Check</th>
              <th scope="col">Before</th>
              <th scope="col">Fix</th>
              <th scope="col">State</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {flow.items.map((item) => (
              <FixRow key={item.key} item={item} editable={flow.phase === 'select'} />
            ))}
          </tbody>
        </table>
      )}
      {flow.phase === 'previewing' && <Spinner label="Previewing the selected fixes…" />}
      {flow.phase === 'applying' && <Spinner label="Applying the fixes and re-checking their servers…" />}
      {flow.phase === 'done' && (
        <div ref={summary} tabIndex={-1}>
          <Body1 role="status">
            {applied} of {done.length} fixes applied; see each row’s state and its re-checked status.
          </Body1>
        </div>
      )}
      {flow.exported !== null && <Body1 role="status">{flow.exported}</Body1>}
      <Actions flow={flow} />
    </section>
  );
}
