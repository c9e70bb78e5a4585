import {
  Body1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useAppStore } from '../store/app-store';
import type { CsvImportState } from '../store/inventory-slice';
import { CsvImportButton } from './CsvImportButton';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
  },
  text: { maxWidth: '720px' },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function Outcome({ state }: { state: CsvImportState }) {
  const styles = useStyles();
  switch (state.kind) {
    case 'idle':
      return null;
    case 'importing':
      return <Spinner size="tiny" label={`Importing ${state.fileName}…`} />;
    case 'imported':
      return (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Imported {state.fileName}</MessageBarTitle>
            Added {plural(state.exchangeAdded, 'Exchange server', 'Exchange servers')} and{' '}
            {plural(state.syncAdded, 'sync server', 'sync servers')}.
            {state.alreadyListed > 0 &&
              ` ${plural(state.alreadyListed, 'entry was', 'entries were')} already in the inventory.`}
          </MessageBarBody>
        </MessageBar>
      );
    case 'refused':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Nothing was imported from {state.fileName}</MessageBarTitle>
            Fix these lines and import the file again:
            <ul className={styles.problems} aria-label={`Problems in ${state.fileName}`}>
              {state.problems.map((problem, index) => (
                <li key={`${index}:${problem}`}>{problem}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      );
    case 'failed':
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Nothing was imported from {state.fileName}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      );
  }
}

/** Import servers from a CSV file: all or nothing, every bad line named. */
export function CsvImportSection() {
  const styles = useStyles();
  const state = useAppStore((s) => s.csvImport);
  return (
    <section className={styles.section} aria-labelledby="csv-import-title">
      <Title3 as="h2" id="csv-import-title">
        CSV import
      </Title3>
      <Body1 className={styles.text}>
        A header row with a server column (fqdn, server, name, hostname, dnshostname or computername) and an
        optional role column (exchange or sync; Exchange when absent). A file with any bad line imports
        nothing.
      </Body1>
      <CsvImportButton />
      <Outcome state={state} />
    </section>
  );
}
